import ABCCore
import Testing
@testable import ABCShell

@Suite("lever reactivation")
struct ReactivationLeverTests {
    typealias Command = AddLeverCommand<ReactivationLever>

    @Test func parsesDaysResponseAndOrders() throws {
        let command = try ShellFixture.parse("lever reactivation C inactive 40 days response 10% orders 2 cost 3", as: Command.self)
        guard case .add(let added, _) = command.action else { Issue.record("not an added lever"); return }
        let lever = added.lever
        #expect(lever == .reactivation(tier: 2, inactiveDays: 40, response: ExactRate(numerator: 10, denominator: 100), orders: 2, cost: 30_000))
    }

    @Test(arguments: [
        // C = K3 (recency 30), K4 (16), K5 (59). Inactive > 40 days: K5 alone (revenue 50 and
        // profit 10 over 2 orders). Δrevenue = 10% × 2 × 50/2 = 5.00, Δprofit = 10% × 2 × 10/2 = 1.00,
        // cost 3 × 1, ROI (1 − 3) / 3 = −66.7%.
        ("lever reactivation C inactive 40 days response 10% orders 2 cost 3",
         ["1", "reactivation C inactive 40 days response 10% orders 2 cost 3.00", "3", "0.1 of 1", "5.00", "1.00", "3.00", "-66.7%"]),
        // Inactive > 20 days: K3 (120 and 50 over 2 orders) and K5; one order each by default.
        // Δrevenue = 50% × (60 + 25) = 42.50, Δprofit = 50% × (25 + 5) = 15.00, cost 2 × 1 = 2, ROI 650%.
        ("lever reactivation C inactive 20 days response 50% cost 1",
         ["1", "reactivation C inactive 20 days response 50% orders 1 cost 1.00", "3", "1.0 of 2", "42.50", "15.00", "2.00", "650.0%"]),
    ])
    func expectedEffect(line: String, row: [String]) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run(line)
        let levers = try #require(try f.blocks("simulate", as: SimulateCommand.self).table(titled: "Levers"))
        #expect(levers.rows == [row])
    }

    @Test(arguments: [
        ("lever reactivation C inactive forty days response 10% cost 3", "expected a number of days ≥ 0, found 'forty'", 31),
        ("lever reactivation C inactive 40 days response 10% orders 0 cost 3", "expected a whole number ≥ 1 of orders, found '0'", 59),
        // "lever reactivation C inactive 40 days response 10%" ends at column 50.
        ("lever reactivation C inactive 40 days response 10%", "missing 'cost'; usage: lever reactivation TIER [where …] inactive DAYS days response R% [orders K] cost AMOUNT", 52),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func needsDatesAndOrders() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue,profit\nC1,100,30\nC2,50,10\n"], setup: "load c.csv")
        defer { f.remove() }
        let d = try #require(f.failure("lever reactivation B inactive 40 days response 10% cost 3"))
        #expect(d.message == "lever 'reactivation' needs purchase dates and order counts, which this dataset lacks")
    }
}
