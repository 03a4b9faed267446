import Testing
@testable import ABCShell

@Suite("track snapshots")
struct TrackSnapshotsCommandTests {
    /// Worked by hand from `Quarters`.
    @Test func tiersRevenueAndMigrationAcrossThreeSnapshots() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; load q2.csv; snapshot save q2; load q3.csv; snapshot save q3")
        let blocks = try f.blocks("track snapshots", as: TrackSnapshotsCommand.self)
        let sizes = try #require(blocks.tables.first)
        #expect(sizes.column("snapshot") == ["q1", "q2", "q3"])
        #expect(sizes.column("customers") == ["10", "10", "9"])
        #expect(sizes.column("A_customers") == ["2", "2", "1"])
        #expect(sizes.column("B_customers") == ["3", "3", "3"])
        #expect(sizes.column("C_customers") == ["5", "5", "5"])
        #expect(sizes.column("A_revenue") == ["1900.00", "2700.00", "2000.00"])
        #expect(sizes.column("B_revenue") == ["2100.00", "2400.00", "3650.00"])
        #expect(sizes.column("C_revenue") == ["1500.00", "1120.00", "2420.00"])
        // q1 → q2: all but C04, C07, C08 move, arrive or leave; q2 → q3: N1, C03, C06, C04, C01, N2.
        #expect(sizes.column("moved_in") == ["", "9", "6"])
        // Each tier's revenue from its lowest (▁) to its highest (█): A 1900 → 2700 → 2000 puts
        // 2000 at 100/800 of the way, below the second bar.
        #expect(blocks.text == """
            A revenue  ▁█▁  1900.00 … 2700.00
            B revenue  ▁▂█  2100.00 … 3650.00
            C revenue  ▃▁█  1120.00 … 2420.00
            """)
        let first = try #require(blocks.table(titled: "q1 → q2"))
        #expect(first.title == "q1 → q2, customers (9 move, arrive or leave):")
        #expect(first.rows == [
            ["A", "0", "1", "1", "0", "2"],
            ["B", "1", "1", "1", "0", "3"],
            ["C", "0", "1", "2", "2", "5"],
            ["new", "1", "0", "1", "0", "2"],
        ])
        let second = try #require(blocks.table(titled: "q2 → q3"))
        #expect(second.columns.map(\.title) == ["from \\ to", "A", "B", "C", "gone", "total"])
        #expect(second.rows == [
            ["A", "0", "2", "0", "0", "2"],
            ["B", "0", "1", "2", "0", "3"],
            ["C", "1", "0", "3", "1", "5"],
        ])
        // Largest movers present in both: N2 moves two tiers; then by the larger revenue.
        let movers = try #require(blocks.tables.last)
        #expect(movers.column("customer") == ["N2", "N1", "C03", "C06", "C04"])
        #expect(movers.rows[0] == ["N2", "C", "A", "50.00", "2000.00"])
    }

    @Test func needsTwoSnapshots() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1")
        try f.expectFailure("track snapshots", message: "track snapshots needs at least two snapshots; w.abcw has 1 (snapshot save NAME keeps one)", column: 1)
    }
}
