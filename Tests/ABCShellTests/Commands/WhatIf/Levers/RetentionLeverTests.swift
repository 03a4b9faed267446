import ABCCore
import Testing
@testable import ABCShell

@Suite("lever retention")
struct RetentionLeverTests {
    typealias Command = AddLeverCommand<RetentionLever>

    @Test func parsesTheChurnRates() throws {
        let command = try ShellFixture.parse("lever retention A churn 15% -> 9.5% cost 25", as: Command.self)
        guard case .add(let added, _) = command.action else { Issue.record("not an added lever"); return }
        let lever = added.lever
        #expect(lever == .retention(tier: 0, churnBefore: ExactRate(numerator: 15, denominator: 100),
                                    churnAfter: ExactRate(numerator: 95, denominator: 1000), cost: 250_000))
    }

    @Test func keptRevenueAndROI() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever retention A churn 15% -> 10% cost 25")
        defer { f.remove() }
        // A = K1 (revenue 500, profit 250): kept 500 × (15% − 10%) = 25.00, profit 250 × 5% = 12.50;
        // cost 25 × 1 customer; ROI (12.50 − 25) / 25 = −50%.
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers"))
        #expect(levers.rows == [["1", "retention A churn 15% -> 10% cost 25.00", "1", "", "25.00", "12.50", "25.00", "-50.0%"]])
        // Net contribution of A after: 250 + 12.50 − 25 = 237.50.
        let table = try #require(blocks.table(titled: "Before and after"))
        let net = try #require(table.rows.firstIndex { $0.first == "net_contribution" })
        #expect(table.rows[net + 1] == ["", "after", "237.50", "100.00", "80.00", "417.50"])
    }

    @Test(arguments: [
        ("lever retention A churn 10% -> 15% cost 3", "the churn after (15%) cannot exceed the churn before (10%)", 32),
        ("lever retention A churn 15% to 10% cost 3", "expected '->', found 'to'; usage: lever retention TIER [where …] churn B% -> R% cost AMOUNT", 29),
        // "lever retention A churn 15% -> 10%" ends at column 34.
        ("lever retention A churn 15% -> 10%", "missing 'cost'; usage: lever retention TIER [where …] churn B% -> R% cost AMOUNT", 36),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }
}
