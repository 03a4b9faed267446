import Testing
@testable import ABCShell

@Suite("seek")
struct SeekCommandTests {
    @Test func parsesTheTargetAndTheRange() throws {
        let command = try ShellFixture.parse("seek projected tier B revenue = 262.5 by lever 1 adoption in 0%..50%", as: SeekCommand.self)
        #expect(command.projected && command.tier?.text == "B" && command.metric.text == "revenue")
        #expect(command.target == 262.5)
        #expect(command.range == 0...500_000)  // 0% to 50% in 1/10,000 units
    }

    @Test func aWholeNumberSetting() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        // A = ⌊5·s/100⌋ ≥ 3 needs s ≥ 60. Share A may go up to 99 − B's 30 = 69.
        let text = try f.blocks("seek tier A customers = 3 by share A", as: SeekCommand.self).text
        #expect(text == "tier A customers reaches 3 at share A = 60% (there: 3); bisection over 1%..69%, assuming the figure moves one way")
    }

    @Test func aFallingFigure() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever retention A churn 15% -> 10% cost 25")
        defer { f.remove() }
        // Total revenue after = 1000 + 500 × (15% − r): 1050 needs r = 5%, exactly (higher r gives less).
        let text = try f.blocks("seek projected total revenue = 1050 by lever 1 after", as: SeekCommand.self).text
        #expect(text == "projected total revenue reaches 1050 at lever 1 after = 5% (there: 1050.00); bisection over 0%..100%, assuming the figure moves one way")
    }

    @Test func aTargetOutOfReach() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30%")
        defer { f.remove() }
        // Tier B revenue after = 250 + 25·y: from 250 (y = 0) to 275 (y = 100%); 300 is out of reach.
        let text = try f.blocks("seek projected tier B revenue = 300 by lever 1 adoption", as: SeekCommand.self).text
        #expect(text == "No lever 1 adoption in 0%..100% reaches projected tier B revenue = 300: it goes from 250.00 to 275.00.")
    }

    @Test(arguments: [
        ("seek tier A customers 3 by share A", "usage: seek [projected] tier T|total METRIC | lever N roi|delta_revenue|delta_profit|cost = VALUE by SETTING [in LO..HI]", 6),
        ("seek tier A customers = three by share A", "expected a number, found 'three'", 25),
        ("seek best customers = 3 by share A", "expected 'tier T METRIC', 'total METRIC' or 'lever N FIGURE' before '='; usage: seek [projected] tier T|total METRIC | lever N roi|delta_revenue|delta_profit|cost = VALUE by SETTING [in LO..HI]", 6),
        ("seek tier A customers = 3 by share A in 50..10", "expected a range like 0%..50% or 0..1", 41),
        ("seek projected tier A avg_recency = 3 by share A", "'avg_recency' is not available after levers; use customers, revenue, profit, margin, cost_to_serve, lever_cost or net_contribution", 23),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func breakEvenOfALever() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        // B is K2 alone (profit 100). Uplift +10% at adoption y, 5.00 per contact: Δprofit =
        // 100 × 10% × y = 10y, cost 5, ROI = (10y − 5) / 5: break-even at y = 50% (Δprofit 5.00).
        f.run("lever uplift B revenue +10% adoption 20% cost 5 per-contact")
        let text = try f.blocks("seek lever 1 roi = 0% by lever 1 adoption", as: SeekCommand.self).text
        // Rounded half-even per customer, 49.9995% already gives 4.99995 → 5.0000 (49,999.5
        // units → 50,000), so that is the smallest setting; 50% is the round one.
        #expect(text.hasPrefix("lever 1 roi reaches 0% at lever 1 adoption = 49.9995% (there: 0.0%); in round numbers 50% (there: 0.0%)"))
        // The lever's cost at which it breaks even at 20% adoption: 10 × 0.2 = 2.00.
        let cost = try f.blocks("seek lever 1 roi = 0% by lever 1 cost in 0..10", as: SeekCommand.self).text
        #expect(cost.hasPrefix("lever 1 roi reaches 0% at lever 1 cost = 2 (there: 0.0%)"))
    }
}
