import Foundation
import ABCCore
import Testing
@testable import ABCShell

/// Each month segmented on its own transactions with tiers 50/50 (A = ⌊N/2⌋ best scores):
/// January K1 300, K3 70, K5 30 → A = K1, B = K3, K5; February K2 250, K5 20 → A = K2, B = K5;
/// March K1 200, K4 80, K3 50 → A = K1, B = K4, K3.
@Suite("track")
struct TrackCommandTests {
    @Test func parsesTheStepAndBounds() throws {
        let command = try ShellFixture.parse("track monthly from 2024-02-01 to 2024-03-31", as: TrackCommand.self)
        #expect(command.step == .monthly)
        #expect(command.from == CivilDate.parseISO("2024-02-01"))
        #expect(command.to == CivilDate.parseISO("2024-03-31"))
    }

    @Test func machinesGetTheCoverageAsTwoCountsOfDays() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50; set format json")
        defer { f.remove() }
        let line = f.run("track monthly").text.split(separator: "\n").first.map(String.init) ?? ""
        let document = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let tables = try #require(document["tables"] as? [[String: Any]])
        let rows = try #require(tables.first { $0["name"] as? String == "periods" }?["rows"] as? [[String: Any]])
        // February 2024 has 29 days, all in the data.
        #expect(rows[1]["covered_days"] as? Int == 29)
        #expect(rows[1]["period_days"] as? Int == 29)
        #expect(rows[1]["coverage"] == nil)
    }

    @Test func tiersPerMonthAndWhoMoves() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50")
        defer { f.remove() }
        let blocks = try f.blocks("track monthly", as: TrackCommand.self)
        let sizes = try #require(blocks.table(titled: "Tiers per month period"))
        #expect(sizes.column("period") == ["2024-01", "2024-02", "2024-03"])
        // The data is 2024-01-01 to 2024-03-31: every month covered in full.
        #expect(sizes.column("coverage") == ["31 of 31 days", "29 of 29 days", "31 of 31 days"])
        #expect(sizes.column("A_customers") == ["1", "1", "1"])
        #expect(sizes.column("B_customers") == ["2", "1", "2"])
        #expect(sizes.column("A_revenue") == ["300.00", "250.00", "200.00"])
        #expect(sizes.column("B_revenue") == ["100.00", "20.00", "130.00"])
        // January → February: K1 and K3 leave, K2 arrives (K5 stays B): 3. February → March:
        // K2 and K5 leave, K1, K3 and K4 arrive: 5.
        #expect(sizes.column("moved_in") == ["", "3", "5"])
        let january = try #require(blocks.table(titled: "month 2024-01 → month 2024-02"))
        #expect(january.title == "month 2024-01 → month 2024-02, customers (3 move, arrive or leave):")
        #expect(january.rows == [["A", "0", "0", "1", "1"], ["B", "0", "1", "1", "2"], ["new", "1", "0", "0", "1"]])
        #expect(blocks.text.contains("A revenue  "))
        #expect(!blocks.text.contains("per covered day"))
    }

    /// Data shaped like Online Retail's: 2010 is December alone (31 of 365 days), 2011 ends on
    /// 9 December (365 − 22 = 343 days). By revenue with 50/50 shares: 2010 K1 100, K2 50, K3 30
    /// → A = ⌊3/2⌋ = K1; 2011 K1 400, K2 300, K4 200, K3 60 → A = K1, K2. K2 moves B → A and K4
    /// arrives: 2 moves, against partial periods.
    static let retail = """
        customer_id,date,amount
        K1,2010-12-01,100
        K2,2010-12-15,50
        K3,2010-12-31,30
        K1,2011-03-01,400
        K2,2011-06-15,300
        K3,2011-09-01,60
        K4,2011-12-09,200

        """

    @Test func partialPeriodsAreMarkedAndComparedPerCoveredDay() throws {
        let f = try ShellFixture(files: ["retail.csv": Self.retail], setup: "load retail.csv; set weights revenue 1; set tiers count 50/50")
        defer { f.remove() }
        let blocks = try f.blocks("track yearly", as: TrackCommand.self)
        let sizes = try #require(blocks.table(titled: "Tiers per year period"))
        #expect(sizes.column("period") == ["2010", "2011"])
        // The dates are the days the data covers.
        #expect(sizes.column("from") == ["2010-12-01", "2011-01-01"])
        #expect(sizes.column("to") == ["2010-12-31", "2011-12-09"])
        #expect(sizes.column("coverage") == ["partial: 31 of 365 days", "partial: 343 of 365 days"])
        #expect(sizes.column("A_revenue") == ["100.00", "700.00"])
        #expect(sizes.column("B_revenue") == ["80.00", "260.00"])
        #expect(sizes.column("moved_in") == ["", "2 (partial)"])
        // Per covered day, not totals: A 100 / 31 = 3.2258… → 3.23 and 700 / 343 = 2.0408… → 2.04,
        // a fall per day where the totals would show a sevenfold rise; B 80 / 31 = 2.58, 260 / 343 = 0.76.
        #expect(blocks.text.contains("A revenue per covered day  █▁  2.04 … 3.23\nB revenue per covered day  █▁  0.76 … 2.58"))
        let migration = try #require(blocks.table(titled: "year 2010"))
        #expect(migration.title == "year 2010 (partial: 31 of 365 days) → year 2011 (partial: 343 of 365 days), customers (2 move, arrive or leave):")
        // K2: 50 / 31 = 1.6129… → 1.61 a day in 2010, 300 / 343 = 0.8746… → 0.87 in 2011.
        let movers = try #require(blocks.table(titled: "Largest movers"))
        #expect(movers.title == "Largest movers (partial: revenue per covered day):")
        #expect(movers.columns.map(\.title) == ["customer", "from", "to", "revenue_per_day_before", "revenue_per_day_after"])
        #expect(movers.rows == [["K2", "B", "A", "1.61", "0.87"]])
    }

    @Test func aFullPeriodAfterAPartialOneIsMarkedOnlyInTheChange() throws {
        // Monthly from 2011-11-01: November is covered in full (no purchase in it), December
        // for 9 of its 31 days; the change into December is partial.
        let f = try ShellFixture(files: ["retail.csv": Self.retail], setup: "load retail.csv; set weights revenue 1; set tiers count 50/50")
        defer { f.remove() }
        let sizes = try #require(try f.blocks("track monthly from 2011-11-01", as: TrackCommand.self).tables.first)
        #expect(sizes.column("coverage") == ["30 of 30 days", "partial: 9 of 31 days"])
        #expect(sizes.column("to") == ["2011-11-30", "2011-12-09"])
        #expect(sizes.column("moved_in") == ["", "1 (partial)"])
    }

    @Test func fromLimitsThePeriods() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50")
        defer { f.remove() }
        let sizes = try #require(try f.blocks("track monthly from 2024-02-01", as: TrackCommand.self).tables.first)
        #expect(sizes.column("period") == ["2024-02", "2024-03"])
    }

    @Test(arguments: [
        ("track weekly", "expected monthly, quarterly or yearly, found 'weekly'", 7),
        // The data is 2024-01-01 to 2024-03-31: one quarter only.
        ("track quarterly", "track needs at least two periods between 2024-01-01 and 2024-03-31", 7),
        ("track monthly from 2024-13-01", "expected a date like 2024-01-01, found '2024-13-01'", 20),
        ("track monthly since 2024-01-01", "expected 'from DATE' or 'to DATE', found 'since'; usage: track monthly|quarterly|yearly [from DATE] [to DATE]", 15),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func aCustomerSummaryCannotBeTracked() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nC1,10\nC2,20\n"], setup: "load c.csv")
        defer { f.remove() }
        let d = try #require(f.failure("track monthly"))
        #expect(d.message == "track needs transactions with dates; this dataset is a customer summary")
    }

    @Test func forecastCriteriaAreRefusedWithWhatToDoInstead() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("set weights clv 0.5 revenue 0.5")
        #expect(f.failure("track monthly")?.message
            == "track does not fit the purchase model per period: weigh clv with `set period` and `segment`, or track other criteria")
    }
}
