import Foundation
import Testing

/// The acceptance check for warehouses (issue 17): the generated 1m data COPYed into the test
/// server (tools/with-postgres.sh) and read with `load postgres://…` gives every figure of
/// `../shared/bench/summary_1m.txt`, both tierings, with one row received per customer; and
/// `show sql --dialect duckdb`, run by DuckDB on the CSV and saved as CSV, loads as a customer
/// summary with the same tiers as the CSV itself.
@Suite("Warehouse reference answers")
struct WarehouseReferenceTests {
    static var serverURL: String {
        get throws {
            try #require(ProcessInfo.processInfo.environment["ABC_PG_URL"],
                         "no ABC_PG_URL: run the tests with tools/with-postgres.sh (make test does)")
        }
    }

    @Test func serverLoadMatchesTheReferenceSummary() throws {
        let summary = AbcProcess.packageRoot.appendingPathComponent("../shared/bench/summary_1m.txt")
        let reference = ReferenceAnswerTests.parseReference(try String(contentsOf: summary, encoding: .utf8))
        let url = try Self.serverURL + "?table=transactions_1m"
        let result = try AbcProcess.run(
            ["-c", "set format csv; load '\(url)'; segment; set tiers revenue 80/15/5; segment"])
        #expect(result.status == 0, "\(result.stderr)")
        let ours = ReferenceAnswerTests.parseOurs(result.stdout)
        try #require(ours.count == 2 && reference.tierings.count == 2)
        for i in 0..<2 {
            #expect(ours[i] == reference.tierings[i], "tiering \(i + 1)")
            #expect(ours[i].rows.count == 3)
        }
        let report = result.stderr
        let customers = try #require(reference.header["customers"])
        #expect(report.contains("customers  \(customers)\n"))
        #expect(report.contains("reference date \(reference.header["reference_date"]!)"))
        #expect(report.contains("revenue \(reference.header["total_revenue"]!), profit \(reference.header["total_profit"]!)"))
        // Only aggregates crossed the network: one row per customer.
        #expect(report.contains("\(reference.header["transactions"]!) rows aggregated on the server, \(customers) rows received (one per customer)"))
        #expect(!report.contains("abc-test-password"))
    }

    @Test func duckdbRunsShowSQLAndItsResultLoadsWithTheSameTiers() throws {
        let data = ReferenceAnswerTests.dataFolder.appendingPathComponent("transactions_1m.csv")
        try #require(FileManager.default.fileExists(atPath: data.path), "missing \(data.path): run `make test`, which generates it")
        let python = try #require(ProcessInfo.processInfo.environment["ABC_PYTHON"]
            ?? Optional(AbcProcess.packageRoot.appendingPathComponent(".venv/bin/python").path))
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run `make bench-venv` (DuckDB is pinned there)")
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shown = try AbcProcess.run(["-c", "load '\(data.path)'; show sql --dialect duckdb"], directory: folder)
        #expect(shown.status == 0, "\(shown.stderr)")
        let sql = try #require(shown.stdout.range(of: "WITH src AS (").map { String(shown.stdout[$0.lowerBound...]) })
        try sql.write(to: folder.appendingPathComponent("aggregation.sql"), atomically: true, encoding: .utf8)
        let duck = Process()
        duck.executableURL = URL(fileURLWithPath: python)
        duck.arguments = ["-c", """
            import sys, duckdb
            con = duckdb.connect()
            path = sys.argv[1].replace("'", "''")
            con.execute(f"CREATE VIEW transactions_1m AS SELECT * FROM read_csv('{path}')")
            sql = open(sys.argv[2]).read()
            con.execute(f"COPY ({sql}) TO '{sys.argv[3]}' (HEADER, DELIMITER ',')")
            """, data.path, folder.appendingPathComponent("aggregation.sql").path, folder.appendingPathComponent("customers.csv").path]
        try duck.run()
        duck.waitUntilExit()
        try #require(duck.terminationStatus == 0)
        func tiers(_ file: String) throws -> [Substring] {
            let result = try AbcProcess.run(
                ["-c", "load '\(file)'; export segments count.csv --force; set tiers revenue 80/15/5; export segments revenue.csv --force"],
                directory: folder)
            #expect(result.status == 0, "\(result.stderr)")
            return try ["count", "revenue"].flatMap { kind -> [Substring] in
                let text = try String(contentsOf: folder.appendingPathComponent("\(kind).csv"), encoding: .utf8)
                return text.split(separator: "\n").map { line in
                    let f = line.split(separator: ",", omittingEmptySubsequences: false)
                    return f[0] + "," + f[1] + "," + f[3]  // id, tier, rank
                }
            }
        }
        let fromDuckDB = try tiers(folder.appendingPathComponent("customers.csv").path)
        let fromFile = try tiers(data.path)
        #expect(fromDuckDB.count == 2 * 100_001)
        #expect(fromDuckDB == fromFile)
    }

    /// Periods, as-of dates and `track`: one pushed-down query per window, the same figures as
    /// the file gives for the same windows (the file loader aggregates its own columns).
    @Test func windowsMatchTheFile() throws {
        let data = ReferenceAnswerTests.dataFolder.appendingPathComponent("transactions_1m.csv")
        try #require(FileManager.default.fileExists(atPath: data.path), "missing \(data.path): run `make test`, which generates it")
        let commands = "set period year 2024; segment; set period all; set asof 2024-06-30; segment; set asof off; "
            + "set tiers revenue 80/15/5; track quarterly from 2024-01-01"
        let server = try AbcProcess.run(["-c", "set format csv; load '\(try Self.serverURL)?table=transactions_1m'; " + commands])
        let file = try AbcProcess.run(["-c", "set format csv; load '\(data.path)'; " + commands])
        #expect(server.status == 0, "\(server.stderr)")
        #expect(file.status == 0, "\(file.stderr)")
        #expect(server.stdout.split(separator: "\n").count == 15)  // two segmentations of 5 lines, track of 5
        #expect(server.stdout == file.stdout)
    }

    /// A script connects only with `abc run --allow-db`; refused, it exits 1 with one line.
    @Test func scriptsNeedAllowDB() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = try Self.serverURL + "?table=sales_small"
        try "load '\(url)' --customer customer --order order_no --date sold_at\n"
            .write(to: folder.appendingPathComponent("pg.abc"), atomically: true, encoding: .utf8)
        let refused = try AbcProcess.run(["run", "pg.abc"], directory: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("may not connect to 'postgres://abc:***@"), "\(refused.stderr)")
        #expect(refused.stderr.contains("abc run --allow-db allows it"))
        #expect(!refused.stderr.contains("abc-test-password"))
        let allowed = try AbcProcess.run(["run", "pg.abc", "--allow-db"], directory: folder)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("3 rows received"))
        let safe = try AbcProcess.run(["run", "pg.abc", "--safe"], directory: folder)
        #expect(safe.status == 1)
        #expect(safe.stderr.contains("abc run --safe allows no database"))
        // A load that fails on the server stops the script with exit 1 and one line.
        try "load '\(try Self.serverURL)?table=no_such_table'\nsegment\n"
            .write(to: folder.appendingPathComponent("bad.abc"), atomically: true, encoding: .utf8)
        let bad = try AbcProcess.run(["run", "bad.abc", "--allow-db"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: cannot read no_such_table on postgres://abc@127.0.0.1:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("relation \"no_such_table\" does not exist"))
        #expect(!bad.stderr.contains("abc-test-password"))
    }
}
