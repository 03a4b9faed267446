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
        ("lever remove 1 2", "too many arguments; usage: lever remove N", 16),
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
}
