import ABCCore
import Testing
@testable import ABCShell

@Suite("lever discount")
struct DiscountLeverTests {
    typealias Command = AddLeverCommand<DiscountLever>

    @Test func parsesThePriceCutAndVolume() throws {
        let command = try ShellFixture.parse("lever discount A price -5% volume +8%", as: Command.self)
        guard case .add(let added, _) = command.action else { Issue.record("not an added lever"); return }
        let lever = added.lever
        #expect(lever == .discount(tier: 0, priceCut: ExactRate(numerator: 5, denominator: 100), volume: ExactRate(numerator: 8, denominator: 100)))
        let noVolume = try ShellFixture.parse("lever discount A price -5%", as: Command.self)
        guard case .add(let plain, _) = noVolume.action, case .discount(_, _, let volume) = plain.lever else { Issue.record("not a discount"); return }
        #expect(volume == .zero)
    }

    @Test func revenueAndCostScale() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever discount A price -10% volume +20%")
        defer { f.remove() }
        // A = K1 (revenue 500, cost 250): revenue' = 500 × 0.9 × 1.2 = 540 (+40), cost' = 250 × 1.2
        // = 300, profit' = 240 (−10). No campaign cost, so no ROI.
        let levers = try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers"))
        #expect(levers.rows == [["1", "discount A price -10% volume +20%", "1", "", "40.00", "-10.00", "0.00", ""]])
    }

    @Test(arguments: [
        ("lever discount A cut -5%", "expected 'price', found 'cut'; usage: lever discount TIER [where …] price -D%|+D% [volume +V%|-V%]", 18),
        ("lever discount A price -5% volume", "missing the volume change; usage: lever discount TIER [where …] price -D%|+D% [volume +V%|-V%]", 35),
        ("lever discount A price -5% volume +8% now", "unexpected 'now'; usage: lever discount TIER [where …] price -D%|+D% [volume +V%|-V%]", 39),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    /// PRODUCT.md: "`lever discount T price +3% volume -2%` is a price rise with the same arithmetic
    /// (d = −3%); a price cut of 100% or more is refused."
    @Test func priceRisesAreAcceptedAndCutsOf100PercentRefused() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        // K1: revenue' = 500 × 1.03 × 0.98 = 504.70 (+4.70); cost' = 250 × 0.98 = 245; profit' = 259.70 (+9.70).
        f.run("lever discount A price +3% volume -2%")
        let levers = try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers")
        #expect(levers?.rows.first?[4...5] == ["4.70", "9.70"])
        #expect(f.failure("lever discount A price -100%") != nil)
    }
}
