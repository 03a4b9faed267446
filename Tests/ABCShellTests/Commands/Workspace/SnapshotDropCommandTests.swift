import Testing
@testable import ABCShell

@Suite("snapshot drop")
struct SnapshotDropCommandTests {
    @Test func dropsASnapshotAndItsCustomers() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; load q2.csv; snapshot save q2")
        #expect(try f.blocks("snapshot drop q1", as: SnapshotDropCommand.self).text == "Dropped snapshot q1")
        let store = try #require(f.session.workspace?.store)
        #expect(try store.snapshots().map(\.info.name) == ["q2"])
        #expect(try store.snapshot(named: "q2")?.customers.count == 10)
        #expect(try store.integrityCheck() == "ok")
        try f.expectFailure("snapshot drop q1", message: "no snapshot 'q1'; did you mean 'q2'? snapshots: q2", column: 15)
    }
}
