import Foundation
import Testing

/// Every workshop script in scenarios/ is a golden test: `abc run NAME.abc` must print exactly
/// NAME.expected and exit 0. `RECORD_SNAPSHOTS=1` rewrites the expected files and fails, so a
/// changed output is always reviewed.
@Suite("Scenario scripts")
struct ScenarioScriptTests {
    static let folder = AbcProcess.packageRoot.appendingPathComponent("scenarios")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".abc") }.sorted()
    }

    @Test("there are workshop scripts")
    func scriptsExist() {
        #expect(Self.scripts.count >= 3)
    }

    @Test("replay prints exactly the expected output", arguments: scripts)
    func replay(script: String) throws {
        let result = try AbcProcess.run(["run", script], directory: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let expectedURL = Self.folder.appendingPathComponent(script.replacingOccurrences(of: ".abc", with: ".expected"))
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try result.stdout.write(to: expectedURL, atomically: true, encoding: .utf8)
            Issue.record("recorded \(expectedURL.lastPathComponent); review it and run again without RECORD_SNAPSHOTS")
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        if result.stdout != expected {
            let ours = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let theirs = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = Array(zip(ours, theirs)).firstIndex { $0 != $1 } ?? min(ours.count, theirs.count)
            Issue.record("""
                \(script) output differs from \(expectedURL.lastPathComponent) at line \(line + 1):
                  got:      \(line < ours.count ? String(ours[line]) : "<end>")
                  expected: \(line < theirs.count ? String(theirs[line]) : "<end>")
                """)
        }
    }

    /// The `expect` values were computed apart from the tool: tools/reference_abc.py must
    /// print the same value for every `# ref: NAME` annotation.
    @Test("expect values match the independent reference calculation")
    func expectValuesMatchReference() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", AbcProcess.packageRoot.appendingPathComponent("tools/reference_abc.py").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var reference: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            reference[String(parts[0])] = String(parts[1])
        }
        var checked = 0
        for script in Self.scripts {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(script), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("expect") && line.contains("# ref: ") {
                let name = String(line[line.range(of: "# ref: ")!.upperBound...]).trimmingCharacters(in: .whitespaces)
                let words = line[..<line.range(of: "#")!.lowerBound].split(separator: " ")
                let value = String(words.last!)
                #expect(reference[name] == value, "\(script): \(line)")
                checked += 1
            }
        }
        #expect(checked >= 9)
    }
}
