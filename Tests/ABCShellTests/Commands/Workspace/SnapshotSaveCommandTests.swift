import ABCCore
import Foundation
import Testing
@testable import ABCShell
@testable import ABCWorkspace

@Suite("snapshot save")
struct SnapshotSaveCommandTests {
    @Test func keepsEveryCustomerWithTierScoreRankAndMetrics() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        #expect(try f.blocks("snapshot save q1", as: SnapshotSaveCommand.self).text
            == "Saved snapshot q1 of scenario base: 10 customers (A 2, B 3, C 5), q1.csv, all data, 2025-03-10 to 2025-03-19 (10 days)")
        let stored = try #require(try f.session.workspace?.store.snapshot(named: "q1"))
        let c = stored.customers
        #expect((0..<c.count).map(c.id) == ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10"])
        #expect(c.tier == [0, 0, 1, 1, 1, 2, 2, 2, 2, 2])
        #expect(c.rank == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(c.revenue == [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100].map { $0 * 10_000 })
        #expect(c.orders == Array(repeating: 1, count: 10))
        #expect(c.profit == nil)
        // Score = 0.5/0.7 × (revenue − 100) / 900: C01 = 0.714285…, C10 = 0.
        #expect(abs(c.score[0] - 0.5 / 0.7) < 1e-12 && c.score[9] == 0)
        #expect(stored.tiers.map(\.revenue) == [1900, 2100, 1500].map { $0 * 10_000 })
        #expect(stored.tiers.map(\.lastCustomer) == ["C02", "C05", "C10"])
        let d = stored.info.dataset
        #expect(d.name == "q1.csv" && d.kind == "transactions" && d.rows == 10 && d.customers == 10)
        #expect(d.paths == [f.path("q1.csv")] && d.bytes == Int64(Quarters.q1.utf8.count) && d.hashSource == .file)
        #expect(d.hash == ContentHash.files([f.path("q1.csv")])?.hash && d.hash.count == 8)
        #expect(stored.info.referenceDate == CivilDate.parseISO("2025-03-19"))
        #expect(stored.info.settings == "")
    }

    @Test func keepsTheScenariosSettingsAsScriptLines() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("scenario new lean; set tiers count 10/40/50; lever cost-to-serve C per-order 4.50; snapshot save lean-q1")
        let stored = try #require(try f.session.workspace?.store.snapshot(named: "lean-q1"))
        #expect(stored.info.scenario == "lean")
        #expect(stored.info.settings == "set tiers count 10/40/50\nlever cost-to-serve C per-order 4.50\n")
        // Tiers before the levers: 10% of 10 is one A customer.
        #expect(stored.tiers.map(\.customers) == [1, 4, 5])
    }

    @Test func replacesOnlyWithForce() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; load q2.csv")
        try f.expectFailure("snapshot save q1", message: "snapshot 'q1' exists; add --force to replace it", column: 15)
        #expect(try f.session.workspace?.store.snapshot(named: "q1")?.info.dataset.name == "q1.csv")
        f.run("snapshot save q1 --force")
        #expect(try f.session.workspace?.store.snapshot(named: "q1")?.info.dataset.name == "q2.csv")
    }

    @Test func withTheTimerItSaysWhenItWasTaken() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("timer on")
        let text = try f.blocks("snapshot save q1", as: SnapshotSaveCommand.self).text
        // The fixture's clock starts at 1,760,000,000 s = 2025-10-09 08:53:20 UTC, a second a reading.
        #expect(text.contains("(10 days); taken 2025-10-09 08:53:") && text.hasSuffix(" UTC"))
    }

    @Test(arguments: [
        ("snapshot save", "missing argument; usage: snapshot save NAME [--force]", 15),
        ("snapshot save 'a b'", "'a b' cannot be a snapshot name: use up to 64 letters, digits or signs, without blanks, quotes or ';'", 15),
    ])
    func usageErrors(line: String, message: String, column: Int) throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func needsAWritableWorkspace() throws {
        let f = try Quarters.fixture(setup: "load q1.csv")
        defer { f.remove() }
        try f.expectFailure("snapshot save q1", message: "no workspace is open; open one with 'workspace open PATH' (or start with abc --workspace PATH)", column: 1)
        // Opened by a script: read-only, and the refusal says what allows writing.
        try Data("workspace open w.abcw\nsnapshot save q1\n".utf8).write(to: URL(fileURLWithPath: f.path("s.abc")))
        f.run("workspace open w.abcw; workspace close")
        let d = try #require(f.failure("run s.abc"))
        #expect(d.message == "'snapshot save' may not write workspace '\(f.session.fileSystem.realPath(ofPossiblyMissing: f.path("w.abcw")))': a workspace opens read-only from a script unless named on the command line (abc run --workspace PATH allows writing)")
        #expect(d.location?.line == 2)
        #expect(try f.session.workspace?.store.snapshots().isEmpty == true)
    }
}
