import ABCCore
import Testing
@testable import ABCShell

@Suite("set weights")
struct SetWeightsCommandTests {
    @Test func parsesCriteriaAndAliasesInOrder() throws {
        let command = try ShellFixture.parse("set weights frequency 0.25 revenue 1 loyalty 2", as: SetWeightsCommand.self)
        let criteria = try #require(command.criteria).map(\.0)
        #expect(criteria == [WeightedCriterion(.orders, 0.25), WeightedCriterion(.revenue, 1), WeightedCriterion(.tenure, 2)])
        #expect(try ShellFixture.parse("set weights default", as: SetWeightsCommand.self).criteria == nil)
    }

    @Test func percentWeightsAreShares() throws {
        // 50% is 0.5 and 12.5% is 0.125, the same Doubles the decimals give.
        let command = try ShellFixture.parse("set weights revenue 50% orders 37.5% recency 12.5%", as: SetWeightsCommand.self)
        let criteria = try #require(command.criteria).map(\.0)
        #expect(criteria == [WeightedCriterion(.revenue, 0.5), WeightedCriterion(.orders, 0.375), WeightedCriterion(.recency, 0.125)])
        // 33.3% is the Double nearest 0.333, not 33.3 / 100 (which is 0.33299999999999996).
        #expect(SetWeightsCommand.weight("33.3%") == 0.333)
        #expect(SetWeightsCommand.weight("100%") == 1)
        #expect(SetWeightsCommand.weight("0%") == 0)

        let f = try ShellFixture()
        defer { f.remove() }
        let text = try f.blocks("set weights revenue 50% orders 50%", as: SetWeightsCommand.self).text
        #expect(text == "Weights: revenue 0.5, orders 0.5")
        // Revenue over 50…500 and orders over 1…2, each half: K1 = 0.5 + 0.5 = 1,
        // K3 = 0.5·70/450 + 0.5 = 0.577777…, K5 = 0 + 0.5 = 0.5, K2 = 0.5·200/450 = 0.222222…,
        // K4 = 0.5·30/450 = 0.033333…: A = K1, B = K3, C = K5, K2, K4.
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile["B", "last_customer"] == "K3")
        #expect(profile["B", "last_score"] == "0.577777777778")
        #expect(profile["C", "last_customer"] == "K4")
        // It saves as the decimal it is.
        #expect(ScenarioScript.scenarios(of: f.session, scriptFolder: f.folder.path).contains("set weights revenue 0.5 orders 0.5\n"))
    }

    @Test func newWeightsChangeWhoIsB() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let text = try f.blocks("set weights revenue 0.4 profit 0.4 orders 0.2", as: SetWeightsCommand.self).text
        #expect(text == "Weights: revenue 0.4, profit 0.4, orders 0.2")
        // K2 = 0.4·200/450 + 0.4·90/240 = 0.177777… + 0.15 = 0.327777…
        // K3 = 0.4·70/450 + 0.4·40/240 + 0.2·1 = 0.062222… + 0.066666… + 0.2 = 0.328888…
        // so K3 now outranks K2 and is B's only customer (B = rank 2).
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile["B", "last_customer"] == "K3")
        #expect(profile["B", "last_score"] == "0.328888888889")
        #expect(profile["B", "revenue"] == "120.00")
    }

    @Test func defaultReturnsToTheDatasetsDefault() throws {
        let f = try ShellFixture(setup: "load sales.csv; set weights revenue 1")
        defer { f.remove() }
        let text = try f.blocks("set weights default", as: SetWeightsCommand.self).text
        #expect(text == "Weights: default (revenue 0.5, profit 0.3, orders 0.2)")
        #expect(f.session.scenario.criteria == nil)
    }

    @Test(arguments: [
        // "set weights revenue" ends at column 19: the weight is expected at 21.
        ("set weights revenue", "criterion 'revenue' has no weight; usage: set weights CRITERION WEIGHT [CRITERION WEIGHT…] | default", 21),
        ("set weights revenue -1", "expected a weight ≥ 0 (0.5 or 50%) for 'revenue', found '-1'", 21),
        ("set weights revenue -50%", "expected a weight ≥ 0 (0.5 or 50%) for 'revenue', found '-50%'", 21),
        ("set weights revenue 50%% orders 1", "expected a weight ≥ 0 (0.5 or 50%) for 'revenue', found '50%%'", 21),
        ("set weights revenue %", "expected a weight ≥ 0 (0.5 or 50%) for 'revenue', found '%'", 21),
        ("set weights revenue 1 revenue 2", "criterion 'revenue' is given twice", 23),
        ("set weights revenue 0 orders 0", "at least one weight must be above 0", 21),
        ("set weights revnue 1", "unknown criterion 'revnue'; did you mean 'revenue'? criteria: revenue, profit, margin, orders, aov, recency, tenure, clv, palive, expected_orders (aliases frequency, loyalty)", 13),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.criteria == nil)  // nothing changed
    }
}
