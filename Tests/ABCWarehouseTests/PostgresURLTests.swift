import Testing
@testable import ABCWarehouse

@Suite("postgres:// URLs")
struct PostgresURLTests {
    @Test func toolParametersAreTakenOutAndThePasswordHidden() throws {
        let url = try PostgresURL("postgres://ann:s3cr%40t@db.example:6432/sales?sslmode=require&table=Order%20Lines&schema=shop")
        #expect(url.table == "Order Lines")
        #expect(url.schema == "shop")
        #expect(url.libpqURI == "postgres://ann:s3cr%40t@db.example:6432/sales?sslmode=require&connect_timeout=10")
        #expect(url.redacted == "postgres://ann:***@db.example:6432/sales?sslmode=require&schema=shop&table=Order%20Lines")
        #expect(url.server == "postgres://ann@db.example:6432/sales")
    }

    @Test func aRedactedPasswordIsLeftToLibpq() throws {
        let url = try PostgresURL("postgresql://ann:***@db/sales?table=t&connect_timeout=3")
        #expect(url.libpqURI == "postgresql://ann@db/sales?connect_timeout=3")
    }

    @Test func passwordsInTextAreHidden() {
        #expect(PostgresURL.redactPasswords(in: "load 'postgres://a:pw@h/d?table=t' --order o")
            == "load 'postgres://a:***@h/d?table=t' --order o")
        #expect(PostgresURL.redactPasswords(in: "load postgres://h/d?password=pw&table=t")
            == "load postgres://h/d?password=***&table=t")
        #expect(PostgresURL.redactPasswords(in: "no url here") == "no url here")
    }

    @Test func notAURL() {
        #expect(throws: URLError.self) { try PostgresURL("mysql://h/d") }
        #expect(throws: URLError.self) { try PostgresURL("postgres://h/d?table=") }
    }
}
