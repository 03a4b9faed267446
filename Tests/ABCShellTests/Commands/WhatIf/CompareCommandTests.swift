import ABCCore
import Testing
@testable import ABCShell

@Suite("compare")
struct CompareCommandTests {
    static let setup = "load sales.csv; scenario new lean; lever uplift B revenue +10% adoption 30% cost 2; scenario new pareto from base; set tiers revenue 80/15/5"

    @Test func kpiDeltasAgainstTheFirstScenario() throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        let blocks = try f.blocks("compare base lean", as: CompareCommand.self)
        // Both cover the same days: one window line, no note, plain deltas.
        #expect(blocks.text.hasPrefix("""
            Comparison on sales.csv: base vs lean (after levers)
            window of each: all data, 2024-01-01 to 2024-03-31 (91 days)
            Top movers
            """))
        let kpis = try #require(blocks.table(titled: "KPIs"))
        // lean: revenue 1000 + 7.50, profit 430 + 3, lever cost 2 × 30% = 0.60, net 433 − 0.60 = 432.40.
        #expect(kpis.rows == [
            ["base", "5", "1000.00", "0.00", "430.00", "0.00", "0.00", "0.00", "430.00", "0.00", "1"],
            ["lean (after levers)", "5", "1007.50", "7.50", "433.00", "3.00", "0.00", "0.60", "432.40", "2.40", "1"],
        ])
        // K2 grows from 250 to 257.50 and stays B: nobody moves.
        let migration = try #require(blocks.table(titled: "Migration base → lean (after levers), customers"))
        #expect(migration.title == "Migration base → lean (after levers), customers (0 change tier):")
        #expect(migration.rows == [["A", "1", "0", "0", "1"], ["B", "0", "1", "0", "1"], ["C", "0", "0", "3", "3"]])
        #expect(blocks.text.contains("Top movers base → lean (after levers): no customer changes tier"))
    }

    @Test func migrationBetweenTwoTierings() throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        let blocks = try f.blocks("compare base pareto", as: CompareCommand.self)
        // base: A = K1, B = K2, C = K3, K5, K4. pareto (revenue 80/15/5): A = K1, K2, K3; B = K4; C = K5.
        // K2 B → A, K3 C → A, K4 C → B: 3 change tier.
        let customers = try #require(blocks.table(titled: "Migration base → pareto, customers"))
        #expect(customers.title == "Migration base → pareto, customers (3 change tier):")
        #expect(customers.rows == [["A", "1", "0", "0", "1"], ["B", "1", "0", "0", "1"], ["C", "1", "1", "1", "3"]])
        // Revenue as in base: B → A is K2's 250; C → A K3's 120, C → B K4's 80, C → C K5's 50.
        let revenue = try #require(blocks.table(titled: "Migration base → pareto, revenue"))
        #expect(revenue.rows == [
            ["A", "500.00", "0.00", "0.00", "500.00"],
            ["B", "250.00", "0.00", "0.00", "250.00"],
            ["C", "120.00", "80.00", "50.00", "250.00"],
        ])
        // Furthest first (two tiers: K3 C → A), then by revenue (K2 250 before K4 80).
        let movers = try #require(blocks.table(titled: "Top movers"))
        #expect(movers.column("customer") == ["K3", "K2", "K4"])
        #expect(movers.rows[0] == ["K3", "C", "A", "120.00", "3", "3"])
    }

    @Test func oneScenarioBeforeAndAfterItsLevers() throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        let blocks = try f.blocks("compare lean", as: CompareCommand.self)
        let kpis = try #require(blocks.table(titled: "KPIs"))
        #expect(kpis.column("scenario") == ["lean (before levers)", "lean (after levers)"])
        #expect(kpis.column("delta_net") == ["0.00", "2.40"])
    }

    @Test func aScenarioAtAPeriod() throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        // base@2024-02: February alone, K2 (250) and K5 (20); the other three are absent there.
        let blocks = try f.blocks("compare base base@2024-02", as: CompareCommand.self)
        let kpis = try #require(blocks.table(titled: "KPIs"))
        // 91 days against 29: not −730.00 of growth but 270 / 29 − 1000 / 91 = 9.3103… − 10.9890…
        // = −1.6787… a day.
        #expect(kpis.title == "KPIs (deltas against base, per covered day):")
        #expect(kpis.columns[3].title == "delta_revenue_per_day")
        #expect(kpis.rows[1][0...3] == ["base@2024-02", "2", "270.00", "-1.68"])
        let customers = try #require(blocks.table(titled: "Migration base → base@2024-02, customers"))
        #expect(customers.columns.map(\.title) == ["from \\ to", "A", "B", "C", "absent", "total"])
    }

    @Test(arguments: [
        ("compare", "missing scenarios; usage: compare SCENARIO|snapshot:NAME [SCENARIO|snapshot:NAME…] [--annualise] [--all-pairs]", 9),
        ("compare base base", "scenario 'base' is given twice", 14),
        ("compare base lena", "no scenario 'lena'; did you mean 'lean'? scenarios: base, lean, pareto", 14),
        ("compare base@sometime", "expected NAME@YEAR, NAME@YEARQn, NAME@YEAR-MM or NAME@DATE, found 'base@sometime'", 9),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    /// A year of data, 2025-01-01 to 2025-12-31 (365 days), worked by hand:
    ///
    ///   all of 2025   revenue 730.00, profit 365.00   (2.00 and 1.00 a day)
    ///   2025-01       K1 300 (31 days)
    ///   2025-02       K2 20 + K3 8 = 28.00, profit 10 + 4 = 14.00 (28 days: 1.00 and 0.50 a day)
    ///   2025-03       K1 100 (31 days)
    static let year = """
        customer_id,date,amount,cost
        K1,2025-01-01,300,150
        K2,2025-02-10,20,10
        K3,2025-02-20,8,4
        K1,2025-03-05,100,50
        K3,2025-06-01,300,150
        K2,2025-12-31,2,1

