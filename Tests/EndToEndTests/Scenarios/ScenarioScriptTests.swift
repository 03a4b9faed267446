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

    /// `# workspace: NAME` in a script: it runs with `--workspace NAME` in a fresh temporary folder.
    static func workspaceArguments(of script: String) throws -> (arguments: [String], folder: URL?) {
        let text = try String(contentsOf: folder.appendingPathComponent(script), encoding: .utf8)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# workspace: ") }) else { return ([], nil) }
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("abc-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        return (["--workspace", temporary.appendingPathComponent(String(line.dropFirst("# workspace: ".count))).path], temporary)
    }

    @Test("replay prints exactly the expected output", arguments: scripts)
    func replay(script: String) throws {
        let workspace = try Self.workspaceArguments(of: script)
        defer { if let folder = workspace.folder { try? FileManager.default.removeItem(at: folder) } }
        let result = try AbcProcess.run(["run", script] + workspace.arguments, directory: Self.folder)
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
            // A script whose levers are checked by tools/reference_levers.py names its arguments.
            let levers = try text.split(separator: "\n").first { $0.hasPrefix("# reference-levers: ") }.map {
                try Self.leverReference(arguments: String($0.dropFirst("# reference-levers: ".count)))
            }
            for line in text.split(separator: "\n") where line.hasPrefix("expect") && line.contains("# ref: ") {
                guard let at = line.range(of: "# ref: "), let hash = line.range(of: "#") else { continue }
                let name = String(line[at.upperBound...]).trimmingCharacters(in: .whitespaces)
                let value = line[..<hash.lowerBound].split(separator: " ").last.map(String.init)
                if let levers {
                    #expect(try Self.lookup(name, in: levers) == value, "\(script): \(line)")
                } else {
                    #expect(reference[name] == value, "\(script): \(line)")
                }
                checked += 1
            }
        }
        #expect(checked >= 9)
    }

    /// tools/reference_levers.py's JSON for a script's `# reference-levers:` arguments, run in
    /// the scripts' folder (the arguments are split as a POSIX shell would).
    static func leverReference(arguments: String) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.currentDirectoryURL = folder
        let driver = "import shlex, subprocess, sys; sys.exit(subprocess.call([sys.executable, sys.argv[1]] + shlex.split(sys.argv[2])))"
        process.arguments = ["python3", "-c", driver, AbcProcess.packageRoot.appendingPathComponent("tools/reference_levers.py").path, arguments]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// `tiers.B.revenue_after` in the reference's JSON, as `expect` prints it: money rounded
    /// half-even to 2 decimals, counts as they are.
    static func lookup(_ path: String, in json: [String: Any]) throws -> String? {
        var node: Any = json
        for key in path.split(separator: ".") {
            guard let object = node as? [String: Any], let next = object[String(key)] else { return nil }
            node = next
        }
        if let count = node as? Int { return String(count) }
        guard let money = node as? String else { return nil }
        // "123.4550" → 123.46 (half-even on the third and fourth decimals).
        let negative = money.hasPrefix("-")
        let parts = (negative ? String(money.dropFirst()) : money).split(separator: ".")
        guard parts.count == 2, let whole = Int(parts[0]), let fraction = Int(parts[1]), parts[1].count == 4 else { return nil }
        var cents = whole * 100 + fraction / 100
        let rest = fraction % 100
        if rest > 50 || (rest == 50 && cents % 2 == 1) { cents += 1 }
        return (negative ? "-" : "") + "\(cents / 100)." + String(format: "%02d", cents % 100)
    }
}
