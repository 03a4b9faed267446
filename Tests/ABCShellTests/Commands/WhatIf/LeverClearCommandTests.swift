import Testing
@testable import ABCShell

@Suite("lever clear")
struct LeverClearCommandTests {
    @Test func removesEveryLeverOfTheCurrentScenarioOnly() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; lever retention A churn 15% -> 10% cost 25; scenario new lean; \
            lever cost-to-serve C per-order 10
            """)
        defer { f.remove() }
        // lean is a copy of base (1 lever) plus its own: 2.
        #expect(try f.blocks("lever clear", as: LeverClearCommand.self).text == "Removed 2 levers of scenario lean")
        #expect(f.session.scenario.levers.isEmpty)
        #expect(f.session.scenario(named: "base")?.levers.count == 1)
        #expect(try f.blocks("lever clear", as: LeverClearCommand.self).text == "Removed 0 levers of scenario lean")
        // Without levers the simulation changes nothing: net contribution stays the profit, 430.
        f.run("expect projected total net_contribution = 430")
    }

    @Test func usageError() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("lever clear 1"))
        #expect(d.message == "too many arguments; usage: lever clear")
        #expect(d.location?.column == 13)
    }
}
