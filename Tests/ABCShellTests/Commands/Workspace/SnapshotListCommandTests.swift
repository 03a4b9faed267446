import Testing
@testable import ABCShell

@Suite("snapshot list")
struct SnapshotListCommandTests {
    @Test func listsInTheOrderTaken() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        #expect(try f.blocks("snapshot list", as: SnapshotListCommand.self).text == "No snapshots in w.abcw yet; keep one with 'snapshot save NAME'.")
        f.run("load q2.csv; snapshot save q2; load q1.csv; snapshot save q1")
        let table = try #require(try f.blocks("snapshot list", as: SnapshotListCommand.self).tables.first)
        #expect(table.column("name") == ["q2", "q1"])
        #expect(table.column("reference_date") == ["2025-06-19", "2025-03-19"])
        #expect(table.column("dataset") == ["q2.csv", "q1.csv"])
        #expect(table.column("A_customers") == ["2", "2"] && table.column("C_customers") == ["5", "5"])
        #expect(!table.columns.contains { $0.title == "taken" })
        f.run("timer on")
        #expect(try f.blocks("snapshot list", as: SnapshotListCommand.self).tables.first?.columns.contains { $0.title == "taken" } == true)
    }
}
