import Testing
@testable import ABCShell

@Suite("simulate")
struct SimulateCommandTests {
    static let levers = "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2; lever retention A churn 15% -> 10% cost 25"

    @Test func parsesTheOptions() throws {
        let command = try ShellFixture.parse("simulate --annualise --runs 200 --seed 7", as: SimulateCommand.self)
        #expect(command.annualise)
        #expect(command.monteCarlo?.runs == 200 && command.monteCarlo?.seed == 7)
        let defaults = try ShellFixture.parse("simulate --runs 10", as: SimulateCommand.self)
        #expect(!defaults.annualise && defaults.monteCarlo?.seed == 1)
        #expect(try ShellFixture.parse("simulate", as: SimulateCommand.self).monteCarlo == nil)
    }

    @Test func beforeAndAfterPerTier() throws {
        let f = try ShellFixture(setup: Self.levers)
        defer { f.remove() }
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        #expect(blocks.text == "Simulation of scenario base on sales.csv, window all data, 2024-01-01 to 2024-03-31 (91 days)")
        let table = try #require(blocks.table(titled: "Before and after the levers, by tier before the levers"))
        #expect(table.columns.map(\.title) == ["measure", "", "A", "B", "C", "total"])
        // Uplift on B (K2): +7.50 revenue, +3.00 profit, cost 2 × 30% = 0.60.
        // Retention on A (K1): +25.00 revenue, +12.50 profit, cost 25.
        #expect(table.rows == [
            ["customers", "before", "1", "1", "3", "5"],
            ["", "after", "1", "1", "3", "5"],
            ["", "delta", "0", "0", "0", "0"],
            ["revenue", "before", "500.00", "250.00", "250.00", "1000.00"],
            ["", "after", "525.00", "257.50", "250.00", "1032.50"],
            ["", "delta", "25.00", "7.50", "0.00", "32.50"],
            ["profit", "before", "250.00", "100.00", "80.00", "430.00"],
            ["", "after", "262.50", "103.00", "80.00", "445.50"],
            ["", "delta", "12.50", "3.00", "0.00", "15.50"],
            ["lever_cost", "after", "25.00", "0.60", "0.00", "25.60"],
            // Net = profit − cost-to-serve − lever cost: A 262.50 − 25, B 103 − 0.60.
            ["net_contribution", "before", "250.00", "100.00", "80.00", "430.00"],
            ["", "after", "237.50", "102.40", "80.00", "419.90"],
            ["", "delta", "-12.50", "2.40", "0.00", "-10.10"],
        ])
        // Nobody changes tier: K1 and K2 only grow.
        let migration = try #require(blocks.table(titled: "Migration"))
        #expect(migration.rows == [["A", "1", "0", "0", "1"], ["B", "0", "1", "0", "1"], ["C", "0", "0", "3", "3"]])
    }

    @Test func annualisedFiguresScaleBy365OverTheWindow() throws {
        let f = try ShellFixture(setup: Self.levers)
        defer { f.remove() }
        let blocks = try f.blocks("simulate --annualise", as: SimulateCommand.self)
        #expect(blocks.text == "Simulation of scenario base on sales.csv, window all data, 2024-01-01 to 2024-03-31 (91 days), annualised to 365 days")
        // 1000 × 365 / 91 = 4010.989… → 4010.99; 7.50 × 365 / 91 = 30.082… → 30.08.
        let table = try #require(blocks.table(titled: "Before and after"))
        #expect(table.rows[3].last == "4010.99")
        #expect(try #require(blocks.table(titled: "Levers"))["1", "delta_revenue"] == "30.08")
    }

    @Test func aPartialPeriodIsAnnualisedByItsCoveredDays() throws {
        // 2023-12-01 … 2024-03-31 is 31 + 91 = 122 days, of which the data (from 2024-01-01)
        // covers 91: the same figures as the whole data, scaled by 365 / 91, not 365 / 122.
        let f = try ShellFixture(setup: Self.levers + "; set period 2023-12-01 2024-03-31")
        defer { f.remove() }
        let blocks = try f.blocks("simulate --annualise", as: SimulateCommand.self)
        #expect(blocks.text
                == "Simulation of scenario base on sales.csv, window 2023-12-01 to 2024-03-31, 2024-01-01 to 2024-03-31 (partial: 91 of 122 days), annualised to 365 days")
        #expect(try #require(blocks.table(titled: "Before and after")).rows[3].last == "4010.99")
    }

    @Test func monteCarloWithCertainAdoptionHasNoSpread() throws {
        // Adoption 100%: every run draws K2 as an adopter, so P10 = P50 = P90:
        // Δrevenue 250 × 10% = 25, Δprofit 100 × 10% = 10, cost 1, ROI (10 − 1) / 1 = 900%, and the
        // net contribution after the levers 430 + 10 − 1 = 439.
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 100% cost 1")
        defer { f.remove() }
        let table = try #require(try f.blocks("simulate --runs 5 --seed 9", as: SimulateCommand.self).table(titled: "Monte Carlo"))
        #expect(table.title?.hasPrefix("Monte Carlo: 5 runs, seed 9 ") == true)
        #expect(table.rows == [
            ["delta_revenue", "25.00", "25.00", "25.00"],
            ["delta_profit", "10.00", "10.00", "10.00"],
            ["lever_cost", "1.00", "1.00", "1.00"],
            ["net_contribution", "439.00", "439.00", "439.00"],
            ["roi lever 1 (uplift)", "900.0%", "900.0%", "900.0%"],
        ])
    }

    @Test func withoutLeversSaysHowToAddOne() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        #expect(blocks.tables.isEmpty)
        #expect(blocks.text.hasSuffix("Scenario base has no levers; add one with `lever …` (help lever uplift)."))
    }

    @Test(arguments: [
        ("simulate --runs 0", "expected a number of runs from 1 to 1000000, found '0'", 17),
        ("simulate --seed 3", "--seed needs --runs N", 17),
        ("simulate --runs 2 --seed -1", "expected a seed ≥ 0, found '-1'", 26),
        ("simulate --runs 2 --runs 3", "option '--runs' is given twice", 19),
        ("simulate --annualize", "unknown option '--annualize' for 'simulate'; did you mean '--annualise'?", 10),
        ("simulate now", "too many arguments; usage: simulate [--annualise] [--runs N] [--seed S]", 10),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: Self.levers)
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }
}
