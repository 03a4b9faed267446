import ABCCore
import Foundation
import Testing
@testable import ABCWarehouse

@Suite("The aggregation's SQL")
struct AggregationQueryTests {
    static let withOrders = AggregationQuery(
        source: .table(schema: "shop", name: "order \"lines\""), customer: .init("Customer ID"),
        date: .init("sold_at", .timestampWithTimeZone), amount: .product(quantity: .init("qty"), unitPrice: .init("price", .float)),
        profit: .unitCost(quantity: .init("qty"), unitCost: .init("unit_cost")), order: .init("invoice"))
    static let withoutOrders = AggregationQuery(
        source: .query("SELECT * FROM sales WHERE region = 'north'"), customer: .init("customer_id"), date: .init("date"),
        amount: .column(.init("amount")), profit: .cost(.init("cost")), order: nil)

    @Test func ordersAreCountedInANestedGroupBy() {
        let sql = Self.withOrders.sql(.postgres)
        #expect(sql.contains("GROUP BY customer_id, order_id"))
        #expect(sql.contains("SUM(CASE WHEN net > 0 THEN 1 ELSE 0 END) AS orders"))
        #expect(sql.contains("FROM \"shop\".\"order \"\"lines\"\"\" AS t"))  // identifiers quoted, quotes doubled
        #expect(sql.contains("CAST(t.\"sold_at\" AT TIME ZONE 'UTC' AS DATE) AS day"))
        let plain = Self.withoutOrders.sql(.postgres)
        #expect(!plain.contains("per_order"))
        #expect(plain.contains("SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders"))
        #expect(plain.contains("    SELECT * FROM sales WHERE region = 'north'\n  ) AS t"))
    }

    @Test func aWindowFiltersTheDays() {
        var query = Self.withoutOrders
        query.window = .init(from: CivilDate.parseISO("2024-01-01"), to: CivilDate.parseISO("2025-01-01"))
        #expect(query.sql(.postgres).contains("WHERE CAST(t.\"date\" AS DATE) >= DATE '2024-01-01' AND CAST(t.\"date\" AS DATE) < DATE '2025-01-01'"))
    }

    /// Every dialect parses with sqlglot (pinned in the Makefile's virtual environment), as the
    /// engine it is for; DuckDB's and PostgreSQL's also run (EndToEndTests, the test server).
    @Test(arguments: SQLDialect.allCases)
    func sqlglotParsesEveryDialect(dialect: SQLDialect) throws {
        for query in [Self.withOrders, Self.withoutOrders] {
            let output = try Python.run("""
                import sys, sqlglot
                tree = sqlglot.parse_one(sys.stdin.read(), read=sys.argv[1], error_level=sqlglot.ErrorLevel.RAISE)
                print(type(tree).__name__, len(list(tree.find_all(sqlglot.exp.Group))))
                """, [dialect == .postgres ? "postgres" : dialect.rawValue], input: query.sql(dialect))
            #expect(output == "Select \(query.order == nil ? 1 : 2)\n", "\(dialect)")
        }
    }
}

/// The pinned Python of the Makefile's virtual environment (sqlglot); `ABC_PYTHON` overrides it.
/// Missing, the tests that need it fail; they do not skip.
enum Python {
    static var executable: String {
        if let python = ProcessInfo.processInfo.environment["ABC_PYTHON"] { return python }
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url.appendingPathComponent(".venv/bin/python").path
    }

    static func run(_ script: String, _ arguments: [String], input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "no \(executable): run `make venv`", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-c", script] + arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "python failed: \(String(decoding: errors, as: UTF8.self))", sourceLocation: sourceLocation)
        return String(decoding: data, as: UTF8.self)
    }
}
