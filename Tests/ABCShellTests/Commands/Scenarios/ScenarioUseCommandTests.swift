import Testing
@testable import ABCShell

@Suite("scenario use")
struct ScenarioUseCommandTests {
    @Test func switchesTheScenarioCommandsApplyTo() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new half; set tiers count 50/50")
        defer { f.remove() }
        #expect(try f.blocks("scenario use base", as: ScenarioUseCommand.self).isEmpty)
        #expect(f.session.scenario.name == "base")
        // base still tiers 20/30/50: A = ⌊5·20/100⌋ = 1 customer; half has ⌊5·50/100⌋ = 2.
        f.run("expect tier A customers = 1")
        f.run("scenario use half; expect tier A customers = 2")
    }

    @Test func anUnknownNameSuggestsTheNearest() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean")
        defer { f.remove() }
        let d = try #require(f.failure("scenario use laen"))
        #expect(d.message == "no scenario 'laen'; did you mean 'lean'? scenarios: base, lean")
        #expect(d.location?.column == 14)
        #expect(f.session.scenario.name == "lean")
        let extra = try #require(f.failure("scenario use base lean"))
        #expect(extra.message == "too many arguments; usage: scenario use NAME")
        #expect(extra.location?.column == 19)
    }
}
