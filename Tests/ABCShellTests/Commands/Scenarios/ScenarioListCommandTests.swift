import Testing
@testable import ABCShell

@Suite("scenario list")
struct ScenarioListCommandTests {
    @Test func everyScenarioWithTheCurrentOneMarked() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; scenario new lean; set tiers revenue 80/15/5; lever uplift B revenue +10% adoption 30%; \
            lever retention A churn 15% -> 10% cost 25; scenario new weighted from base; set weights revenue 1; scenario use lean
            """)
        defer { f.remove() }
        let table = try #require(try f.blocks("scenario list", as: ScenarioListCommand.self).tables.first)
        #expect(table.columns.map(\.title) == ["", "scenario", "copied from", "criteria", "tiers", "levers"])
        #expect(table.rows == [
            ["", "base", "", "default", "count 20/30/50", "0"],
            ["*", "lean", "base", "default", "revenue 80/15/5", "2"],
            ["", "weighted", "base", "revenue 1", "count 20/30/50", "0"],
        ])
    }

    @Test func worksWithoutDataButTakesNoArguments() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        #expect(try f.blocks("scenario list", as: ScenarioListCommand.self).tables.first?.rows == [["*", "base", "", "default", "count 20/30/50", "0"]])
        let d = try #require(f.failure("scenario list all"))
        #expect(d.message == "too many arguments; usage: scenario list")
        #expect(d.location?.column == 15)
    }
}
