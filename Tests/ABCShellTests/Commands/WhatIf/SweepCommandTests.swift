import Testing
@testable import ABCShell

@Suite("sweep")
struct SweepCommandTests {
    @Test func parsesTheSettingAndTheSteps() throws {
        let command = try ShellFixture.parse("sweep lever 1 adoption 10% 50% 20%", as: SweepCommand.self)
        #expect(command.setting.kind.text == "lever" && command.setting.what.text == "1" && command.setting.field?.text == "adoption")
        // Setting values in 1/10,000 units: 10%, 30%, 50%.
        #expect(command.values == [100_000, 300_000, 500_000])
    }

    @Test func aTierShare() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let table = try #require(try f.blocks("sweep share A 20 60 20", as: SweepCommand.self).tables.first)
        // C takes up the difference: 20/30/50, 40/30/30, 60/30/10 of the ranks K1, K2, K3, K5, K4.
        // A = ⌊5·a/100⌋ = 1, 2, 3; B up to ⌊5·(a + 30)/100⌋ = 2, 3, 4.
        #expect(table.column("share A") == ["20%", "40%", "60%"])
        #expect(table.column("A_customers") == ["1", "2", "3"])
        #expect(table.column("B_customers") == ["1", "1", "1"])
        #expect(table.column("C_customers") == ["3", "2", "1"])
        // A: K1; K1 + K2; K1 + K2 + K3. B: K2; K3; K5.
        #expect(table.column("A_revenue") == ["500.00", "750.00", "870.00"])
        #expect(table.column("B_revenue") == ["250.00", "120.00", "50.00"])
        // No levers: net contribution is the profit, 430.
        #expect(table.column("net_contribution") == ["430.00", "430.00", "430.00"])
        // Against 20/30/50: at 40% K2 (B → A) and K3 (C → B) move; at 60% also K5 (C → B).
        #expect(table.column("changed_tier") == ["0", "2", "3"])
    }

    @Test func aLeverFigure() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2")
        defer { f.remove() }
        let table = try #require(try f.blocks("sweep lever 1 adoption 0% 100% 50%", as: SweepCommand.self).tables.first)
        #expect(table.title == "Sweep of lever 1 adoption in scenario base (customers and revenue by tier after the levers, net contribution after them; changed_tier: customers whose tier after the levers differs from their tier now):")
        // B = K2: revenue 250 + 250 × 10% × y; net 430 + 100 × 10% × y − 2 × y.
        #expect(table.column("B_revenue") == ["250.00", "262.50", "275.00"])
        #expect(table.column("net_contribution") == ["430.00", "434.00", "438.00"])
    }

    /// PRODUCT.md: "A sweep's or seek's `changed_tier` counts customers whose tier after the levers at
    /// that setting differs from their tier before the levers in the scenario as it stands."
    @Test func changedTierCountsMovesCausedByTheLevers() throws {
        let f = try ShellFixture(setup: "load sales.csv; set weights revenue 1; lever uplift B revenue +200% adoption 30%")
        defer { f.remove() }
        let table = try #require(try f.blocks("sweep lever 1 adoption 0% 100% 100%", as: SweepCommand.self).tables.first)
        // At 100% K2's revenue is 250 × 3 = 750: its projected score (750 − 50) / 450 > 1 is above A's
        // boundary (K1, 1), so K2 moves to A: one customer changes tier. At 0% no one moves.
        #expect(table.column("changed_tier") == ["0", "1"])
    }

    @Test func moreThanAThousandStepsNeedForce() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(
            "sweep weight revenue 0 1 0.0005",
            message: "2,001 steps would run for minutes (more than 1,000); add --force to run it, or take a larger STEP", column: 26)
        let table = try #require(try f.blocks("sweep weight revenue 0 1 0.0005 --force", as: SweepCommand.self).tables.first)
        #expect(table.rows.count == 2001)
        #expect(table.column("weight revenue").last == "1")
        // A thousand steps exactly need no --force.
        #expect(try f.blocks("sweep weight revenue 0 0.999 0.001", as: SweepCommand.self).tables.first?.rows.count == 1000)
    }

    @Test(arguments: [
        ("sweep share A 20 60", "expected FROM TO STEP after the setting; usage: sweep SETTING FROM TO STEP", 15),
        ("sweep share A 60 20 10", "expected numbers FROM ≤ TO and STEP > 0", 15),
        ("sweep share A 0 100 0.1", "1,001 steps would run for minutes (more than 1,000); add --force to run it, or take a larger STEP", 21),
        ("sweep share A 0 100000 0.0001 --force", "1,000,000,001 steps is too many (at most 1,000,000, even with --force)", 24),
        ("sweep price A 1 2 1", "expected weight, share or lever, found 'price'", 7),
        ("sweep lever 2 adoption 0 1 1", "expected a lever number from 1 to 1, found '2'", 13),
        ("sweep lever 1 price 1 5 1", "lever 1 (uplift) has no figure 'price'; it has: lift, adoption, cost", 15),
        ("sweep weight revnue 0 1 0.5", "unknown criterion 'revnue'; did you mean 'revenue'? criteria: revenue, profit, margin, orders, aov, recency, tenure, clv, palive, expected_orders (aliases frequency, loyalty)", 14),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30%")
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }
}
