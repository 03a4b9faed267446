import ABCCore
import Testing
@testable import ABCShell

@Suite("set asof")
struct SetAsOfCommandTests {
    @Test func parsesADayOrOff() throws {
        #expect(try ShellFixture.parse("set asof 2024-02-29", as: SetAsOfCommand.self).day == CivilDate.parseISO("2024-02-29"))
        #expect(try ShellFixture.parse("set asof off", as: SetAsOfCommand.self).day == nil)
    }

    @Test func laterTransactionsAreIgnored() throws {
        let f = try ShellFixture(setup: "load sales.csv; set tiers count 50/50")
        defer { f.remove() }
        #expect(try f.blocks("set asof 2024-02-29", as: SetAsOfCommand.self).text == "As of: 2024-02-29")
        // Up to 02-29: K1 300 (its 03-31 order is later), K2 250, K3 70, K5 30 + 20; K4 (03-15) is out.
        // Scores: revenue over 50…300, profit over 10…150, orders over 1…2:
        // K1 = 0.5 + 0.3 = 0.8, K2 = 0.5·200/250 + 0.3·90/140 = 0.592…, K5 = 0.2, K3 = 0.5·20/250 + 0.3·20/140 = 0.082…
        // 4 customers at 50/50: A = K1, K2; B = K5, K3.
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile.column("customers") == ["2", "2", "4"])
        #expect(profile.column("revenue") == ["550.00", "120.00", "670.00"])
        // Recency as of 02-29: K1 bought 01-10 (21 + 29 = 50 days before), K2 02-15 (14): (50 + 14) / 2.
        #expect(profile["A", "avg_recency"] == "32.0")
        #expect(try f.blocks("set asof off", as: SetAsOfCommand.self).text == "As of: the end of the data")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("set asof yesterday"))
        #expect(d.message == "expected a date like 2024-06-30, or off, found 'yesterday'")
        #expect(d.location?.column == 10)
        #expect(f.session.scenario.asOf == nil)
    }

    /// A missing argument is expected just after the command's words; for a two-word command the
    /// caret lands inside them.
    @Test func aMissingDatePointsAfterTheCommand() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("set asof"))
        #expect(d.message == "missing argument; usage: set asof DATE|off")
        // "set asof" is 8 characters; as for `load` (column 6), the date belongs at column 10.
        #expect(d.location?.column == 10)
    }
}
