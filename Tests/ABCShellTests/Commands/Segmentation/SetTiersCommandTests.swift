import ABCCore
import Testing
@testable import ABCShell

@Suite("set tiers")
struct SetTiersCommandTests {
    @Test(arguments: [
        ("set tiers count 20/30/50", TieringRule.countShare([20, 30, 50])),
        ("set tiers customers 50/50", .countShare([50, 50])),
        ("set tiers revenue 80%/15%/5%", .valueShare(.revenue, [80, 15, 5])),
        ("set tiers profit 70/20/10", .valueShare(.profit, [70, 20, 10])),
        ("set tiers computed", .computed(.revenue)),
        ("set tiers computed on profit", .computed(.profit)),
    ])
    func parsesTheRule(line: String, rule: TieringRule) throws {
        #expect(try ShellFixture.parse(line, as: SetTiersCommand.self).rule == rule)
    }

    @Test func revenueSharesPutTheCrossingCustomerInTheUpperTier() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let text = try f.blocks("set tiers revenue 80/15/5", as: SetTiersCommand.self).text
        #expect(text == "Tiers: revenue share 80/15/5 (cumulative share of revenue)")
        // By revenue: K1 500, K2 250, K3 120, K4 80, K5 50 (total 1000). Revenue before each:
        // K1 0, K2 500, K3 750 (< 800: A), K4 870 (< 950: B), K5 950 (not < 950: C).
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile.column("customers") == ["3", "1", "1", "5"])
        #expect(profile.column("revenue") == ["870.00", "80.00", "50.00", "1000.00"])
        #expect(profile.column("rev_share") == ["87.00%", "8.00%", "5.00%", "100.00%"])
        #expect(profile.column("last_customer") == ["K3", "K4", "K5", ""])
        #expect(profile.column("last_revenue") == ["120.00", "80.00", "50.00", ""])
    }

    static let tiny = [
        "one.csv": "customer_id,date,amount\nK1,2024-01-01,10\n",
        "two.csv": "customer_id,date,amount\nK1,2024-01-01,10\nK2,2024-01-02,20\n",
        // Three customers, none with a positive net revenue: 0, −5 (a return) and 0.
        "none.csv": "customer_id,date,amount\nK1,2024-01-01,0\nK2,2024-01-02,-5\nK3,2024-01-03,0\n",
    ]

    @Test(arguments: [
        ("one.csv", "computed tiers cannot work on one.csv: computed ABC limits need at least 3 customers, and there is 1; "
            + "tier by shares instead (set tiers count 20/30/50 or set tiers revenue 80/15/5)"),
        ("two.csv", "computed tiers cannot work on two.csv: computed ABC limits need at least 3 customers, and there are 2; "
            + "tier by shares instead (set tiers count 20/30/50 or set tiers revenue 80/15/5)"),
        ("none.csv", "computed tiers cannot work on none.csv: computed ABC limits need customers with a positive revenue, "
            + "and none of the 3 has one; tier by shares instead (set tiers count 20/30/50 or set tiers revenue 80/15/5)"),
    ])
    func computedTiersAreRefusedWhenTheyCannotWork(file: String, message: String) throws {
        let f = try ShellFixture(files: Self.tiny, setup: "load \(file)")
        defer { f.remove() }
        let d = try #require(f.failure("set tiers computed"))
        #expect(d.message == message)
        // "set tiers " is 10 characters: the caret is under "computed".
        #expect(d.location?.column == 11)
        #expect(f.session.scenario.rule == .standard)
    }

    @Test func computedTiersAreCheckedInTheScenariosWindow() throws {
        // All five customers bought in the data, but only K1 (03-31), K3 (03-01) and K4
        // (03-15) in March: three, enough; in the last 10 days only K1.
        let f = try ShellFixture(setup: "load sales.csv; set period 2024-03-01 2024-03-31")
        defer { f.remove() }
        f.run("set tiers computed")
        #expect(f.session.scenario.rule == .computed(.revenue))
        f.run("set tiers count 20/30/50; set period 2024-03-22 2024-03-31")
        let d = try #require(f.failure("set tiers computed"))
        #expect(d.message.hasPrefix(
            "computed tiers cannot work on sales.csv in 2024-03-22 to 2024-03-31: computed ABC limits need at least 3 customers, and there is 1;"))
    }

    @Test(arguments: [
        // "set tiers count " is 16 characters: the shares start at column 17.
        ("set tiers count 20/30/40", "tier shares must add up to 100, these add up to 90", 17),
        ("set tiers count 0/50/50", "every tier share must be above 0", 17),
        ("set tiers count 100", "expected 2 to 5 tier shares, found 1", 17),
        ("set tiers count 20-30-50", "expected shares like 20/30/50, found '20-30-50'", 17),
        ("set tiers value 80/20", "expected count, revenue or profit, found 'value'", 11),
        ("set tiers computed on cost", "expected revenue or profit, found 'cost'", 23),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.rule == .standard)
    }

    @Test func profitTiersNeedProfitData() throws {
        let f = try ShellFixture(files: ["s.csv": "customer_id,date,amount\nK1,2024-01-01,10\nK2,2024-01-02,20\n"], setup: "load s.csv")
        defer { f.remove() }
        let d = try #require(f.failure("set tiers profit 80/15/5"))
        #expect(d.message == "tiering on profit needs cost or profit data, which this dataset lacks")
        #expect(d.location?.column == 11)
    }

    @Test func fewerTiersThanALeverNeedsAreRefused() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 10/20/30/40; lever drop D unprofitable")
        defer { f.remove() }
        let d = try #require(f.failure("set tiers count 50/50"))
        #expect(d.message == "lever 'drop D' needs 4 tiers; remove it first (lever list)")
        #expect(f.session.scenario.rule == .countShare([10, 20, 30, 40]))
    }
}
