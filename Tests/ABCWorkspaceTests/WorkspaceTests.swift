import ABCCore
import Foundation
import Testing
@testable import ABCWorkspace

@Suite("Workspace store")
struct WorkspaceTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("abc-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Three customers by hand: C1 in A, C2 and C3 in B and C.
    static func snapshot(_ name: String, takenAt: Double = 1000) -> Snapshot {
        var customers = SnapshotCustomers()
        for (id, tier, revenue) in [("C1", 0, 1_000_000), ("C2", 1, 500_000), ("C3", 2, 12_345)] as [(String, UInt8, Int64)] {
            customers.idArena += Array(id.utf8)
            customers.idOffsets.append(UInt32(customers.idArena.count))
            customers.tier.append(tier)
            customers.score.append(1.0 / Double(tier + 1))
            customers.rank.append(UInt32(tier) + 1)
            customers.revenue.append(revenue)
        }
        customers.orders = [3, 2, 1]
        customers.first = [19000, 19010, 19020]
        customers.last = [19100, 19090, 19080]
        let info = SnapshotInfo(
            name: name, takenAt: takenAt, scenario: "base", settings: "set tiers count 20/30/50\n", rule: "count 20/30/50",
            tierCount: 3, moneyDecimals: 2,
            dataset: DatasetFingerprint(name: "q1.csv", kind: "transactions", paths: ["/data/q1.csv"], bytes: 120, hash: "0badcafe",
                                        hashSource: .file, rows: 6, customers: 3, firstDate: 19000, lastDate: 19100),
            window: "all data", windowFrom: 19000, windowTo: 19100, referenceDate: 19100)
        let tiers = [
            SnapshotTier(name: "A", customers: 1, customerShare: 3334, revenue: 1_000_000, revenueShare: 6617, profit: nil, lastCustomer: "C1", boundary: "1.0000"),
            SnapshotTier(name: "B", customers: 1, customerShare: 3333, revenue: 500_000, revenueShare: 3309, profit: nil, lastCustomer: "C2", boundary: "0.5000"),
            SnapshotTier(name: "C", customers: 1, customerShare: 3333, revenue: 12_345, revenueShare: 74, profit: nil, lastCustomer: "C3", boundary: "0.3333"),
        ]
        return Snapshot(info: info, tiers: tiers, customers: customers)
    }

    @Test func createsAPrivateFileWithTheSchema() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.abcw").path
        let ws = try Workspace(path: path, readOnly: false)
        #expect(try ws.schemaVersion() == 1)
        #expect(try ws.integrityCheck() == "ok")
        ws.close()
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Reopened, read-only too.
        let again = try Workspace(path: path, readOnly: true)
        #expect(try again.snapshots().isEmpty)
    }

    @Test func savesReadsAndDropsASnapshotWhole() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(path: dir.appendingPathComponent("w.abcw").path, readOnly: false)
        try ws.save(Self.snapshot("q1"), replacing: false)
        let read = try #require(try ws.snapshot(named: "q1"))
        #expect(read.info == Self.snapshot("q1").info)
        #expect(read.tiers == Self.snapshot("q1").tiers)
        #expect(read.customers.count == 3)
        #expect((0..<3).map(read.customers.id) == ["C1", "C2", "C3"])
        #expect(read.customers.tier == [0, 1, 2])
        #expect(read.customers.revenue == [1_000_000, 500_000, 12_345])
        #expect(read.customers.rank == [1, 2, 3])
        #expect(read.customers.orders == [3, 2, 1])
        #expect(read.customers.profit == nil)
        #expect(read.customers.last == [19100, 19090, 19080])
        // Not over an existing name unless asked.
        #expect(throws: RequestError("snapshot 'q1' exists; add --force to replace it")) {
            try ws.save(Self.snapshot("q1"), replacing: false)
        }
        try ws.save(Self.snapshot("q1", takenAt: 2000), replacing: true)
        #expect(try ws.snapshots().map(\.info.takenAt) == [2000])
        #expect(try ws.connection.integer("SELECT count(*) FROM snapshot_customers") == 3)
        #expect(try ws.dropSnapshot(named: "q1"))
        #expect(try !ws.dropSnapshot(named: "q1"))
        #expect(try ws.connection.integer("SELECT count(*) FROM snapshot_customers") == 0)
        #expect(try ws.integrityCheck() == "ok")
    }

    @Test func listsSnapshotsInTheOrderTaken() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(path: dir.appendingPathComponent("w.abcw").path, readOnly: false)
        try ws.save(Self.snapshot("late", takenAt: 300), replacing: false)
        try ws.save(Self.snapshot("early", takenAt: 100), replacing: false)
        try ws.save(Self.snapshot("middle", takenAt: 200), replacing: false)
        #expect(try ws.snapshots().map(\.info.name) == ["early", "middle", "late"])
    }

    @Test func aReadOnlyWorkspaceRefusesWrites() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.abcw").path
        _ = try Workspace(path: path, readOnly: false)
        let ws = try Workspace(path: path, readOnly: true)
        #expect(throws: RequestError("workspace '\(path)' is open read-only; snapshot save needs writing")) {
            try ws.save(Self.snapshot("q1"), replacing: false)
        }
        #expect(throws: RequestError("no workspace '\(dir.path)/none.abcw'")) {
            _ = try Workspace(path: dir.appendingPathComponent("none.abcw").path, readOnly: true)
        }
    }

    @Test func refusesFilesThatAreNoWorkspace() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("notes.txt").path
        try Data("hello, this is not a database at all\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: RequestError("'notes.txt' is not an abc workspace")) {
            _ = try Workspace(path: text, displayName: "notes.txt", readOnly: false)
        }
        #expect(try String(contentsOfFile: text, encoding: .utf8) == "hello, this is not a database at all\n")
        // A SQLite database of something else is left alone.
        let other = dir.appendingPathComponent("other.db").path
        let create = try Connection(path: other, displayName: "other.db", readOnly: false, create: true)
        try create.execute("CREATE TABLE t (x)")
        create.close()
        #expect(throws: RequestError("'other.db' is not an abc workspace (a SQLite database of something else)")) {
            _ = try Workspace(path: other, displayName: "other.db", readOnly: false)
        }
        // A damaged workspace: its header kept, its pages overwritten.
        let damaged = dir.appendingPathComponent("damaged.abcw").path
        let ws = try Workspace(path: damaged, readOnly: false)
        try ws.save(Self.snapshot("q1"), replacing: false)
        try ws.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ws.close()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: damaged)))
        for i in 100..<bytes.count { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        #expect(throws: RequestError.self) {
            let w = try Workspace(path: damaged, displayName: "damaged.abcw", readOnly: false)
            _ = try w.snapshot(named: "q1")
        }
    }

    @Test func aSnapshotWhoseTiersDoNotAddUpIsDamagedNotACrash() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = try Workspace(path: dir.appendingPathComponent("w.abcw").path, displayName: "w.abcw", readOnly: false)
        try ws.save(Self.snapshot("q1"), replacing: false)
        try ws.connection.execute("UPDATE snapshots SET tier_count = 9")
        #expect(throws: RequestError("workspace 'w.abcw' is damaged: snapshot 'q1' has 3 tiers of 9")) {
            _ = try ws.snapshot(named: "q1")
        }
        try ws.connection.execute("UPDATE snapshots SET tier_count = 3; UPDATE snapshot_customers SET tier = 'Z' WHERE customer_id = 'C2'")
        #expect(throws: RequestError("workspace 'w.abcw' is damaged: a customer has tier 'Z'")) {
            _ = try ws.snapshot(named: "q1")
        }
    }

    @Test func refusesAWorkspaceOfALaterVersion() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.abcw").path
        let ws = try Workspace(path: path, readOnly: false)
        try ws.connection.execute("PRAGMA user_version = 7")
        ws.close()
        #expect(throws: RequestError("workspace 'w.abcw' was made by a later abc (schema 7; this abc reads up to 1); open it with that abc")) {
            _ = try Workspace(path: path, displayName: "w.abcw", readOnly: false)
        }
    }

    @Test func keepsScenarioTextsWithARevisionCheck() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("w.abcw").path
        let one = try Workspace(path: path, readOnly: false)
        let two = try Workspace(path: path, readOnly: false)
        #expect(try one.storedScenarios() == StoredScenarios(scenarios: [], session: nil, revision: 0))
        let session = StoredSession(currentScenario: "lean", load: "load q1.csv", datasetPaths: ["/d/q1.csv"], datasetBytes: 10, datasetHash: "00000001")
        let r1 = try one.saveScenarios([
            StoredScenario(name: "base", parent: nil, script: ""),
            StoredScenario(name: "lean", parent: "base", script: "set tiers count 10/40/50\n"),
        ], session: session, expectedRevision: 0, now: 1)
        #expect(r1 == 1)
        // The second shell read before the first wrote: told, nothing written.
        #expect(throws: ScenarioConflict(expected: 0, found: 1)) {
            _ = try two.saveScenarios([StoredScenario(name: "base", parent: nil, script: "set tiers count 30/30/40\n")],
                                      session: StoredSession(currentScenario: "base"), expectedRevision: 0, now: 2)
        }
        let stored = try two.storedScenarios()
        #expect(stored.revision == 1)
        #expect(stored.session == session)
        #expect(stored.scenarios.map(\.name) == ["base", "lean"])
        #expect(stored.scenarios.map(\.revision) == [1, 1])
        // Only the changed scenario's revision moves.
        let r2 = try two.saveScenarios([
            StoredScenario(name: "base", parent: nil, script: ""),
            StoredScenario(name: "lean", parent: "base", script: "set tiers count 10/30/60\n"),
        ], session: session, expectedRevision: stored.revision, now: 3)
        #expect(r2 == 2)
        #expect(try one.storedScenarios().scenarios.map(\.revision) == [1, 2])
    }
}
