import Testing
@testable import ABCShell

@Suite("snapshot show")
struct SnapshotShowCommandTests {
    @Test func showsWhatItWasTakenOf() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("set tiers count 10/40/50; snapshot save q1")
        let blocks = try f.blocks("snapshot show q1", as: SnapshotShowCommand.self)
        let lines = blocks.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Snapshot q1:")
        #expect(lines[1].hasPrefix("  taken     2025-10-09 08:53:"))
        #expect(lines[2] == "  scenario  base, tiers count 10/40/50")
        #expect(lines[3] == "  window    all data, 2025-03-10 to 2025-03-19 (10 days); reference date 2025-03-19")
        #expect(lines[4] == "  data      q1.csv (transactions): 10 rows, 10 customers, 2025-03-10 to 2025-03-19")
        #expect(lines[5].hasPrefix("  content   \(Quarters.q1.utf8.count) bytes, CRC-32 ") && lines[5].hasSuffix(" of the file"))
        #expect(lines[6] == "  settings  set tiers count 10/40/50")
        let tiers = try #require(blocks.tables.first)
        #expect(tiers.column("customers") == ["1", "4", "5"])
        #expect(tiers.column("revenue") == ["1000.00", "3000.00", "1500.00"])
        #expect(tiers.column("last_customer") == ["C01", "C05", "C10"])
    }

    @Test func namesTheSnapshotsThereAre() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        try f.expectFailure("snapshot show q1", message: "no snapshot 'q1'; the workspace has none yet (snapshot save NAME)", column: 15)
        f.run("snapshot save q1")
        try f.expectFailure("snapshot show q2", message: "no snapshot 'q2'; did you mean 'q1'? snapshots: q1", column: 15)
    }
}
