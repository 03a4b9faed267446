import Testing
@testable import ABCShell

@Suite("customers")
struct CustomersCommandTests {
    /// ShellFixture.sales with a region per row: K1 North twice, K2 South, K3 North and
    /// South (a tie: North first in byte order), K4 West, K5 South twice.
    static let sales = """
        customer_id,date,amount,cost,region
        K1,2024-01-10,300.00,150.00,North
        K1,2024-03-31,200.00,100.00,North
        K2,2024-02-15,250.00,150.00,South
        K3,2024-01-20,70.00,40.00,South
        K3,2024-03-01,50.00,30.00,North
        K4,2024-03-15,80.00,60.00,West
        K5,2024-01-01,30.00,25.00,South
        K5,2024-02-01,20.00,15.00,South

        """

    static func fixture() throws -> ShellFixture { try ShellFixture(files: ["sales.csv": sales]) }

    @Test func theRankingWithMetricsScoreTierAndAttributes() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let table = try #require(try f.blocks("customers", as: CustomersCommand.self).tables.first)
        #expect(table.title == "Customers of scenario base: all 5, by rank")
        #expect(table.columns.map(\.title) == ["rank", "customer", "tier", "score", "revenue", "profit", "orders", "recency", "tenure", "region"])
        // Ranks K1, K2, K3, K5, K4; tiers A, B, C, C, C (ShellFixture).
        #expect(table.column("customer") == ["K1", "K2", "K3", "K5", "K4"])
        #expect(table.column("rank") == ["1", "2", "3", "4", "5"])
        #expect(table.column("tier") == ["A", "B", "C", "C", "C"])
        #expect(table.column("revenue") == ["500.00", "250.00", "120.00", "50.00", "80.00"])
        #expect(table.column("recency") == ["0", "45", "30", "59", "16"])
        #expect(table.column("region") == ["North", "South", "North", "South", "West"])
        // Scores exact (they parse back to the same Double): K1 1, K4 0.5·30/450 + 0.3·10/240.
        #expect(table.column("score").first == "1.0")
        #expect(Double(table.column("score")[4]) == 0.5 * (30.0 / 450) + 0.3 * (10.0 / 240))
    }

    @Test func aTierTopNByAMetricWhereAnAttributeHasAValue() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        func ids(_ line: String) throws -> [String] {
            try #require(try f.blocks(line, as: CustomersCommand.self).tables.first).column("customer")
        }
        #expect(try ids("customers C by revenue") == ["K3", "K4", "K5"])
        #expect(try ids("customers c top 2 by recency") == ["K4", "K3"])
        #expect(try ids("customers where region = South") == ["K2", "K5"])
        #expect(try ids("customers where region=south by orders") == ["K5", "K2"])
        #expect(try ids("customers C where Region = North") == ["K3"])
        #expect(try ids("customers top 1 by tenure") == ["K5"])
        let title = try #require(try f.blocks("customers C top 1 where region = South", as: CustomersCommand.self).tables.first?.title)
        // C in the South: K5 alone.
        #expect(title == "Customers of scenario base in tier C, region = South: all 1, by rank")
    }

    @Test func peopleReadGroupedMoneyAndFourDecimalScores() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let out = f.run("customers top 2").text
        #expect(out.contains("   2  K2        B     0.3347   250.00  100.00"))
    }

    @Test func mistakesAreNamedWithWhatIsAccepted() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        try f.expectFailure("customers D", message: "unknown tier 'D'; the tiers are A, B, C", column: 11)
        try f.expectFailure("customers where regio = North",
                            message: "no attribute 'regio'; did you mean 'region'?; the attributes are 'region'", column: 17)
        try f.expectFailure("customers where region = Nord",
                            message: "no customer has region 'Nord'; did you mean 'North'?", column: 26)
        try f.expectFailure("customers by revnue", message: "cannot order by 'revnue'; did you mean 'revenue'? Order by rank, score, revenue, profit, margin, orders, aov, recency, tenure, clv, palive, expected_orders", column: 14)
        try f.expectFailure("customers top zero", message: "expected a positive whole number of customers after 'top', found 'zero'", column: 15)
        try f.expectFailure("customers where", message: "missing the attribute after 'where'; usage: customers [TIER] [top N|all] [by METRIC] [where ATTRIBUTE = VALUE | where GROUP] [--force]", column: 17)
        try f.expectFailure("customers A B", message: "expected a tier, top N, all, by METRIC or where ATTRIBUTE = VALUE, found 'B'", column: 13)
        try f.expectFailure("customers top 2 top 3", message: "'top' is given twice", column: 17)
        try f.expectFailure("customers by revenue by orders", message: "'by' is given twice", column: 22)
        try f.expectFailure("customers where region North",
                            message: "expected '=' after the attribute 'region'; usage: where ATTRIBUTE = VALUE (quote names and values with blanks)", column: 24)
        try f.expectFailure("customers where region = North Pole",
                            message: "expected a tier, top N, all, by METRIC or where ATTRIBUTE = VALUE, found 'Pole'; a value with blanks needs quotes: where region = \"North Pole\"", column: 32)
    }

    @Test func severalWheresAllHoldAndNoneNamesTheCustomersWithoutAValue() throws {
        // K1 North, K2 South, K3 North, K4 West, K5 South; K6 has no region.
        let f = try ShellFixture(files: ["sales.csv": Self.sales + "K6,2024-03-01,5.00,1.00,\n"])
        defer { f.remove() }
        func ids(_ line: String) throws -> [String] {
            try #require(try f.blocks(line, as: CustomersCommand.self).tables.first).column("customer")
        }
        #expect(try ids("customers where region = '(none)'") == ["K6"])
        #expect(try ids("customers where region = ''") == ["K6"])
        #expect(try ids("customers where region = North where region = South").isEmpty)
        #expect(try ids("customers where region = North by revenue") == ["K1", "K3"])
    }

    @Test func attributeColumnsCalledLikeTheToolsOwnArePrefixed() throws {
        let text = "customer_id,revenue,tier,Segment\nC1,10,Gold,Retail\nC2,5,Silver,Trade\n"
        let f = try ShellFixture(files: ["c.csv": text], setup: "load c.csv")
        defer { f.remove() }
        let table = try #require(try f.blocks("customers", as: CustomersCommand.self).tables.first)
        #expect(table.columns.map(\.title) == ["rank", "customer", "tier", "score", "revenue", "attr_tier", "Segment"])
        #expect(table.column("attr_tier") == ["Gold", "Silver"])
        #expect(table.column("tier") == ["B", "C"])
    }

    @Test func valueTieringShowsNoScoreAndTheOrderingMetricIsShown() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers revenue 80/15/5")
        defer { f.remove() }
        let table = try #require(try f.blocks("customers by aov", as: CustomersCommand.self).tables.first)
        #expect(!table.columns.map(\.title).contains("score"))
        // aov: K1 250, K2 250, K3 60, K4 80, K5 25 (ties by id).
        #expect(table.column("customer") == ["K1", "K2", "K4", "K3", "K5"])
        #expect(table.column("aov") == ["250.00", "250.00", "80.00", "60.00", "25.00"])
        #expect(try f.blocks("customers by score", as: CustomersCommand.self).tables.first?.columns.map(\.title).contains("score") == true)
    }

    @Test func dataWithoutAttributesSaysSo() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure("customers where region = North",
                            message: "sales.csv has no attribute columns (text columns with at most 1,000 values, see the load report)", column: 17)
    }

    @Test func moreThanTenThousandLinesNeedForce() throws {
        var text = "customer_id,revenue\n"
        for i in 0..<10_001 { text += "C\(i),\(i + 1)\n" }
        let f = try ShellFixture(files: ["many.csv": text], setup: "load many.csv")
        defer { f.remove() }
        let d = try #require(f.failure("customers all"))
        #expect(d.message == "10,001 lines would print for minutes (more than 10,000); add --force to run it, or narrow it with top N, a tier or where")
        let table = try #require(try f.blocks("customers all --force", as: CustomersCommand.self).tables.first)
        #expect(table.rows.count == 10_001)
        #expect(try f.blocks("customers top 10000", as: CustomersCommand.self).tables.first?.rows.count == 10_000)
    }

    @Test func strategyGroupsFilterLikeAttributes() throws {
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        // at-risk: the A customers whose P(alive) is below 0.5, as the listing by palive shows them.
        let alive = try f.blocks("customers A all by palive", as: CustomersCommand.self).tables.first?.column("palive") ?? []
        let below = alive.compactMap(Double.init).filter { $0 < 0.5 }.count
        let atRisk = try #require(try f.blocks("customers where at-risk all", as: CustomersCommand.self).tables.first)
        #expect(atRisk.rows.count == below && below > 0)
        #expect(atRisk.column("tier").allSatisfy { $0 == "A" })
        // Groups combine with attributes: France's at-risk customers are at risk and French.
        let france = try #require(try f.blocks("customers where at-risk where country = France all", as: CustomersCommand.self).tables.first)
        #expect(france.column("country").allSatisfy { $0 == "France" })
        #expect(Set(france.column("customer")).isSubset(of: Set(atRisk.column("customer"))))
        #expect(f.failure("customers where costly")?.message == "'costly' needs a cost to serve: add `lever cost-to-serve C per-order X` to the scenario (or give `playbook --cost-per-order X`)")
    }
}
