import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("playbook")
struct PlaybookCommandTests {
    @Test func theFixtureByHandWithoutTheModel() throws {
        // ShellFixture.sales: A = K1, B = K2, C = K3, K5, K4; three repeat buyers, too few to fit
        // the model, so at-risk and growth use their rules without it and reactivate cannot run.
        // at-risk: K1's mean gap 81 days (two purchase days), recency 0: not at risk.
        // growth: ⌈1/4⌉ = 1 of B: K2, 250.00 of 250.00.
        // costly at 10 per order: K3 50 − 20 ≥ 0, K5 10 − 20 < 0, K4 20 − 10 ≥ 0: K5, 50.00 of 250.00.
        let f = try ShellFixture()
        defer { f.remove() }
        let output = try f.blocks("playbook --cost-per-order 10", as: PlaybookCommand.self)
        let table = try #require(output.tables.first)
        #expect(table.column("group") == ["at-risk", "growth", "reactivate", "costly"])
        #expect(table.column("tier") == ["A", "B", "C", "C"])
        #expect(table.column("customers") == ["0", "1", "", "1"])
        #expect(table.column("of_tier") == ["1", "1", "3", "3"])
        #expect(table.column("revenue") == ["0.00", "250.00", "", "50.00"])
        #expect(table.column("revenue_share_of_tier") == ["0.00%", "100.00%", "", "20.00%"])
        #expect(output.text.contains("the purchase model could not be fitted"))
        #expect(output.text.contains("reactivate: 'reactivate' needs the purchase model's P(alive)"))
        // At 30 per order every C customer costs more than it brings: 3 customers, 250.00.
        let all = try #require(try f.blocks("playbook --cost-per-order 30", as: PlaybookCommand.self).tables.first)
        #expect(all.column("customers").last == "3" && all.column("revenue").last == "250.00")
    }

    @Test func countsAreTheListingsOnTheSample() throws {
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        f.run("lever cost-to-serve C per-order 20")
        let table = try #require(try f.blocks("playbook", as: PlaybookCommand.self).tables.first)
        for (group, count) in zip(table.column("group"), table.column("customers")) {
            let listed = try #require(try f.blocks("customers where \(group) all --force", as: CustomersCommand.self).tables.first)
            #expect(String(listed.rows.count) == count.replacingOccurrences(of: ",", with: ""), "\(group)")
        }
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(f.failure("playbook --cost-per-order -1")?.message == "expected a cost per order (an amount ≥ 0 with at most 4 decimals), found '-1'")
        #expect(f.failure("playbook A") != nil)
    }
}

/// The playbook's suggested levers and their effect, on `LeverFilterTests.sales` (eight
/// customers, revenue 1, count 25/25/50: A = K1, K2; B = K3, K4; C = K5…K8), by hand.
@Suite("playbook suggestions")
struct PlaybookSuggestionTests {
    @Test func eachGroupsSuggestionAndItsEffect() throws {
        let f = try LeverFilterTests.fixture()
        defer { f.remove() }
        let output = try f.blocks("playbook --cost-per-order 25", as: PlaybookCommand.self)
        let table = try #require(output.tables.first)
        // at-risk: K1 (recency 80 > 2 × 10). growth: ⌈2 × 25%⌉ = 1 of B by orders per active month,
        // K3 30 (1 order in 1 day) over K4 2 × 30 / 11. costly at 25 per order: K6 20 − 25 and
        // K8 10 − 25, revenue 80 + 40 = 120 of C's 280 (42.86%). reactivate needs the model.
        #expect(table.column("customers") == ["1", "1", "", "2"])
        #expect(table.column("revenue") == ["400.00", "200.00", "", "120.00"])
        #expect(table.column("suggested_lever") == [
            "lever retention A where at-risk churn 20% -> 10% cost 5.00",
            "lever uplift B where growth revenue +10% adoption 30% cost 2.00 per-adopter",
            "lever reactivation C where reactivate inactive 90 days response 10% orders 1 cost 3.00",
            "lever drop C where costly unprofitable",
        ])
        // at-risk: 400 × 10% = 40.00, profit 200 × 10% = 20.00, cost 5.00, net +15.00.
        // growth: 200 × 10% × 30% = 6.00, profit 3.00, cost 2 × 30% = 0.60, net +2.40.
        // costly: K6 and K8 leave: revenue −120.00, profit −30.00, their cost to serve 50.00 goes:
        // net −30 + 50 = +20.00.
        #expect(table.column("delta_revenue") == ["40.00", "6.00", "", "-120.00"])
        #expect(table.column("delta_profit") == ["20.00", "3.00", "", "-30.00"])
        #expect(table.column("lever_cost") == ["5.00", "0.60", "", "0.00"])
        #expect(table.column("delta_net") == ["15.00", "2.40", "", "20.00"])
        #expect(output.text.contains("reactivate: 'reactivate' needs the purchase model's P(alive)"))
    }

    @Test func withoutCostProfitFiguresAreNotKnownUnlessAMarginIsAssumed() throws {
        // The same data without its cost column: the same tiers (revenue 1), no profit.
        let lines = LeverFilterTests.sales.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: ",")
        }
        let f = try ShellFixture(files: ["sales.csv": lines.joined(separator: "\n") + "\n"], setup: LeverFilterTests.setup)
        defer { f.remove() }
        let table = try #require(try f.blocks("playbook --cost-per-order 25", as: PlaybookCommand.self).tables.first)
        // at-risk K1: 400 × 10% = 40.00 kept, cost 5.00; profit not known.
        #expect(table.column("delta_revenue").first == "40.00")
        #expect(table.column("delta_profit").first == "n/a" && table.column("delta_net").first == "n/a")
        #expect(table.column("customers").last == "")  // costly needs profit
        // At an assumed 30%: K1's profit 120, kept 12.00; net 12 − 5 = 7.00.
        f.run("set margin 30%")
        let assumed = try #require(try f.blocks("playbook", as: PlaybookCommand.self).tables.first)
        #expect(assumed.column("delta_profit").first == "12.00" && assumed.column("delta_net").first == "7.00")
    }

    @Test func thresholdsOnTheSampleMatchTheListings() throws {
        // With the fitted model: a lower P(alive) threshold puts fewer A customers at risk, and
        // `customers where at-risk` lists the playbook's count under either.
        let f = try ShellFixture(setup: "load sample")
        defer { f.remove() }
        func atRisk() throws -> Int {
            let table = try #require(try f.blocks("playbook", as: PlaybookCommand.self).tables.first)
            let listed = try #require(try f.blocks("customers where at-risk all --force", as: CustomersCommand.self).tables.first)
            let count = try #require(Int(table.column("customers")[0]))
            #expect(listed.rows.count == count)
            return count
        }
        let standard = try atRisk()
        f.run("set playbook at-risk palive 0.2")
        #expect(try atRisk() < standard)
    }
}
