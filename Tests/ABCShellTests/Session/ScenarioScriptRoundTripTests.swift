import Foundation
import Testing
@testable import ABCShell

@Suite("Scenario scripts round trip")
struct ScenarioScriptRoundTripTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("abc-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs commands, failing the test on any error; returns what they printed.
    @discardableResult
    static func run(_ session: Session, _ commands: [String]) -> String {
        let output = CapturedOutput()
        for command in commands {
            let ok = session.execute(command, origin: .commandLine, output: output)
            #expect(ok, "\(command): \(output.diagnostics.map(\.message))")
        }
        return output.text
    }

    /// Both forms: the commands that ran, and the scenarios as they stand.
    @Test(arguments: ["save workshop.abc", "save --scenarios-only workshop.abc"])
    func savedSessionReplaysToTheSameFigures(save: String) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = Session(environment: .init(workingDirectory: folder.path))
        Self.run(original, [
            "load sample",
            "set weights revenue 0.4 profit 0.4 orders 0.2",
            "scenario new lean",
            "lever cost-to-serve C per-order 4.50 per-customer 1.25",
            "lever drop C unprofitable",
            "scenario new grow from base",
            "set tiers revenue 70/20/10",
            "lever uplift B revenue +12.5% adoption 30% cost 2 per-contact",
            "lever retention A churn 15% -> 9.5% cost 25",
            "lever reactivation C inactive 180 days response 8% orders 2 cost 3",
            "lever discount A price -5% volume +8%",
            "scenario new weighted from base",
            "set weights recency 0.3 tenure 0.2 margin 0.1 aov 0.4",
            "set tiers count 10/20/30/40",
            "scenario use lean",
            save,
        ])
        let replayed = Session(environment: .init(workingDirectory: folder.path))
        Self.run(replayed, ["run workshop.abc"])
        #expect(replayed.scenario.name == "lean")
        #expect(replayed.scenarios.map(\.name) == original.scenarios.map(\.name))
        for name in ["base", "lean", "grow", "weighted"] {
            let commands = ["scenario use \(name)", "scenario show", "segment", "simulate", name == "base" ? "compare base" : "compare base \(name)"]
            #expect(Self.run(original, commands) == Self.run(replayed, commands), "scenario \(name)")
        }
        #expect(Self.run(original, ["compare base lean grow weighted"]) == Self.run(replayed, ["compare base lean grow weighted"]))
    }

    @Test func saveRefusesToReplaceWithoutForce() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = Session(environment: .init(workingDirectory: folder.path))
        Self.run(session, ["save a.abc"])
        let output = CapturedOutput()
        #expect(!session.execute("save a.abc", origin: .commandLine, output: output))
        #expect(output.diagnostics.first?.message.contains("--force") == true)
        #expect(session.execute("save a.abc --force", origin: .commandLine, output: output))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["a.abc"])  // no temporary files left behind
    }

    @Test func scriptsRunScriptsRelativeToThemselvesAndReportCycles() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sub = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try "run sub/inner.abc\n".write(to: folder.appendingPathComponent("outer.abc"), atomically: true, encoding: .utf8)
        try "scenario new inner\nrun loop.abc\n".write(to: sub.appendingPathComponent("inner.abc"), atomically: true, encoding: .utf8)
        try "run inner.abc\n".write(to: sub.appendingPathComponent("loop.abc"), atomically: true, encoding: .utf8)
        let session = Session(environment: .init(workingDirectory: folder.path))
        let output = CapturedOutput()
        #expect(!session.runScript(path: folder.appendingPathComponent("outer.abc").path, output: output))
        #expect(session.scenario(named: "inner") != nil)  // sub/inner.abc was found relative to outer.abc
        let message = output.diagnostics.map(\.message).joined()
        #expect(message == "script runs itself: outer.abc → inner.abc → loop.abc → inner.abc")
    }

    @Test func expectFailureNamesTheScriptLine() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("check.abc")
        try "load sample\n\n# a comment\nexpect tier A customers = 999\nsegment\n".write(to: script, atomically: true, encoding: .utf8)
        let session = Session(environment: .init(workingDirectory: folder.path))
        let output = CapturedOutput()
        #expect(!session.runScript(path: script.path, output: output))
        let diagnostic = try #require(output.diagnostics.first)
        #expect(diagnostic.location?.line == 4)
        #expect(diagnostic.location?.column == 15)  // the metric
        #expect(diagnostic.message == "expectation failed: tier A customers is 1000, not = 999")
        #expect(!output.text.contains("Segmentation of"))  // the run stopped there
    }

    @Test(arguments: [
        ("expect tier A customers = 1000", true),
        ("expect tier A customers != 1000", false),
        ("expect total revenue = 6523132.70", true),
        ("expect total revenue = 6523132.7", true),
        ("expect total revenue > 6523132.69", true),
        ("expect total revenue < 6523132.70", false),
        ("expect tier A rev_share = 73.30%", true),
        ("expect tier A rev_share >= 73.31", false),
        ("expect total cust_share = 100", true),
    ])
    func expectComparesAtPrintedPrecision(command: String, holds: Bool) throws {
        let session = Session()
        Self.run(session, ["load sample"])
        #expect(session.execute(command, origin: .commandLine, output: CapturedOutput()) == holds)
    }
}
