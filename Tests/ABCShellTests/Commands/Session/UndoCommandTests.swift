import Foundation
import Testing
@testable import ABCShell

@Suite("undo")
struct UndoCommandTests {
    @Test func oneStepPerChangingCommand() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("scenario new a; set tiers revenue 80/15/5; lever uplift B revenue +10% adoption 30%; segment; set format csv")
        // segment and set format change no scenario: three steps back reach scenario a as created.
        #expect(try f.blocks("undo", as: UndoCommand.self).text == "Undone: lever uplift B revenue +10% adoption 30% (scenario a now has 0 levers)")
        #expect(try f.blocks("undo", as: UndoCommand.self).text == "Undone: set tiers revenue 80/15/5 (scenario a now has 0 levers)")
        #expect(f.session.scenario.name == "a")
        #expect(f.session.scenario.levers.isEmpty && f.session.scenario.rule == .standard)
        f.run("undo")
        #expect(f.session.scenarios.map(\.name) == ["base"])
        #expect(try f.blocks("undo", as: UndoCommand.self).text == "Nothing to undo")
    }

    @Test func aRunIsOneStep() throws {
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "w.abc": "scenario new x\nlever uplift B revenue +10% adoption 30%\nscenario new y\n"])
        defer { f.remove() }
        f.run("run w.abc")
        #expect(f.session.scenarios.map(\.name) == ["base", "x", "y"])
        f.run("undo")
        #expect(f.session.scenarios.map(\.name) == ["base"])
        #expect(f.session.dataset != nil)  // the load is not undone
    }
}
