import Testing
@testable import ABCShell

@Suite("summary")
struct SummaryCommandTests {
    @Test func aColumnPerScenarioInputsThenResults() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new up; lever uplift B revenue +10% adoption 30% cost 2")
        defer { f.remove() }
        let table = try #require(try f.blocks("summary", as: SummaryCommand.self).tables.first)
        #expect(table.columns.map(\.title) == ["", "base", "up"])
        func row(_ label: String) -> [String]? { table.rows.first { $0[0] == label }.map { Array($0.dropFirst()) } }
        #expect(row("tiers") == ["count 20/30/50", "count 20/30/50"])
        #expect(row("lever 1") == ["", "uplift B revenue +10% adoption 30% cost 2.00 per-adopter"])
        // B = K2 (revenue 250, profit 100): +250 × 3% = 7.50 revenue, +100 × 3% = 3.00 profit,
        // cost 2 × 30% = 0.60, net 430 + 3 − 0.60 = 432.40; ROI (3 − 0.60) / 0.60 = 400.0%.
        #expect(row("B revenue") == ["250.00", "257.50"])
        #expect(row("revenue") == ["1000.00", "1007.50"])
        #expect(row("lever cost") == ["0.00", "0.60"])
        #expect(row("net contribution") == ["430.00", "432.40"])
        #expect(row("roi lever 1") == ["", "400.0%"])
        #expect(row("A customers") == ["1", "1"])
    }

    @Test func costToServeHasItsRowAndNoROI() throws {
        // C = K3, K5, K4 with 2 + 2 + 1 orders: cost-to-serve 1.00 per order = 5.00; net 430 − 5.
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 1")
        defer { f.remove() }
        let table = try #require(try f.blocks("summary", as: SummaryCommand.self).tables.first)
        func row(_ label: String) -> [String]? { table.rows.first { $0[0] == label }.map { Array($0.dropFirst()) } }
        #expect(row("cost-to-serve") == ["5.00"])
        #expect(row("net contribution") == ["425.00"])
        #expect(row("roi lever 1") == ["n/a (no cost)"])
    }

    @Test func monteCarloOnlyWhenAsked() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new up; lever uplift B revenue +10% adoption 100% cost 2")
        defer { f.remove() }
        let plain = try #require(try f.blocks("summary up", as: SummaryCommand.self).tables.first)
        #expect(!plain.rows.contains { $0[0].hasPrefix("net P50") })
        // At 100% adoption every run adopts: P10 = P50 = P90 = 430 + 10 − 2 = 438.00.
        let drawn = try #require(try f.blocks("summary up --runs 20 --seed 3", as: SummaryCommand.self).tables.first)
        #expect(drawn.rows.first { $0[0] == "net P50 (20 runs, seed 3)" }?.dropFirst().first == "438.00")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure("summary nope", message: "no scenario 'nope'; scenarios: base", column: 9)
        try f.expectFailure("summary --seed 2", message: "--seed needs --runs N", column: 16)
    }
}
