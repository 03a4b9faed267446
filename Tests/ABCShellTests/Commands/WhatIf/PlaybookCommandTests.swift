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
