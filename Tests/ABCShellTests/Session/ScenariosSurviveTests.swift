import Foundation
import Testing
@testable import ABCShell

/// With a workspace open, every change to the scenarios is written at once and reopening the
/// workspace restores them (issue 15, "Scenarios that survive"; docs/workspace.md).
@Suite("Scenarios that survive")
struct ScenariosSurviveTests {
    /// A second session on the fixture's folder, as a second shell would be.
    static func secondShell(_ f: ShellFixture) -> Session {
        Session(environment: Session.Environment(workingDirectory: f.folder.path, home: nil))
    }

    static func run(_ line: String, in session: Session) -> CapturedOutput {
        let output = CapturedOutput()
        session.execute(line, origin: .commandLine, output: output)
        return output
    }

    @Test func reopeningRestoresScenariosLeversCurrentAndData() throws {
        let f = try Quarters.fixture(setup: "load q1.csv; workspace open w.abcw")
        defer { f.remove() }
        f.run("scenario new lean")
        f.run("lever cost-to-serve C per-order 4.50")
        f.run("scenario new growth from base")
        f.run("set tiers revenue 70/20/10")
        f.run("undo")  // undone: growth keeps the default tiers
        f.run("scenario use lean")

        let later = Self.secondShell(f)
        let opened = Self.run("workspace open w.abcw", in: later)
        #expect(opened.diagnostics.isEmpty, "\(opened.diagnostics.map(\.message))")
        #expect(opened.text.contains("Restored 3 scenarios from the workspace (current: lean)"), "\(opened.text)")
        #expect(later.scenarios.map(\.name) == ["base", "lean", "growth"])
        #expect(later.scenario.name == "lean")
        #expect(later.scenario.levers == f.session.scenario(named: "lean")?.levers)
        #expect(later.scenario(named: "growth")?.rule == f.session.scenario(named: "base")?.rule)
        #expect(later.dataset?.customerCount == 10)
    }

    @Test func aChangedDataFileIsNotReloadedAndSaidSo() throws {
        let f = try Quarters.fixture(setup: "load q1.csv; workspace open w.abcw")
        defer { f.remove() }
        f.run("scenario new lean")
        try (Quarters.q1 + "C11,2025-03-30,5.00,1.00\n").write(toFile: f.path("q1.csv"), atomically: true, encoding: .utf8)
        let later = Self.secondShell(f)
        let opened = Self.run("workspace open w.abcw", in: later)
        #expect(opened.text.contains("q1.csv' changed since the workspace kept it (size or time): not loaded; load it again"), "\(opened.text)")
        #expect(later.dataset == nil)
        #expect(later.scenarios.map(\.name) == ["base", "lean"])
    }

    @Test func aReplayKeepsTheOldScenariosAsCopies() throws {
        let f = try Quarters.fixture(setup: "load q1.csv; workspace open w.abcw")
        defer { f.remove() }
        f.run("scenario new lean")
        f.run("lever cost-to-serve C per-order 4.50")
        try "load q1.csv\nscenario new lean\nset tiers revenue 60/30/10\n".write(toFile: f.path("s.abc"), atomically: true, encoding: .utf8)
        let output = f.run("run s.abc")
        #expect(output.notes.contains("the workspace keeps them as lean~1"), "\(output.notes)")
        #expect(f.session.scenarios.map(\.name) == ["base", "lean~1", "lean"])
        #expect(f.session.scenario(named: "lean~1")?.levers.count == 1)
        let later = Self.secondShell(f)
        _ = Self.run("workspace open w.abcw", in: later)
        #expect(later.scenarios.map(\.name) == ["base", "lean~1", "lean"])
    }

    /// Two shells on one workspace: the second to write is told, and writes nothing over the first's.
    @Test func theSecondWriterIsToldAndNothingIsOverwritten() throws {
        let f = try Quarters.fixture(setup: "load q1.csv; workspace open w.abcw")
        defer { f.remove() }
        let other = Self.secondShell(f)
        _ = Self.run("load q1.csv; workspace open w.abcw", in: other)
        f.run("scenario new mine")
        let told = Self.run("scenario new theirs", in: other)
        #expect(told.notes.contains("were changed by another abc") && told.notes.contains("nothing was written"), "\(told.notes)")
        let third = Self.secondShell(f)
        _ = Self.run("workspace open w.abcw", in: third)
        #expect(third.scenarios.map(\.name) == ["base", "mine"])
    }
}
