import Testing
@testable import ABCShell

@Suite("scenario drop")
struct ScenarioDropCommandTests {
    @Test func dropsAScenarioAndFallsBackToBase() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean; scenario new grow")
        defer { f.remove() }
        #expect(try f.blocks("scenario drop lean", as: ScenarioDropCommand.self).text == "Dropped scenario lean")
        #expect(f.session.scenarios.map(\.name) == ["base", "grow"])
        #expect(f.session.scenario.name == "grow")  // another scenario was current
        f.run("scenario drop grow")
        #expect(f.session.scenario.name == "base")  // the current one went
    }

    @Test func baseStays() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean")
        defer { f.remove() }
        let d = try #require(f.failure("scenario drop base"))
        #expect(d.message == "base cannot be dropped")
        #expect(d.location?.column == 15)
        let unknown = try #require(f.failure("scenario drop leen"))
        #expect(unknown.message == "no scenario 'leen'; did you mean 'lean'? scenarios: base, lean")
        #expect(f.session.scenarios.map(\.name) == ["base", "lean"])
    }
}
