import ABCCore
import Testing
@testable import ABCShell

@Suite("lever cost-to-serve")
struct CostToServeLeverTests {
    typealias Command = AddLeverCommand<CostToServeLever>

    @Test func parsesAmountsExactly() throws {
        let command = try ShellFixture.parse("lever cost-to-serve c per-order 4.50 per-customer 1.2345", as: Command.self)
        guard case .add(let added, _) = command.action else { Issue.record("not an added lever"); return }
        let lever = added.lever
        // Money in 1/10,000 units: 4.50 → 45,000, 1.2345 → 12,345; tier c is C (index 2).
        #expect(lever == .costToServe(tier: 2, perOrder: 45_000, perCustomer: 12_345))
    }

    @Test func netBelowZeroPerTier() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(try f.blocks("lever cost-to-serve C per-order 10", as: Command.self).text
            == "Lever 1 of scenario base: cost-to-serve C per-order 10.00")
        // C = K3 (2 orders, profit 50), K5 (2, 10), K4 (1, 20): cts 20, 20, 10 = 50;
        // net 30, −10, 10: one customer (K5, revenue 50) below zero.
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers"))
        #expect(levers.rows == [["1", "cost-to-serve C per-order 10.00", "3", "", "0.00", "0.00", "0.00", ""]])
        #expect(blocks.text.contains("cost-to-serve C: 1 of 3 customers have net below zero (revenue 50.00)"))
        let table = try #require(blocks.table(titled: "Before and after"))
        let cts = try #require(table.rows.firstIndex { $0.first == "cost_to_serve" })
        #expect(table.rows[cts] == ["cost_to_serve", "before", "0.00", "0.00", "50.00", "50.00"])
        let net = try #require(table.rows.firstIndex { $0.first == "net_contribution" })
        // Net contribution = profit − cost-to-serve: C 80 − 50 = 30, total 430 − 50 = 380.
        #expect(table.rows[net] == ["net_contribution", "before", "250.00", "100.00", "30.00", "380.00"])
    }

    @Test func perCustomerCosts() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve B per-customer 120")
        defer { f.remove() }
        // B = K2: profit 100 − 120 = −20 below zero, with its revenue 250.
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        #expect(blocks.text.contains("cost-to-serve B: 1 of 1 customers have net below zero (revenue 250.00)"))
    }

    @Test(arguments: [
        // "lever cost-to-serve C" ends at column 21.
        ("lever cost-to-serve C", "missing per-order AMOUNT or per-customer AMOUNT; usage: lever cost-to-serve TIER [where …] [per-order AMOUNT] [per-customer AMOUNT]", 23),
        ("lever cost-to-serve C monthly 5", "expected per-order or per-customer; usage: lever cost-to-serve TIER [where …] [per-order AMOUNT] [per-customer AMOUNT]", 23),
        ("lever cost-to-serve C per-order 4.12345", "expected the cost per order (an amount ≥ 0 with at most 4 decimals), found '4.12345'", 33),
        ("lever cost-to-serve C per-order 1 per-order 2", "'per-order' is given twice", 35),
        ("lever cost-to-serve D per-order 1", "unknown tier 'D'; the tiers are A, B, C", 21),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.levers.isEmpty)
    }
}
