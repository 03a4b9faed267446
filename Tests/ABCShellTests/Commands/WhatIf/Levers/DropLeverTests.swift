import ABCCore
import Testing
@testable import ABCShell

@Suite("lever drop")
struct DropLeverTests {
    typealias Command = AddLeverCommand<DropLever>

    @Test func parsesATierOrALeverNumber() throws {
        guard case .add(let added, _) = try ShellFixture.parse("lever drop C unprofitable", as: Command.self).action else {
            Issue.record("not an added lever")
            return
        }
        let lever = added.lever
        #expect(lever == .drop(tier: 2))
        // `lever drop N`: the old spelling of `lever remove N`.
        guard case .remove(let remove) = try ShellFixture.parse("lever drop 2", as: Command.self).action else {
            Issue.record("not a removal")
            return
        }
        guard case .number(let number) = remove.target else { Issue.record("not by number"); return }
        #expect(number.text == "2")
    }

    @Test func unprofitableCustomersLeave() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 10")
        defer { f.remove() }
        #expect(try f.blocks("lever drop C unprofitable", as: Command.self).text == "Lever 2 of scenario base: drop C unprofitable")
        // After cost-to-serve, K5's net is 10 − 20 = −10: it leaves with its revenue 50, profit 10
        // and cost-to-serve 20. C keeps K3 and K4: revenue 200, profit 70, cost-to-serve 30.
        let blocks = try f.blocks("simulate", as: SimulateCommand.self)
        let levers = try #require(blocks.table(titled: "Levers"))
        #expect(levers.rows[1] == ["2", "drop C unprofitable", "3", "1 dropped", "-50.00", "-10.00", "0.00", ""])
        let table = try #require(blocks.table(titled: "Before and after"))
        let customers = try #require(table.rows.firstIndex { $0.first == "customers" })
        #expect(table.rows[customers + 1] == ["", "after", "1", "1", "2", "4"])
        let net = try #require(table.rows.firstIndex { $0.first == "net_contribution" })
        // C: 70 − 30 = 40 after, against 80 − 50 = 30 before.
        #expect(table.rows[net + 1] == ["", "after", "250.00", "100.00", "40.00", "390.00"])
    }

    @Test func leverDropNumberRemovesALever() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 10; lever drop C unprofitable")
        defer { f.remove() }
        #expect(try f.blocks("lever drop 1", as: Command.self).text == "Removed lever 1: cost-to-serve C per-order 10.00")
        #expect(f.session.scenario.levers.map(\.lever) == [.drop(tier: 2)])
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        // "lever drop C" ends at column 12.
        let missing = try #require(f.failure("lever drop C"))
        #expect(missing.message == "missing 'unprofitable'; usage: lever drop TIER [where …] unprofitable")
        #expect(missing.location?.column == 14)
        let wrong = try #require(f.failure("lever drop C loss"))
        #expect(wrong.message == "expected 'unprofitable', found 'loss'; usage: lever drop TIER [where …] unprofitable")
        #expect(wrong.location?.column == 14)
    }

    /// PRODUCT.md: "dropping C customers must never promote or demote anyone else": projected
    /// customers are placed against the tier boundaries before the levers, never re-ranked.
    @Test func droppingCustomersMovesNoOneElse() throws {
        let f = try ShellFixture(setup: "load sales.csv; lever cost-to-serve C per-order 10; lever drop C unprofitable")
        defer { f.remove() }
        let result = try f.session.evaluator.result(of: f.session.scenario)
        // K5 (index 4) is dropped; K1 stays A, K2 stays B, K3 and K4 stay C.
        #expect(result.tier[4] == MigrationMatrix.absent)
        #expect(Array(result.tier[0...3]) == [0, 1, 2, 2])
    }
}
