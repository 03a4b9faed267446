import ABCCore
import Testing
@testable import ABCShell

@Suite("set scaling")
struct SetScalingCommandTests {
    @Test func parses() throws {
        #expect(try ShellFixture.parse("set scaling rank", as: SetScalingCommand.self).scaling == .rank)
        #expect(try ShellFixture.parse("set scaling MINMAX", as: SetScalingCommand.self).scaling == .minmax)
    }

    @Test func rankScoresAreMidRanks() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("set weights revenue 1")
        #expect(try f.blocks("set scaling rank", as: SetScalingCommand.self).text == "Scaling: rank")
        // Revenue 500, 250, 120, 80, 50 (no ties), N − 1 = 4: K1 4/4, K2 3/4, K3 2/4, K4 1/4,
        // K5 0. The last customers of A (K1) and B (K2) carry those scores.
        let profile = try #require(try f.blocks("segment", as: SegmentCommand.self).tables.first)
        #expect(profile.column("last_score") == ["1.000000000000", "0.750000000000", "0.000000000000", ""])
        #expect(f.session.scenario.scaling == .rank)
    }

    @Test func savedAndReplayed() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        f.run("scenario new r; set scaling rank; save --scenarios-only w.abc")
        let script = try String(contentsOfFile: f.path("w.abc"), encoding: .utf8)
        #expect(script.contains("scenario new r from base\nset scaling rank\n"))
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("set scaling log"))
        #expect(d.message == "expected minmax or rank, found 'log'")
        #expect(d.location?.column == 13)
    }
}
