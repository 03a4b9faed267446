import ABCCore
import Testing
@testable import ABCShell

@Suite("lever remove")
struct LeverRemoveCommandTests {
    @Test func removesOneLeverAndKeepsTheOrder() throws {
        let f = try ShellFixture(setup: """
            load sales.csv; lever cost-to-serve C per-order 10; lever drop C unprofitable; \
            lever retention A churn 15% -> 10% cost 25
            """)
        defer { f.remove() }
        #expect(try f.blocks("lever remove 2", as: LeverRemoveCommand.self).text == "Removed lever 2: drop C unprofitable")
        let rest = f.session.scenario.levers.map(\.kind)
        #expect(rest == ["cost-to-serve", "retention"])
        // Without the drop, C keeps its 3 customers after the levers.
        f.run("expect projected tier C customers = 3")
    }

    @Test(arguments: [
        ("lever remove 3", "expected a lever number from 1 to 2, found '3'", 14),
        ("lever remove 0", "expected a lever number from 1 to 2, found '0'", 14),
        ("lever remove last", "expected a lever number from 1 to 2, found 'last'", 14),
        ("lever remove 1 2", "too many arguments; usage: lever remove N | KIND TIER [where …]", 16),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 10; lever drop C unprofitable")
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.levers.count == 2)
    }

    @Test func aScenarioWithoutLevers() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("lever remove 1"))
        #expect(d.message == "scenario base has no levers")
        #expect(d.location?.column == 14)
    }

    /// A lever is named by its kind, tier and filter as written (docs/levers.md#levers-on-groups).
    @Test func byKindTierAndFilter() throws {
        let f = try LeverFilterTests.fixture("""
            ; lever retention A where country = France churn 20% -> 10% cost 5; lever retention A churn 15% -> 10% cost 1; \
            lever uplift B revenue +10% adoption 30%
            """)
        defer { f.remove() }
        let removed = try f.blocks("lever remove retention A where country=France", as: LeverRemoveCommand.self).text
        #expect(removed == "Removed lever 1: retention A where country = France churn 20% -> 10% cost 5.00")
        #expect(f.session.scenario.levers.map { $0.script(money: { String($0) }) }.first?.hasPrefix("retention A churn") == true)
        #expect(try f.blocks("lever remove retention a", as: LeverRemoveCommand.self).text == "Removed lever 1: retention A churn 15% -> 10% cost 1.00")
        #expect(f.session.scenario.levers.map(\.kind) == ["uplift"])
        try f.expectFailure("lever remove uplift B where at-risk", message: "scenario base has no lever uplift B where at-risk; lever list shows its levers", column: 14)
        try f.expectFailure("lever remove upleft B", message: "expected a lever number or kind (cost-to-serve, uplift, retention, reactivation, discount, drop), found 'upleft'", column: 14)
        #expect(f.session.scenario.levers.count == 1)
    }
}
