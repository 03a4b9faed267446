import Testing
@testable import ABCShell

@Suite("customer")
struct CustomerCommandTests {
    @Test func whereItStandsWhyAndWhatMovesItUp() throws {
        let f = try ShellFixture(files: ["sales.csv": CustomersCommandTests.sales])
        defer { f.remove() }
        let blocks = try f.blocks("customer K3", as: CustomerCommand.self)
        // K3: C, rank 3 of 5, score 0.5·70/450 + 0.3·40/240 + 0.2 = 0.3278 (ShellFixture).
        #expect(blocks.text.hasPrefix("Customer K3, scenario base: tier C, rank 3 of 5, score 0.3278\n  region North"))
        #expect(blocks.text.contains("  to reach B: pass K2 (score 0.3347), the last customer of B"))
        let metrics = try #require(blocks.table(titled: "Metrics"))
        #expect(metrics.rows == [["revenue", "120.00"], ["profit", "50.00"], ["orders", "2"], ["recency (days)", "30"], ["tenure (days)", "71"]])
        let terms = try #require(blocks.table(titled: "Score"))
        #expect(terms.column("criterion") == ["revenue", "profit", "orders", "score"])
        #expect(terms.column("value") == ["120.00", "50.00", "2", ""])
        // Profit: 0.3·Δ/240 > 1/144 → 5.56; orders +1 (see CustomerExplanationTests).
        let moves = try #require(blocks.table(titled: "Smallest change"))
        #expect(moves.columns.map(\.title) == ["figure", "now", "needed", "change", "reaches"])
        #expect(moves.rows[1] == ["profit", "50.00", "55.56", "5.56", "B"])
        #expect(moves.rows[2] == ["orders", "2", "3", "1", "B"])
    }

    @Test func aTopCustomerAndValueTiering() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers revenue 80/15/5")
        defer { f.remove() }
        // Revenue 80/15/5: A = K1, K2, K3; B = K4; C = K5. K4 must pass K3's 120 strictly.
        let k4 = try f.blocks("customer K4", as: CustomerCommand.self)
        #expect(k4.text.hasPrefix("Customer K4, scenario base: tier B, rank 4 of 5\n"))
        #expect(k4.text.contains("to reach A: pass K3 (revenue 120.00)"))
        #expect(k4.table(titled: "Smallest change")?.rows == [["revenue", "80.00", "120.01", "40.01", "A"]])
        #expect(k4.table(titled: "Score") == nil)
        let k1 = try f.blocks("customer K1", as: CustomerCommand.self)
        #expect(k1.text.contains("already in the top tier"))
    }

    @Test func recencyMovesDownInDays() throws {
        // Recency alone: A = K1, B = K4 (16 days), C = K3 (30), K2, K5. K3 reaches B at 16 days.
        let f = try ShellFixture(setup: "load sales.csv; set weights recency 1")
        defer { f.remove() }
        let moves = try #require(try f.blocks("customer K3", as: CustomerCommand.self).table(titled: "Smallest change"))
        #expect(moves.rows == [["recency (days)", "30", "16", "-14", "B"]])
    }

    @Test func unknownAndOutOfWindowCustomers() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure("customer K9", message: "no customer 'K9' in sales.csv", column: 10)
        try f.expectFailure("customer k3", message: "no customer 'k3' in sales.csv; did you mean 'K3'?", column: 10)
        // K4 bought only on 2024-03-15: not in January.
        f.run("set period month 2024-01")
        try f.expectFailure("customer K4", message: "customer 'K4' did not buy in 2024-01-01 to 2024-01-31: it is not segmented", column: 10)
    }
}
