import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// `set margin` on revenue-only data: the fixture's sales without the cost column, scored on
/// revenue alone (500, 250, 120, 80, 50): A = K1, B = K2, C = K3, K4, K5 (20/30/50 of 5).
@Suite("set margin")
struct SetMarginCommandTests {
    static let revenueOnly = """
        customer_id,date,amount
        K1,2024-01-10,300.00
        K1,2024-03-31,200.00
        K2,2024-02-15,250.00
        K3,2024-01-20,70.00
        K3,2024-03-01,50.00
        K4,2024-03-15,80.00
        K5,2024-01-01,30.00
        K5,2024-02-01,20.00

        """

    static func fixture() throws -> ShellFixture {
        try ShellFixture(files: ["sales.csv": revenueOnly], setup: "load sales.csv; set weights revenue 1")
    }

    @Test func parses() throws {
        #expect(try ShellFixture.parse("set margin 30%", as: SetMarginCommand.self).margin == .all(ExactRate(percent: "30%")!))
        #expect(try ShellFixture.parse("set margin off", as: SetMarginCommand.self).margin == nil)
        let perTier = try ShellFixture.parse("set margin A 40% B 30% C 20%", as: SetMarginCommand.self).margin
        #expect(perTier == .perTier(["40%", "30%", "20%"].map { ExactRate(percent: $0)! }))
    }

    @Test func withoutAMarginProfitIsNA() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        // By revenue: A = K1, B = K2, C = K3, K4, K5. Uplift B +10% at 30%: 250 × 3% = 7.50.
        f.run("lever uplift B revenue +10% adoption 30% cost 2")
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers"))
        #expect(levers.rows[0][4...7] == ["7.50", "n/a", "0.60", "n/a"])
        let beforeAfter = try #require(blocks.table(titled: "Before and after"))
        let profit = try #require(beforeAfter.rows.first { $0[0] == "profit" })
        #expect(profit[2...] == ["n/a", "n/a", "n/a", "n/a"])
        #expect(blocks.text.contains("profit, net contribution and ROI: n/a"))
    }

    @Test func aMarginPerTierFeedsTheLeversOnly() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let set = try f.blocks("set margin A 40% B 30% C 20%", as: SetMarginCommand.self).text
        #expect(set == "Margin: assumed A 40%, B 30%, C 20% (levers only; tiers never use it)")
        f.run("lever uplift B revenue +10% adoption 30% cost 2")
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers"))
        #expect(levers.title?.contains("assumed margin: A 40%, B 30%, C 20%") == true)
        // K2 profit = 250 × 30% = 75; Δprofit = 75 × 10% × 30% = 2.25; ROI (2.25 − 0.60) / 0.60 = 275.0%.
        #expect(levers.rows[0][4...7] == ["7.50", "2.25", "0.60", "275.0%"])
        let beforeAfter = try #require(blocks.table(titled: "Before and after"))
        // Profit before: A 500 × 40% = 200, B 75, C (120 + 80 + 50) × 20% = 50.
        let profit = try #require(beforeAfter.rows.first { $0[0] == "profit" })
        #expect(profit[2...] == ["200.00", "75.00", "50.00", "325.00"])
        // Tiers are the same with and without the assumption.
        f.run("set margin off")
        #expect(f.session.scenario.margin == nil)
    }

    @Test func savedAndReplayed() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        f.run("scenario new m; set margin 30%; lever drop C unprofitable; save --scenarios-only w.abc")
        let script = try String(contentsOfFile: f.path("w.abc"), encoding: .utf8)
        // Base is set up first (its weights); the copy of it then sets the margin before the
        // lever that needs it.
        #expect(script.contains("\nscenario use base\nset weights revenue 1\n\nscenario new m from base\nset margin 30%\nlever drop C unprofitable\n"))
    }

    @Test func refusedWhereTheDataHasCost() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("set margin 30%"))
        #expect(d.message.hasPrefix("this dataset has cost or profit"))
    }

    @Test func usageErrors() throws {
        let f = try Self.fixture()
        defer { f.remove() }
        let missing = try #require(f.failure("set margin"))
        #expect(missing.message == "missing the margin; usage: set margin RATE% | TIER RATE% [TIER RATE%…] | off")
        #expect(missing.location?.column == 12)  // after "set margin" (10 characters) and a blank
        let range = try #require(f.failure("set margin 130%"))
        #expect(range.message == "a margin lies between -100% and 100%, found '130%'")
        let partial = try #require(f.failure("set margin A 40% B 30%"))
        #expect(partial.message == "name all 3 tiers of scenario base (e.g. A 30% B 30% C 30%)")
        let gap = try #require(f.failure("set margin A 40% C 20%"))
        #expect(gap.message == "name every tier from A, in order of the tiers (e.g. A 40% B 30% C 20%)")
    }
}
