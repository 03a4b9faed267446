import Foundation
import Testing
@testable import ABCShell

/// `compare snapshot:NAME SCENARIO` and `compare snapshot:A snapshot:B`, worked by hand from
/// `Quarters`: customers matched by id, new and gone.
@Suite("compare with snapshots")
struct CompareSnapshotTests {
    @Test func lastQuartersTiersAgainstThisQuartersAfterItsFileIsGone() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1")
        try FileManager.default.removeItem(atPath: f.path("q1.csv"))
        f.run("load q2.csv; snapshot save q2")
        let blocks = try f.blocks("compare snapshot:q1 base", as: CompareCommand.self)
        let customers = try #require(blocks.table(titled: "Migration snapshot:q1 → base, customers"))
        #expect(customers.title == "Migration snapshot:q1 → base, customers (9 move, arrive or leave):")
        #expect(customers.columns.map(\.title) == ["from \\ to", "A", "B", "C", "gone", "total"])
        // C01 A→C, C02 A→B; C03 B→A, C04 stays, C05 B→C; C06 C→B, C07 and C08 stay, C09 and
        // C10 gone; N1 new in A, N2 new in C.
        #expect(customers.rows == [
            ["A", "0", "1", "1", "0", "2"],
            ["B", "1", "1", "1", "0", "3"],
            ["C", "0", "1", "2", "2", "5"],
            ["new", "1", "0", "1", "0", "2"],
        ])
        // Revenue as in q1 (C01 1000 to C; C09 200 + C10 100 gone), new customers' as in q2.
        let revenue = try #require(blocks.table(titled: "Migration snapshot:q1 → base, revenue"))
        #expect(revenue.rows == [
            ["A", "0.00", "900.00", "1000.00", "0.00", "1900.00"],
            ["B", "800.00", "700.00", "600.00", "0.00", "2100.00"],
            ["C", "0.00", "500.00", "700.00", "300.00", "1500.00"],
            ["new", "1500.00", "0.00", "50.00", "0.00", "1550.00"],
        ])
        let profiles = try #require(blocks.tables.first { $0.name == "profiles" })
        #expect(profiles.column("scenario") == ["snapshot:q1", "base", "snapshot:q1", "base", "snapshot:q1", "base"])
        #expect(profiles.column("revenue") == ["1900.00", "2700.00", "2100.00", "2400.00", "1500.00", "1120.00"])
        let totals = try #require(blocks.tables.first { $0.name == "totals" })
        #expect(totals.rows.map { [$0[0], $0[2], $0[3]] } == [["snapshot:q1", "5500.00", "0.00"], ["base", "6220.00", "720.00"]])
        // Arrivals and departures first (by their revenue where present), then C01's two tiers,
        // then the one-tier moves by q1 revenue.
        let movers = try #require(blocks.tables.last)
        #expect(movers.column("customer") == ["N1", "C09", "C10", "N2", "C01", "C02", "C03", "C05", "C06"])
        #expect(movers.rows[0] == ["N1", "new", "A", "1500.00", "", "1"])
        #expect(movers.rows[1] == ["C09", "C", "gone", "200.00", "9", ""])
        #expect(movers.rows[4] == ["C01", "A", "C", "1000.00", "1", "9"])
        // Two snapshots give the same figures.
        let both = try f.blocks("compare snapshot:q1 snapshot:q2", as: CompareCommand.self)
        #expect(both.table(titled: "Migration snapshot:q1 → snapshot:q2, customers")?.rows == customers.rows)
    }

    @Test(arguments: [
        ("compare snapshot:q1", "a snapshot is compared with one other side: compare snapshot:NAME SCENARIO, or compare snapshot:A snapshot:B", 9),
        ("compare snapshot:q1 base lean", "a snapshot is compared with one other side: compare snapshot:NAME SCENARIO, or compare snapshot:A snapshot:B", 26),
        ("compare snapshot:nope base", "no snapshot 'nope'; snapshots: q1", 18),
        ("compare snapshot:q1 snapshot:q1", "'snapshot:q1' is given twice", 21),
        ("compare snapshot:q1 base --annualise", "--annualise is for scenarios of one dataset, not snapshots", 26),
    ])
    func errors(line: String, message: String, column: Int) throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; scenario new lean")
        try f.expectFailure(line, message: message, column: column)
    }

    @Test func twoSnapshotsNeedNoData() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; load q2.csv; snapshot save q2")
        // The data files are gone: the workspace's last load is not restored.
        try FileManager.default.removeItem(atPath: f.path("q1.csv"))
        try FileManager.default.removeItem(atPath: f.path("q2.csv"))
        let g = try ShellFixture(files: [:], setup: nil)
        defer { g.remove() }
        g.run("workspace open \(f.path("w.abcw"))")
        #expect(try g.blocks("compare snapshot:q1 snapshot:q2", as: CompareCommand.self).table(titled: "Migration")?.rows.count == 4)
        try g.expectFailure("compare snapshot:q1 base", message: "no data loaded; load a file first (e.g. `load sample`)", column: 1)
    }
}
