import Foundation
import Testing

/// The private PostgreSQL server `make test` starts (tools/with-postgres.sh): its URL without
/// a table, with the fixtures of Tests/Fixtures/warehouse/fixtures.sql loaded. The tests that
/// need it fail without it; they never skip.
enum TestServer {
    static func url(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(ProcessInfo.processInfo.environment["ABC_PG_URL"],
                     "no ABC_PG_URL: run the tests with tools/with-postgres.sh (make test does)", sourceLocation: sourceLocation)
    }

    /// `url` with `?table=NAME` (and more parameters).
    static func url(table: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try url(sourceLocation: sourceLocation) + "?table=" + table
    }
}
