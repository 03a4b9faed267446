import ABCCore
import Testing
@testable import ABCShell

@Suite("lever uplift")
struct UpliftLeverTests {
    typealias Command = AddLeverCommand<UpliftLever>

    @Test func parsesRatesExactly() throws {
        let command = try ShellFixture.parse("lever uplift B revenue +12.5% adoption 30% cost 2 per-contact", as: Command.self)
        guard case .add(let added, _) = command.action else { Issue.record("not an added lever"); return }
        let lever = added.lever
        // 12.5% = 125/1000, 30% = 30/100, cost 2 = 20,000 units.
        #expect(lever == .uplift(tier: 1, lift: ExactRate(numerator: 125, denominator: 1000),
                                 adoption: ExactRate(numerator: 30, denominator: 100), cost: 20_000, basis: .perContact))
        // Without a cost: free, per adopter.
        let free = try ShellFixture.parse("lever uplift B revenue +10% adoption 30%", as: Command.self)
        guard case .add(let plain, _) = free.action, case .uplift(_, _, _, let cost, let basis) = plain.lever else { Issue.record("not an uplift"); return }
        #expect(cost == 0 && basis == .perAdopter)
    }

    @Test(arguments: [
        // B = K2 (revenue 250, profit 100): Δrevenue = 250 × 10% × 30% = 7.50, Δprofit = 100 × 3% = 3.00.
        // Per adopter: 2 × 30% × 1 customer = 0.60, ROI (3 − 0.60) / 0.60 = 400%.
        ("per-adopter", "0.60", "400.0%"),
        // Per contact: 2 × 1 customer = 2.00, ROI (3 − 2) / 2 = 50%.
        ("per-contact", "2.00", "50.0%"),
    ])
    func expectedEffectAndROI(basis: String, cost: String, roi: String) throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2 \(basis)")
        defer { f.remove() }
        let levers = try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers"))
        #expect(levers.rows == [["1", "uplift B revenue +10% adoption 30% cost 2.00 \(basis)", "1", "0.3", "7.50", "3.00", cost, roi]])
    }

    @Test(arguments: [
        // "lever uplift B " is 15 characters.
        ("lever uplift B sales +10% adoption 30%", "expected 'revenue', found 'sales'; usage: lever uplift TIER [where …] revenue +X% adoption Y% [cost AMOUNT [per-adopter|per-contact]]", 16),
        ("lever uplift B revenue +ten% adoption 30%", "expected the revenue uplift as a percentage (e.g. +10%), found '+ten%'", 24),
        ("lever uplift B revenue +10% adoption 130%", "the adoption rate cannot exceed 100%: 130%", 38),
        ("lever uplift B revenue +10% adoption 30% cost 2 per-head", "expected per-adopter or per-contact, found 'per-head'", 49),
        ("lever uplift B revenue +10% adoption 30% cost 2 per-adopter now", "unexpected 'now'; usage: lever uplift TIER [where …] revenue +X% adoption Y% [cost AMOUNT [per-adopter|per-contact]]", 61),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
        #expect(f.session.scenario.levers.isEmpty)
    }
}
