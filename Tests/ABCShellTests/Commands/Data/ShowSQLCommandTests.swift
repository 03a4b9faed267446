import ABCCore
import Foundation
import Testing
@testable import ABCShell

@Suite("show sql")
struct ShowSQLCommandTests {
    @Test func afterAFileLoadTheTableIsNamedLikeTheFile() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let sql = try f.blocks("show sql --dialect duckdb", as: ShowSQLCommand.self).text
        #expect(sql.contains("FROM \"sales\" AS t"))
        #expect(sql.contains("CAST(t.\"amount\" AS DECIMAL(38,10)) - CAST(t.\"cost\" AS DECIMAL(38,10)) AS profit"))
        #expect(!sql.contains("per_order"))  // no order column: rows with a positive amount are orders
        let spark = try f.blocks("show sql --dialect spark --table shop.sales", as: ShowSQLCommand.self).text
        #expect(spark.contains("FROM `shop`.`sales` AS t"))
    }

    @Test func refusals() throws {
        let f = try ShellFixture(files: ["c.csv": "customer_id,revenue\nK1,10\n"], setup: "load c.csv")
        defer { f.remove() }
        #expect(f.failure("show sql")?.message.contains("needs transactions") == true)
        #expect(f.failure("show sql --dialect oracle")?.message == "unknown dialect 'oracle'; expected postgres, duckdb, bigquery, snowflake, spark")
    }

    /// After a server load, the SQL is the one the load sent.
    @Test func afterAServerLoadItIsTheSQLSent() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        f.run("load '\(try TestServer.url(table: "sales_small"))' --customer customer --order order_no --date sold_at")
        let sql = try f.blocks("show sql", as: ShowSQLCommand.self).text
        #expect(sql == f.session.dataset?.report.warehouse?.sql)
        #expect(sql.contains("CAST(t.\"sold_at\" AT TIME ZONE 'UTC' AS DATE)"))
    }
}
