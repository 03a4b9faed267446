import Testing
@testable import ABCShell

@Suite("show criteria")
struct ShowCriteriaCommandTests {
    @Test func theDefaultCriteriaAsWeightsAndShares() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let blocks = try f.blocks("show criteria", as: ShowCriteriaCommand.self)
        let table = try #require(blocks.tables.first)
        #expect(table.title == "Scenario base: score = Σ weight × min-max normalised criterion (default criteria)")
        // The data has cost, so the default keeps profit: 0.5 + 0.3 + 0.2 = 1, shares 50/30/20%.
        #expect(table.rows == [
            ["revenue", "0.5", "50.00%", "higher is better"],
            ["profit", "0.3", "30.00%", "higher is better"],
            ["orders", "0.2", "20.00%", "higher is better"],
        ])
        #expect(blocks.text == "tiering: count share 20/30/50 (share of customers, ranked by score)")
    }

    @Test func weightsAreShownAsSharesOfTheirSum() throws {
        let f = try ShellFixture(setup: "load sales.csv; set weights revenue 3 recency 1")
        defer { f.remove() }
        let table = try #require(try f.blocks("show criteria", as: ShowCriteriaCommand.self).tables.first)
        #expect(table.title == "Scenario base: score = Σ weight × min-max normalised criterion")
        // 3 / (3 + 1) = 75%, 1 / 4 = 25%; recency counts the other way.
        #expect(table.rows == [["revenue", "3", "75.00%", "higher is better"], ["recency", "1", "25.00%", "lower is better"]])
    }

    @Test func withoutCostTheDefaultDropsProfitAndRescales() throws {
        let f = try ShellFixture(files: ["s.csv": "customer_id,date,amount\nK1,2024-01-01,10\nK2,2024-01-02,20\n"], setup: "load s.csv")
        defer { f.remove() }
        let table = try #require(try f.blocks("show criteria", as: ShowCriteriaCommand.self).tables.first)
        // revenue 0.5 / 0.7 = 0.714285… → 0.7143 (71.43%), orders 0.2 / 0.7 = 0.285714… → 0.2857 (28.57%).
        #expect(table.rows == [["revenue", "0.7143", "71.43%", "higher is better"], ["orders", "0.2857", "28.57%", "higher is better"]])
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let noData = try #require(f.failure("show criteria"))
        #expect(noData.message == "no data loaded; load a file first (e.g. `load sample`)")
        #expect(noData.location?.column == 1)
        f.run("load sales.csv")
        // "show criteria " is 14 characters: the extra word starts at column 15.
        let extra = try #require(f.failure("show criteria now"))
        #expect(extra.message == "too many arguments; usage: show criteria")
        #expect(extra.location?.column == 15)
    }
}
