import Testing
@testable import ABCCore

@Suite("Bad rows")
struct BadRowTests {
    @Test func badAmountNamesFileLineAndColumn() throws {
        let text = """
            customer,date,amount
            C1,2024-03-01,10
            C2,2024-03-02,11
            C300,2024-03-03,"12,5O"

            """
        // Line 4; "C300,2024-03-03," is 16 bytes, so the quoted field opens at byte 17.
        let error = try #require(Fixture.loadError(text, name: "sales.csv"))
        #expect(error.location == SourceLocation(file: "sales.csv", line: 4, column: 17))
        #expect(error.message == "expected a number in column 'amount', found \"12,5O\"")
        #expect(error.description == "sales.csv:4:17: error: expected a number in column 'amount', found \"12,5O\"")
    }

    @Test func badAmountInASemicolonFile() throws {
        // Unquoted; "C300;2024-03-03;" is 16 bytes again.
        let error = try #require(Fixture.loadError(
            "customer;date;amount\nC1;2024-03-01;10\nC2;2024-03-02;11\nC300;2024-03-03;12,5O\n", name: "sales.csv"))
        #expect(error.description == "sales.csv:4:17: error: expected a number in column 'amount', found \"12,5O\"")
    }

    @Test func displayNameDefaultsToThePath() throws {
        let path = try Fixture.write("customer,date,amount\nC1,2024-03-01,zz\n", name: "raw.csv")
        defer { Fixture.remove(path) }
        #expect {
            _ = try DataLoader.load(path: path)
        } throws: { error in
            (error as? DataError)?.location == SourceLocation(file: path, line: 2, column: 15)
        }
    }

    @Test func missingFile() {
        #expect {
            _ = try DataLoader.load(path: "/nonexistent/abc-coretests/none.csv")
        } throws: { error in
            (error as? DataError)?.message.hasPrefix("cannot open '/nonexistent/abc-coretests/none.csv'") == true
        }
    }

    @Test func shortRow() throws {
        let error = try #require(Fixture.loadError("customer,date,amount\nC1,2024-03-01\n"))
        #expect(error.message == "missing column 'amount': the row has 2 fields, the header 3")
        #expect(error.location == SourceLocation(file: "data.csv", line: 2, column: 1))
    }

    static let messy = """
        customer,date,amount
        C1,2024-01-01,10
        C2,2024-01-02,abc
        C3,not-a-date,5
        C1,2024-01-03,x1
        C4,2024-01-04
        C5,2024-01-05,1..2
        C6,2024-01-06,7
        C7,2024-01-07,??
        C8,2024-01-08,

        """

    @Test func strictLoadStopsAtTheFirstBadRow() {
        let error = Fixture.loadError(Self.messy)
        #expect(error?.location == SourceLocation(file: "data.csv", line: 3, column: 15))
    }

    @Test func lenientSkipsCountsAndKeepsFiveExamples() throws {
        let data = try Fixture.load(Self.messy, options: options(lenient: true))
        // Bad: lines 3, 4, 5, 6, 7, 9, 10 (7 rows); used: lines 2 and 8.
        #expect(data.report.rowsRead == 9)
        #expect(data.report.skippedBad == 7)
        #expect(data.report.rowsUsed == 2)
        #expect(data.ids == ["C1", "C6"])
        #expect(data.metrics.revenue == [100_000, 70_000])
        let examples = data.report.badRowExamples
        #expect(examples.count == 5)
        #expect(examples.map { $0.location?.line } == [3, 4, 5, 6, 7])
        #expect(examples.map { $0.location?.column } == [15, 4, 15, 1, 15])
        #expect(examples.map(\.message) == [
            "expected a number in column 'amount', found \"abc\"",
            "expected a date (2024-03-01, 20240301, 01/03/2024, 2024-03-01 14:05:09) in column 'date', found \"not-a-date\"",
            "expected a number in column 'amount', found \"x1\"",
            "missing column 'amount': the row has 2 fields, the header 3",
            "expected a number in column 'amount', found \"1..2\"",
        ])
    }

    @Test func lenientSkippedRowLeavesNoCustomerBehind() throws {
        // C9's only row lacks its order id (the last column): the row is skipped, so C9 has
        // no used row and must not appear as a customer.
        let text = "customer,date,amount,order_id\nC1,2024-01-01,10,O1\nC9,2024-01-02,5\n"
        let data = try Fixture.load(text, options: options(lenient: true))
        #expect(data.report.skippedBad == 1)
        #expect(data.report.rowsUsed == 1)
        #expect(data.ids == ["C1"])
        #expect(data.customerCount == 1)
        #expect(data.metrics.recency == [0])

        let strict = Fixture.loadError(text)
        #expect(strict?.message == "missing column 'order_id': the row has 3 fields, the header 4")
        #expect(strict?.location == SourceLocation(file: "data.csv", line: 3, column: 1))
    }

    @Test func lenientWithNothingUsable() {
        let error = Fixture.loadError("customer,date,amount\nC1,2024-01-01,x\n", options: options(lenient: true))
        #expect(error?.message == "no usable rows in 'data.csv': every row was skipped")
    }

    @Test func lenientSummary() throws {
        let data = try Fixture.load(
            "customer,revenue,orders\nC1,10,1\nC2,x,1\nC3,5,-1\nC4,7,2\n", options: options(lenient: true))
        #expect(data.ids == ["C1", "C4"])
        #expect(data.report.skippedBad == 2)
        #expect(data.report.rowsUsed == 2)
        #expect(data.report.badRowExamples.map { $0.location?.line } == [3, 4])
    }
}
