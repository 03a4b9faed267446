import Foundation
import Testing
@testable import ABCShell

@Suite("export segments --snapshot")
struct ExportSegmentsSnapshotTests {
    @Test func writesASnapshotsCustomersAfterItsFileIsGone() throws {
        let f = try Quarters.fixture()
        defer { f.remove() }
        f.run("snapshot save q1; load q2.csv")
        try FileManager.default.removeItem(atPath: f.path("q1.csv"))
        #expect(try f.blocks("export segments q1-segments.csv --snapshot q1", as: ExportSegmentsCommand.self).text
            == "Wrote 10 customers of snapshot q1 to q1-segments.csv")
        let lines = try String(contentsOfFile: f.path("q1-segments.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines[0] == "customer_id,tier,score,rank,revenue,profit,orders,first_purchase,last_purchase,recency_days,tenure_days")
        // C10 bought on 2025-03-19, the reference date; C01 on 2025-03-10, 9 days before.
        #expect(lines[1] == "C01,A,0.7142857142857143,1,1000.00,,1,2025-03-10,2025-03-10,9,9")
        #expect(lines[10] == "C10,C,0.0,10,100.00,,1,2025-03-19,2025-03-19,0,0")
        #expect(lines.count == 11)
    }
}