        """

    @Test func differentWindowsAreNotedAndTheirDeltasArePerCoveredDay() throws {
        let f = try ShellFixture(files: ["year.csv": Self.year], setup: "load year.csv")
        defer { f.remove() }
        let blocks = try f.blocks("compare base base@2025-02", as: CompareCommand.self)
        #expect(blocks.text == """
            Comparison on year.csv: base vs base@2025-02
            window of base: all data, 2025-01-01 to 2025-12-31 (365 days)
            window of base@2025-02: month 2025-02, 2025-02-01 to 2025-02-28 (28 days)
            note: the scenarios cover windows of different lengths: money deltas are per covered day \
            (each side's figure ÷ its covered days), not growth; --annualise scales each one's money to 365 days
            """)
        let kpis = try #require(blocks.table(titled: "KPIs"))
        #expect(kpis.columns.map(\.title) == [
            "scenario", "customers", "revenue", "delta_revenue_per_day", "profit", "delta_profit_per_day", "cost_to_serve",
            "lever_cost", "net_contribution", "delta_net_per_day", "A_customers",
        ])
        // Revenue 1.00 − 2.00 a day, profit (and net) 0.50 − 1.00; the totals stay as they are.
        #expect(kpis.rows == [
            ["base", "3", "730.00", "0.00", "365.00", "0.00", "0.00", "0.00", "365.00", "0.00", "0"],
            ["base@2025-02", "2", "28.00", "-1.00", "14.00", "-0.50", "0.00", "0.00", "14.00", "-0.50", "0"],
        ])
    }

    @Test func annualiseScalesEachScenariosMoneyByItsOwnDays() throws {
        let f = try ShellFixture(files: ["year.csv": Self.year], setup: "load year.csv")
        defer { f.remove() }
        let blocks = try f.blocks("compare base@2025-02 base --annualise", as: CompareCommand.self)
        #expect(blocks.text == """
            Comparison on year.csv: base@2025-02 vs base
            window of base@2025-02: month 2025-02, 2025-02-01 to 2025-02-28 (28 days), annualised to 365 days
            window of base: all data, 2025-01-01 to 2025-12-31 (365 days), annualised to 365 days
            note: the scenarios cover different windows; each one's money is annualised (× 365 / its covered days)
            """)
        // February × 365 / 28: revenue 28 → 365.00, profit 14 → 182.50; the year × 365 / 365 as
        // it is. Customers are never scaled.
        let kpis = try #require(blocks.table(titled: "KPIs"))
        #expect(kpis.title == "KPIs (deltas against base@2025-02):")
        #expect(kpis.rows == [
            ["base@2025-02", "2", "365.00", "0.00", "182.50", "0.00", "0.00", "0.00", "182.50", "0.00", "0"],
            ["base", "3", "730.00", "365.00", "365.00", "182.50", "0.00", "0.00", "365.00", "182.50", "0"],
        ])
        // February's tiers (2 customers: A none, B K2, C K3): 20 × 365 / 28 = 260.714… → 260.71,
        // 8 × 365 / 28 = 104.2857… → 104.29; shares as they are.
        let profiles = try #require(blocks.table(titled: "Tier profiles"))
        #expect(profiles.rows.filter { $0[1] == "base@2025-02" }.map { [$0[0], $0[2], $0[4], $0[5]] } == [
            ["A", "0", "0.00", "0.00%"], ["B", "1", "260.71", "71.43%"], ["C", "1", "104.29", "28.57%"],
        ])
        // The revenue migration is in base@2025-02's money, annualised with it.
        let revenue = try #require(blocks.table(titled: "Migration base@2025-02 → base, revenue"))
        #expect(revenue.rows.map { $0.last } == ["0.00", "260.71", "104.29", "0.00"])
    }

    @Test func windowsOfTheSameLengthAreNotedAndComparedAsTheyAre() throws {
        let f = try ShellFixture(files: ["year.csv": Self.year], setup: "load year.csv")
        defer { f.remove() }
        // January and March, 31 days each: K1 300 then K1 100.
        let blocks = try f.blocks("compare base@2025-01 base@2025-03", as: CompareCommand.self)
        #expect(blocks.text.contains("\nnote: the scenarios cover different windows of the same length; --annualise scales each one's money to 365 days\n"))
        let kpis = try #require(blocks.table(titled: "KPIs"))
        #expect(kpis.columns[3].title == "delta_revenue")
        #expect(kpis.rows[1][0...3] == ["base@2025-03", "1", "100.00", "-200.00"])
    }

    @Test func aPartialPeriodStatesItsCoverage() throws {
        // 2010 is December alone (31 of 365 days); 2011 ends on 9 December (343 of 365 days).
        let retail = "customer_id,date,amount\nK1,2010-12-01,100\nK2,2010-12-31,80\nK1,2011-03-01,600\nK3,2011-12-09,360\n"
        let f = try ShellFixture(files: ["retail.csv": retail], setup: "load retail.csv")
        defer { f.remove() }
        let blocks = try f.blocks("compare base@2010 base@2011", as: CompareCommand.self)
        #expect(blocks.text.hasPrefix("""
            Comparison on retail.csv: base@2010 vs base@2011
            window of base@2010: year 2010, 2010-12-01 to 2010-12-31 (partial: 31 of 365 days)
            window of base@2011: year 2011, 2011-01-01 to 2011-12-09 (partial: 343 of 365 days)
            note: the scenarios cover windows of different lengths
            """))
        // 960 / 343 − 180 / 31 = (960 × 31 − 180 × 343) / (343 × 31) = −31,980 / 10,633 = −3.0076… a
        // day, where the totals would show 780.00 of growth.
        #expect(try #require(blocks.table(titled: "KPIs"))["base@2011", "delta_revenue_per_day"] == "-3.01")
    }

    @Test func annualiseNeedsDates() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nC1,10\nC2,20\n"], setup: "load c.csv")
        defer { f.remove() }
        #expect(try f.parse("compare base --annualise", as: CompareCommand.self).annualise)
        let d = try #require(f.failure("compare base --annualise"))
        #expect(d.message == "--annualise needs purchase dates, which this dataset lacks")
    }

    /// PRODUCT.md: "an upsell on B must never push an A customer down": projected customers are
    /// placed against the tier boundaries of the segmentation before the levers.
    @Test func anUpsellOnBNeverPushesAnACustomerDown() throws {
        let f = try ShellFixture(setup: "load sales.csv; set weights revenue 1; scenario new grow; lever uplift B revenue +200% adoption 100%")
        defer { f.remove() }
        let blocks = try f.blocks("compare base grow", as: CompareCommand.self)
        let customers = try #require(blocks.table(titled: "Migration base → grow (after levers), customers"))
        // K2 (B) triples to 750: its projected score (750 − 50) / 450 is above A's boundary (K1's 1),
        // so it joins A; K1, unchanged, stays A. One customer (K2) changes tier.
        #expect(customers.rows == [["A", "1", "0", "0", "1"], ["B", "1", "0", "0", "1"], ["C", "0", "0", "3", "3"]])
    }

    @Test func allPairsAddsTheMigrationBetweenTheOthers() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new a; scenario new b from base; scenario use base")
        defer { f.remove() }
        func migrations(_ line: String) throws -> [String] {
            try f.blocks(line, as: CompareCommand.self).tables.compactMap(\.title).filter { $0.hasPrefix("Migration") && $0.contains("customers") }
        }
        // Three scenarios: against the first only (2 matrices), or every two (3).
        #expect(try migrations("compare base a b").count == 2)
        let all = try migrations("compare base a b --all-pairs")
        #expect(all.count == 3)
        #expect(all.last?.hasPrefix("Migration a") == true)
    }
}

