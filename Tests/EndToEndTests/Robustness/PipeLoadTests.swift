import Foundation
import Testing

/// `load` from pipes, FIFOs and `/dev/fd/N`, plain and gzip, read without seeking; gzip
/// streams that are not whole are errors naming the file (issue 14, "Pipes").
@Suite("Loading from pipes")
struct PipeLoadTests {
    static let csv = "customer_id,date,amount\nK1,2024-01-05,100.00\nK2,2024-02-10,50.00\nK1,2024-03-01,20.00\n"

    static func folder() throws -> URL {
        let folder = try AbcProcess.temporaryFolder()
        try csv.write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -k t.csv"]
        gzip.currentDirectoryURL = folder
        try gzip.run()
        gzip.waitUntilExit()
        return folder
    }

    static func shell(_ script: String, in folder: URL) throws -> AbcProcess.Result {
        try AbcProcess.run(["-c", script], binary: "/bin/bash", directory: folder, environment: ["ABC": AbcProcess.debugBinary])
    }

    /// The customers and revenue the rows give, whatever way they come in.
    static let expected = "expect total customers = 2; expect total revenue = 170"

    @Test(arguments: [
        #"cat t.csv | "$ABC" -c "load /dev/stdin; $CHECK""#,
        #"cat t.csv | "$ABC" -c "load -; $CHECK""#,
        #"cat t.csv.gz | "$ABC" -c "load -; $CHECK""#,
        #""$ABC" -c "load /dev/fd/3; $CHECK" 3< <(cat t.csv.gz)"#,
        #""$ABC" -c "load /dev/fd/3; $CHECK" 3< <(cat t.csv)"#,
        #"mkfifo f; cat t.csv.gz > f & "$ABC" -c "load f; $CHECK""#,
    ])
    func streamsLoadEveryByte(_ script: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.shell("CHECK='\(Self.expected)'; " + script, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Commands piped in leave no data on standard input: `load -` there says so.
    @Test func loadDashWhenTheCommandsComeOnStandardInput() throws {
        let result = try AbcProcess.run([], stdin: "load -\nsegment\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:1:6: error: standard input holds the commands, so `load -` has no data to read"), "\(result.stderr)")
    }

    @Test func gzipThatIsNotWholeIsAnErrorNamingTheFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = [
            ("(cat t.csv.gz; echo garbage) > bad.gz", "unexpected data after the end of the compressed stream"),
            ("head -c 30 t.csv.gz > bad.gz", "the compressed data ends early (truncated file)"),
            (#"python3 -c "import sys; d=bytearray(open('t.csv.gz','rb').read()); d[-6]^=0xff; open('bad.gz','wb').write(d)""#,
             "the data does not match its checksum (corrupt file)"),
        ]
        for (make, message) in cases {
            let result = try Self.shell(make + #"; "$ABC" -c "load bad.gz" 3<bad.gz"#, in: folder)
            #expect(result.status == 1)
            #expect(result.stderr.contains("cannot decompress '\(folder.path)/bad.gz': \(message)"), "\(result.stderr)")
        }
        let twoMembers = try Self.shell(#"cat t.csv.gz > two.gz; tail -n +2 t.csv | gzip >> two.gz; "$ABC" -c "load two.gz; expect total revenue = 340""#, in: folder)
        #expect(twoMembers.status == 0, "\(twoMembers.stderr)")
    }

    /// A byte flipped in the middle of a gzip stream often still inflates, into rows that do
    /// not parse: the error is the damage (the checksum), at the first row it broke, from a
    /// file and from a pipe.
    @Test(arguments: [#""$ABC" -c "load big.csv.gz""#, #"cat big.csv.gz | "$ABC" -c "load -""#])
    func damageMidStreamIsReportedAsDamage(_ load: String) throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = "customer_id,date,amount\n"
        for i in 0..<200_000 { rows += "C\(i % 9_973),2024-\(String(format: "%02d", i % 12 + 1))-\(String(format: "%02d", i % 28 + 1)),\(i % 997).\(i % 89 + 10)\n" }
        try rows.write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        let damage = #"gzip -n big.csv && python3 -c "d=bytearray(open('big.csv.gz','rb').read()); d[len(d)//2]^=0x55; open('big.csv.gz','wb').write(d)"; "#
        let result = try Self.shell(damage + load, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.firstMatch(of: #/^(big\.csv\.gz|<stdin>):[0-9]+:[0-9]+: error: cannot decompress '.*': /#) != nil, "\(result.stderr)")
        #expect(!result.stderr.contains("missing column"), "\(result.stderr)")
    }
}
