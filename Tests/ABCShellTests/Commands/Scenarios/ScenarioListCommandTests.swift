import Testing
@testable import ABCShell

@Suite("scenario list")
struct ScenarioListCommandTests {
    @Test func everyScenarioWithTheCurrentOneMarked() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; scenario new lean; set tiers revenue 80/15/5; lever uplift B revenue +10% adoption 30%; \
            lever retention A churn 15% -> 10% cost 25; scenario new weighted from base; set weights revenue 1; \
            scenario new q1 from base; set period quarter 2024Q1; scenario new feb from base; set period month 2024-02; set asof 2024-02-20; \
            scenario new span from base; set period 2024-01-15 2024-02-14; scenario use lean
            """)
        defer { f.remove() }
        let table = try #require(try f.blocks("scenario list", as: ScenarioListCommand.self).tables.first)
        #expect(table.columns.map(\.title) == ["", "scenario", "copied from", "criteria", "tiers", "window", "levers"])
        #expect(table.rows == [
            ["", "base", "", "default", "count 20/30/50", "all data", "0"],
            ["*", "lean", "base", "default", "revenue 80/15/5", "all data", "2"],
            ["", "weighted", "base", "revenue 1", "count 20/30/50", "all data", "0"],
            ["", "q1", "base", "default", "count 20/30/50", "quarter 2024Q1", "0"],
            ["", "feb", "base", "default", "count 20/30/50", "month 2024-02 as of 2024-02-20", "0"],
            ["", "span", "base", "default", "count 20/30/50", "2024-01-15 to 2024-02-14", "0"],
        ])
    }

    @Test func worksWithoutDataButTakesNoArguments() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        #expect(try f.blocks("scenario list", as: ScenarioListCommand.self).tables.first?.rows == [["*", "base", "", "default", "count 20/30/50", "all data", "0"]])
        let d = try #require(f.failure("scenario list all"))
        #expect(d.message == "too many arguments; usage: scenario list")
        #expect(d.location?.column == 15)
    }
}
