import Testing
@testable import ABCShell

@Suite("lever list")
struct LeverListCommandTests {
    @Test func theLeversNumberedWithExactAmounts() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; lever cost-to-serve C per-order 4.5 per-customer 1; lever drop C unprofitable; \
            lever reactivation C inactive 40 days response 12.5% cost 3
            """)
        defer { f.remove() }
        let table = try #require(try f.blocks("lever list", as: LeverListCommand.self).tables.first)
        #expect(table.title == "Levers of scenario base, applied in this order:")
        // Amounts at the data's 2 decimals, rates as typed, the default orders 1 written out.
        #expect(table.rows == [
            ["1", "lever cost-to-serve C per-order 4.50 per-customer 1.00"],
            ["2", "lever drop C unprofitable"],
            ["3", "lever reactivation C inactive 40 days response 12.5% orders 1 cost 3.00"],
        ])
    }

    @Test func aScenarioWithoutLevers() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30%; scenario new other; lever clear")
        defer { f.remove() }
        #expect(try f.blocks("lever list", as: LeverListCommand.self).text == "Scenario other has no levers")
        let d = try #require(f.failure("lever list all"))
        #expect(d.message == "too many arguments; usage: lever list")
        #expect(d.location?.column == 12)
    }
}
