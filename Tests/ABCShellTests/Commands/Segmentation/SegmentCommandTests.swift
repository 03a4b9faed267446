import Testing
@testable import ABCShell

@Suite("segment")
struct SegmentCommandTests {
    @Test func theTierProfileOfTheDefaultScenario() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let blocks = try f.blocks("segment", as: SegmentCommand.self)
        let profile = try #require(blocks.tables.first)
        #expect(profile.title == "Segmentation of sales.csv, scenario base: score revenue 0.5, profit 0.3, orders 0.2; count share 20/30/50 (share of customers, ranked by score)")
        // A = K1, B = K2, C = K3, K5, K4 (ShellFixture). C: revenue 120 + 80 + 50 = 250, profit
        // 50 + 20 + 10 = 80 (margin 80/250 = 32%), orders 2 + 1 + 2 = 5 (aov 50), recency
        // (30 + 16 + 59) / 3 = 35, tenure (71 + 16 + 90) / 3 = 59.
        #expect(profile.rows == [
            ["A", "1", "20.00%", "500.00", "50.00%", "250.00", "50.00%", "2", "250.00", "0.0", "81.0", "K1", "1.000000000000"],
            ["B", "1", "20.00%", "250.00", "25.00%", "100.00", "40.00%", "1", "250.00", "45.0", "45.0", "K2", "0.334722222222"],
            ["C", "3", "60.00%", "250.00", "25.00%", "80.00", "32.00%", "5", "50.00", "35.0", "59.0", "K4", "0.045833333333"],
            // Tenure (81 + 45 + 177) / 5 = 60.6, recency (0 + 45 + 105) / 5 = 30, aov 1000 / 8 = 125.
            ["total", "5", "100.00%", "1000.00", "100.00%", "430.00", "43.00%", "8", "125.00", "30.0", "60.6", "", ""],
        ])
        #expect(blocks.text == "window: all data, 2024-01-01 to 2024-03-31; reference date 2024-03-31")
    }

    @Test func revenueSharesAddUpToExactly100PercentAsPrinted() throws {
        // Revenue 600, 300, 100, −20 (total 980); at 60/30/10 of the positive 1000: A1 (0 before)
        // is A, A2 (600 before, not < 600) is B, A3 (900, not < 900) is C, A4 (≤ 0) is always C.
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nA1,600\nA2,300\nA3,100\nA4,-20\n"],
                                 setup: "load c.csv; set tiers revenue 60/30/10")
        defer { f.remove() }
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile.column("customers") == ["1", "1", "2", "4"])
        #expect(profile.column("revenue") == ["600.00", "300.00", "80.00", "980.00"])
        // 600/980 = 61.2244…%, 300/980 = 30.6122…%, 80/980 = 8.1632…%: rounded down they add up
        // to 99.99%, and the largest remainder (A's .44) takes the last hundredth.
        #expect(profile.column("rev_share") == ["61.23%", "30.61%", "8.16%", "100.00%"])
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        #expect(f.failure("segment")?.message == "no data loaded; load a file first (e.g. `load sample`)")
        f.run("load sales.csv")
        let d = try #require(f.failure("segment now"))
        #expect(d.message == "expected 'by ATTRIBUTE', found 'now'; usage: segment [by ATTRIBUTE]")
        #expect(d.location?.column == 9)
    }

    @Test func computedTiersOnDataReloadedTooSmallSayWhatToDo() throws {
        // Five customers are enough for computed tiers; the file loaded next has one.
        let f = try ShellFixture(
            files: ["sales.csv": ShellFixture.sales, "one.csv": "customer_id,date,amount\nK1,2024-01-01,10\n"],
            setup: "load sales.csv; set tiers computed; segment; load one.csv")
        defer { f.remove() }
        let d = try #require(f.failure("segment"))
        #expect(d.message == "the computed tiers of scenario base cannot work on one.csv: computed ABC limits need at least "
            + "3 customers, and there is 1; tier by shares instead (set tiers count 20/30/50 or set tiers revenue 80/15/5)")
        f.run("set tiers count 20/30/50; segment")
    }
}

@Suite("segment by")
struct SegmentByCommandTests {
    @Test func theTiersOfEachValue() throws {
        let f = try ShellFixture(files: ["sales.csv": CustomersCommandTests.sales])
        defer { f.remove() }
        let table = try #require(try f.blocks("segment by region", as: SegmentCommand.self).tables.first)
        #expect(table.title == "Segmentation of sales.csv, scenario base, by region (tiers of all 5 customers)")
        // Tiers A = K1, B = K2, C = K3, K5, K4; regions K1 North, K2 South, K3 North, K4 West,
        // K5 South. North and South have 2 customers (byte order), West 1.
        #expect(table.column("region") == ["North", "North", "North", "North", "South", "South", "South", "South", "West", "West", "West", "West"])
        #expect(table.column("tier") == ["A", "B", "C", "all", "A", "B", "C", "all", "A", "B", "C", "all"])
        #expect(table.column("customers") == ["1", "0", "1", "2", "0", "1", "1", "2", "0", "0", "1", "1"])
        // North: K1 500 + K3 120 = 620; A's share 500/620 = 80.645…%; North's share of all
        // customers 2/5, of all revenue 620/1000.
        #expect(table.column("revenue")[0...3] == ["500.00", "0.00", "120.00", "620.00"])
        #expect(table.column("rev_share")[0...3] == ["80.65%", "0.00%", "19.35%", "62.00%"])
        #expect(table.column("cust_share")[0...3] == ["50.00%", "0.00%", "50.00%", "40.00%"])
        // South: K2 250 (profit 100) + K5 50 (profit 10).
        #expect(table.column("profit")[4...7] == ["0.00", "100.00", "10.00", "110.00"])
        #expect(table.rulesBefore == [4, 8])
    }

    @Test func mistakes() throws {
        let f = try ShellFixture(files: ["sales.csv": CustomersCommandTests.sales])
        defer { f.remove() }
        try f.expectFailure("segment by", message: "missing the attribute after 'by'; usage: segment [by ATTRIBUTE]", column: 12)
        try f.expectFailure("segment with region", message: "expected 'by ATTRIBUTE', found 'with'; usage: segment [by ATTRIBUTE]", column: 9)
        try f.expectFailure("segment by country", message: "no attribute 'country'; the attributes are 'region'", column: 12)
    }
}
