import Testing
@testable import ABCShell

@Suite("expect")
struct ExpectCommandTests {
    @Test func parsesScopeMetricOperatorAndValue() throws {
        let command = try ShellFixture.parse("expect projected tier B revenue >= 257.5", as: ExpectCommand.self)
        #expect(command.projected)
        #expect(command.tier?.text == "B")
        #expect(command.metric.text == "revenue" && command.op.text == ">=")
        #expect(command.expected.significand == 2575 && command.expected.exponent == -1)
        #expect(try ShellFixture.parse("expect total customers = 5", as: ExpectCommand.self).tier == nil)
    }

    @Test(arguments: [
        ("expect tier A customers = 1", true),  // ⌊5·20/100⌋
        ("expect tier C customers != 3", false),
        ("expect total revenue = 1000", true),
        ("expect total revenue = 1000.00", true),
        ("expect total revenue < 1000.01", true),
        ("expect total revenue > 1000", false),
        ("expect tier C rev_share = 25%", true),  // 250 / 1000
        ("expect tier B margin = 40", true),  // 100 / 250
        ("expect tier C aov = 50", true),  // 250 / 5 orders
        ("expect total avg_tenure = 60.6", true),  // (81 + 45 + 71 + 16 + 90) / 5
        ("expect tier C avg_recency <= 35", true),  // (30 + 16 + 59) / 3
        ("expect tier A orders > 2", false),
        // After the uplift on B: profit 430 + 100 × 10% × 30% = 433, lever cost 2 × 30% = 0.60.
        ("expect projected total profit = 433", true),
        ("expect projected tier B lever_cost = 0.60", true),
        ("expect projected total net_contribution = 432.40", true),
    ])
    func comparesFigures(line: String, holds: Bool) throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2")
        defer { f.remove() }
        #expect(f.session.execute(line, origin: .commandLine, output: CapturedOutput()) == holds)
    }

    @Test func aFailureSaysWhatItFound() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("expect total revenue = 999.99"))
        #expect(d.message == "expectation failed: total revenue is 1000.00, not = 999.99")
        #expect(d.location?.description == "<command-line>:1:14")  // the metric
    }

    @Test(arguments: [
        ("expect everyone customers = 1", "expected 'tier T' or 'total', found 'everyone'; usage: expect [projected] tier T|total METRIC OP VALUE", 8),
        ("expect tier A customers", "expected METRIC OP VALUE; usage: expect [projected] tier T|total METRIC OP VALUE", 15),
        ("expect tier A customers ~ 1", "expected one of = != < <= > >=, found '~'", 25),
        ("expect tier A customers = one", "expected a number, found 'one'", 27),
        ("expect tier D customers = 1", "unknown tier 'D'; the tiers are A, B, C", 13),
        ("expect total sales = 1", "unknown metric 'sales'; metrics: customers, cust_share, revenue, rev_share, profit, margin, orders, aov, avg_recency, avg_tenure, cost_to_serve, lever_cost, net_contribution", 14),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func aFailureNamesTheExactFigure() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 33.33%")
        defer { f.remove() }
        // B = K2: 250 × 10% × 33.33% = 8.3325 → revenue 1008.3325, printed 1008.33.
        let d = try #require(f.failure("expect projected total revenue = 1008"))
        #expect(d.message == "expectation failed: projected total revenue is 1008.33 (exactly 1008.3325), not = 1008")
        // A figure printed exactly says nothing more.
        let exact = try #require(f.failure("expect total revenue = 999"))
        #expect(exact.message == "expectation failed: total revenue is 1000.00, not = 999")
    }
}

