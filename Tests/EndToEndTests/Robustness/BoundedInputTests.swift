import Foundation
import Testing

/// Input with no end or no line breaks stops with an error; long headers and words cost
/// linear time; values from the data cannot drive the terminal (issue 14, "Bounded input").
@Suite("Bounded input")
struct BoundedInputTests {
    static func shell(_ script: String, in folder: URL? = nil) throws -> AbcProcess.Result {
        try AbcProcess.run(["-c", script], binary: "/bin/bash", directory: folder, environment: ["ABC": AbcProcess.debugBinary])
    }

    @Test(arguments: [
        #""$ABC" -c 'load /dev/zero'"#,
        #"head -c 40000000 /dev/zero | gzip | "$ABC" -c 'load -'"#,
    ])
    func noLineBreakStopsAtTheLimit(_ script: String) throws {
        let result = try Self.shell(script)
        #expect(result.status == 1)
        #expect(result.stderr.contains(":1:1: error: a record longer than 16777216 bytes (the line size limit)"), "\(result.stderr)")
    }

    @Test func theLimitIsAnOption() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "customer_id,date,amount\nK1,2024-01-05,100.00\nK2,2024-01-05,100.00000000000000000000000000000\n"
            .write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let small = try AbcProcess.run(["-c", "load t.csv --max-line-size 40"], directory: folder)
        #expect(small.status == 1)
        #expect(small.stderr.hasPrefix("t.csv:3:1: error: a record longer than 40 bytes"), "\(small.stderr)")
        #expect(try AbcProcess.run(["-c", "load t.csv --max-line-size 1K"], directory: folder).status == 0)
        let bad = try AbcProcess.run(["-c", "load t.csv --max-line-size lots"], directory: folder)
        #expect(bad.stderr.contains("expected a number of bytes for --max-line-size"))
    }

    /// A 5 MB header once took minutes (a quadratic step per character): now about a second.
    @Test func aHugeHeaderLoadsAndIsShownCut() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let wide = String(repeating: "x", count: 5_000_000)
        try "customer_id,\(wide),date,amount\nK1,a,2024-01-01,5\nK2,b,2024-01-01,zz\n"
            .write(to: folder.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        let started = Date()
        let result = try AbcProcess.run(["-c", "load wide.csv --customer nosuch"], directory: folder)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.status == 1)
        #expect(result.stderr.contains("'" + String(repeating: "x", count: 80) + "…'"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.count < 2_000)
    }

    @Test func aHugeUnknownWordGetsNoSuggestionQuickly() throws {
        let started = Date()
        let result = try AbcProcess.run([], stdin: String(repeating: "q", count: 1_000_000) + "\n")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: unknown command"))
        #expect(!result.stderr.contains("did you mean"))
    }

    @Test func escapeSequencesInDataAreShownEscaped() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "customer_id,date,amount\nK1,2024-01-01,\u{1B}[31mred\u{7}\n".write(to: folder.appendingPathComponent("esc.csv"), atomically: true, encoding: .utf8)
        let result = try AbcProcess.run(["-c", "load esc.csv"], directory: folder)
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"))
        #expect(result.stderr.contains(#"found "\u{1b}[31mred\u{7}""#), "\(result.stderr)")
    }
}

extension BoundedInputTests {
    @Test func aDateBeforeTheRangeSaysTheRange() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "customer_id,date,amount\nK1,0001-01-01,5\n".write(to: folder.appendingPathComponent("old.csv"), atomically: true, encoding: .utf8)
        let result = try AbcProcess.run(["-c", "load old.csv"], directory: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"found "0001-01-01": dates run from 1000-01-01 to 9999-12-31"#), "\(result.stderr)")
    }
}
