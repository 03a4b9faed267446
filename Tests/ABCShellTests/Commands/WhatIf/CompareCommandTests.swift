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
        #expect(blocks.text.hasPrefix("Comparison on sales.csv (data window 2024-01-01 to 2024-03-31 (91 days)): base vs lean (after levers)"))
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
        #expect(kpis.rows[1][0...3] == ["base@2024-02", "2", "270.00", "-730.00"])
        let customers = try #require(blocks.table(titled: "Migration base → base@2024-02, customers"))
        #expect(customers.columns.map(\.title) == ["from \\ to", "A", "B", "C", "absent", "total"])
    }

    @Test(arguments: [
        ("compare", "missing scenarios; usage: compare SCENARIO [SCENARIO…]", 9),
        ("compare base base", "scenario 'base' is given twice", 14),
        ("compare base lena", "no scenario 'lena'; did you mean 'lean'? scenarios: base, lean, pareto", 14),
        ("compare base@sometime", "expected NAME@YEAR, NAME@YEARQn, NAME@YEAR-MM or NAME@DATE, found 'base@sometime'", 9),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        let d = try #require(f.failure(line))
        #expect(d.message == message)
        #expect(d.location?.column == column)
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
}
