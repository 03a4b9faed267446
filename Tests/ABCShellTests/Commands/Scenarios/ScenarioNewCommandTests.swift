import ABCCore
import Testing
@testable import ABCShell

@Suite("scenario new")
struct ScenarioNewCommandTests {
    @Test func parsesTheNameAndTheParent() throws {
        let plain = try ShellFixture.parse("scenario new lean", as: ScenarioNewCommand.self)
        #expect(plain.name.text == "lean" && plain.parent == nil)
        let copied = try ShellFixture.parse("scenario new lean-2 from base", as: ScenarioNewCommand.self)
        #expect(copied.name.text == "lean-2" && copied.parent?.text == "base")
    }

    @Test func aCopyOfTheCurrentScenarioBecomesCurrent() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers revenue 80/15/5; lever uplift B revenue +10% adoption 30%")
        defer { f.remove() }
        #expect(try f.blocks("scenario new lean", as: ScenarioNewCommand.self).text == "Scenario lean: a copy of base")
        #expect(f.session.scenario.name == "lean")
        #expect(f.session.scenario.parent == "base")
        #expect(f.session.scenario.rule == .valueShare(.revenue, [80, 15, 5]))
        #expect(f.session.scenario.levers.count == 1)
        // A copy, not a link: changing lean leaves base as it was.
        f.run("set tiers count 50/50")
        #expect(f.session.scenario(named: "base")?.rule == .valueShare(.revenue, [80, 15, 5]))
    }

    @Test func fromCopiesAnotherScenario() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new half; set tiers count 50/50; scenario new third")
        defer { f.remove() }
        #expect(try f.blocks("scenario new fresh from base", as: ScenarioNewCommand.self).text == "Scenario fresh: a copy of base")
        #expect(f.session.scenario.rule == .standard)
        #expect(f.session.scenarios.map(\.name) == ["base", "half", "third", "fresh"])
        #expect(f.session.scenario(named: "third")?.parent == "half")
    }

    @Test(arguments: [
        // "scenario new " is 13 characters: the name starts at column 14.
        ("scenario new base", "scenario 'base' exists; pick another name or `scenario use base`", 14),
        ("scenario new from", "'from' cannot be a scenario name: use letters, digits, '-', '_' or '~'", 14),
        ("scenario new my.plan", "'my.plan' cannot be a scenario name: use letters, digits, '-', '_' or '~'", 14),
        ("scenario new a b", "expected 'from OTHER' after the name", 16),
        ("scenario new a from", "missing the scenario to copy after 'from'; usage: scenario new NAME [from OTHER]", 21),
        ("scenario new a from bsae", "no scenario 'bsae'; did you mean 'base'? scenarios: base", 21),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenarios.map(\.name) == ["base"])
    }
}
