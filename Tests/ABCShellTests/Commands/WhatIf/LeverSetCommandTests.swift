import Testing
@testable import ABCShell

@Suite("lever set")
struct LeverSetCommandTests {
    @Test func changesAFigureInPlace() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 1; lever uplift B revenue +10% adoption 30% cost 2")
        defer { f.remove() }
        let text = try f.blocks("lever set 2 adoption 50%", as: LeverSetCommand.self).text
        #expect(text == "Lever 2 of scenario base: uplift B revenue +10% adoption 50% cost 2.00 per-adopter")
        // Same number, same order; B = K2 (revenue 250): Δrevenue = 250 × 10% × 50% = 12.50.
        let levers = try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers"))
        #expect(levers.rows.map { $0[0] } == ["1", "2"])
        #expect(levers.rows[1][4] == "12.50")
        f.run("lever set 1 per-order 2.125")
        #expect(f.run("lever list").text.contains("lever cost-to-serve C per-order 2.125"))
    }

    @Test(arguments: [
        ("lever set 3 adoption 50%", "expected a lever number from 1 to 1, found '3'", 11),
        ("lever set 1 price 5%", "lever 1 (uplift) has no figure 'price'; it has: lift, adoption, cost", 13),
        ("lever set 1 adoption 140%", "adoption goes from 0% to 100%, found '140%'", 22),
        ("lever set 1 adoption lots", "expected a number (e.g. 40% or 2.50), found 'lots'", 22),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture(setup: "load sales.csv; lever uplift B revenue +10% adoption 30%")
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }
}
