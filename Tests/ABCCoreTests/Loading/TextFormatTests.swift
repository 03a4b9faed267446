import Foundation
import Testing
@testable import ABCCore

@Suite("Text format")
struct TextFormatTests {
    @Test func utf8ByteOrderMark() throws {
        // Without the BOM skipped the first header would be "\u{FEFF}customer" and unrecognised.
        let data = try Fixture.load("\u{FEFF}customer,date,amount\nC1,2024-03-01,10\n")
        #expect(data.report.columns.first?.role == .customer)
        #expect(data.report.columns.first?.column == "customer")
        #expect(data.ids == ["C1"])
        #expect(data.metrics.revenue == [100_000])
    }

    @Test func crlfLineEndings() throws {
        let data = try Fixture.load("customer,date,amount\r\nC1,2024-03-01,10\r\nC2,2024-03-02,5.5\r\n")
        // The last field must not keep the "\r" (it would not parse as a number).
        #expect(data.metrics.revenue == [100_000, 55_000])
        #expect(data.report.rowsRead == 2)
        #expect(data.report.blankLines == 0)
        // Line numbers with CRLF: the bad amount "x" is on line 3, after "C2,2024-03-02," (14 bytes).
        let error = Fixture.loadError("customer,date,amount\r\nC1,2024-03-01,10\r\nC2,2024-03-02,x\r\n")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 3, column: 15))
        #expect(error?.message == "expected a number in column 'amount', found \"x\"")
    }

    @Test func noFinalNewline() throws {
        let data = try Fixture.load("customer,date,amount\nC1,2024-03-01,10\nC2,2024-03-02,5")
        #expect(data.ids == ["C1", "C2"])
        #expect(data.metrics.revenue == [100_000, 50_000])
        #expect(data.report.rowsRead == 2)
        // Also with CRLF and a quoted last field.
        let quoted = try Fixture.load("customer,date,amount\r\nC1,2024-03-01,\"7\"")
        #expect(quoted.metrics.revenue == [70_000])
    }

    @Test func blankLinesIgnoredAndCounted() throws {
        // Line 2 empty, line 4 only spaces, line 5 empty, and the file ends "\n\n" (line 7 empty):
        // 4 blank lines, 2 rows.
        let text = "customer,date,amount\n\nC1,2024-03-01,10\n   \n\nC2,2024-03-02,5\n\n"
        let data = try Fixture.load(text)
        #expect(data.report.blankLines == 4)
        #expect(data.report.rowsRead == 2)
        #expect(data.report.rowsUsed == 2)
        #expect(data.metrics.revenue == [100_000, 50_000])
    }

    @Test func blankLinesKeepLineNumbers() {
        // customer,date,amount (1) / empty (2) / C1 (3) / empty (4) / C2 with bad amount (5).
        let error = Fixture.loadError("customer,date,amount\n\nC1,2024-03-01,10\n\nC2,2024-03-02,x\n")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 5, column: 15))
    }

    @Test func rfc4180Quoting() throws {
        let text = #"""
            customer,date,amount
            "Smith, ""J""",2024-03-01,10
            "multi
            line",2024-03-02,"5.25"
            plain,"2024-03-03",1
            "",2024-03-04,9

            """#
        let data = try Fixture.load(text)
        // Byte order: "S" (0x53) < "m" (0x6d) < "p" (0x70).
        #expect(data.ids == ["Smith, \"J\"", "multi\nline", "plain"])
        #expect(data.revenue("Smith, \"J\"") == 100_000)
        #expect(data.revenue("multi\nline") == 52_500)
        #expect(data.revenue("plain") == 10_000)
        #expect(data.first("plain") == "2024-03-03")
        // "" is an empty customer id: skipped and counted.
        #expect(data.report.rowsRead == 4)
        #expect(data.report.skippedNoCustomer == 1)
        #expect(data.report.rowsUsed == 3)
    }

    @Test func badRowAfterMultiLineQuotedFieldHasPhysicalLine() {
        let text = #"""
            customer,date,amount
            "a
            b",2024-03-01,10
            "c",2024-03-02,5
            "d
            e
            f",2024-03-03,7
            g,2024-03-04,oops

            """#
        // Physical lines: header 1, "a…b" 2–3, "c" 4, "d…f" 5–7, g 8; "g,2024-03-04," is 13 bytes.
        let error = Fixture.loadError(text)
        #expect(error?.location == SourceLocation(file: "data.csv", line: 8, column: 14))
        #expect(error?.message == "expected a number in column 'amount', found \"oops\"")
    }

    @Test func badFieldOnSecondLineOfAQuotedRecord() {
        // The record starts on line 2 but the amount is on line 3, after `y",2024-03-01,` (14 bytes).
        let error = Fixture.loadError("customer,date,amount\n\"x\ny\",2024-03-01,bad\n")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 3, column: 15))
    }

    @Test func unterminatedQuote() throws {
        let error = Fixture.loadError("customer,date,amount\nC1,2024-03-01,10\nC2,2024-03-02,\"5\n")
        let e = try #require(error)
        #expect(e.message.contains("unterminated quoted field"))
        #expect(e.location?.line == 3)
    }

    @Test func textAfterClosingQuote() {
        // `"C1"x`: the x is at byte column 5 of line 2.
        let error = Fixture.loadError("customer,date,amount\n\"C1\"x,2024-03-01,10\n")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 2, column: 5))
        #expect(error?.message == "unexpected text after a closing quote; expected a separator")
    }

    @Test func gzipGivesTheSameDataset() throws {
        let text = #"""
            customer,date,order,amount
            "Smith, ""J""",2024-03-01,O1,10
            B7,2024-03-02,O2,5.25

            B7,2024-03-09,O3,-1.25
            A1,2024-02-01,O4,16.448
            """#
        let dir = try Fixture.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = try Fixture.write(text, name: "sales.csv", in: dir)
        let gzipped = dir.appendingPathComponent("sales.csv.gz").path

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", plain, gzipped]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gzipped))
        try #require(bytes.prefix(2) == Data([0x1f, 0x8b]))

        var o = LoadOptions()
        o.displayName = "sales"
        let a = try DataLoader.load(path: plain, options: o)
        let b = try DataLoader.load(path: gzipped, options: o)
        #expect(a.ids == ["A1", "B7", "Smith, \"J\""])
        #expect(a.metrics.revenue == [164_480, 40_000, 100_000])
        #expect(b.ids == a.ids)
        #expect(b.metrics.revenue == a.metrics.revenue)
        #expect(b.metrics.orders == a.metrics.orders)
        #expect(b.metrics.first == a.metrics.first)
        #expect(b.metrics.last == a.metrics.last)
        #expect(b.metrics.referenceDate == a.metrics.referenceDate)
        #expect(b.moneyDecimals == 4 && a.moneyDecimals == 4)
        #expect(b.transactions?.amount == a.transactions?.amount)
        #expect(b.transactions?.customer == a.transactions?.customer)
        #expect(b.report.rowsRead == 4 && a.report.rowsRead == 4)
        #expect(b.report.blankLines == 1 && a.report.blankLines == 1)
        #expect(b.report.returns == 1 && a.report.returns == 1)
        #expect(b.report.separatorName == "comma")
    }

    @Test func cancelledLoadThrowsInterrupted() throws {
        var o = LoadOptions()
        o.isCancelled = { true }
        #expect(throws: Interrupted.self) {
            _ = try Fixture.load("customer,date,amount\nC1,2024-03-01,10\n", options: o)
        }
    }

    @Test(arguments: ["", "\n\n", "\u{FEFF}", "  \r\n"])
    func emptyFile(text: String) {
        let error = Fixture.loadError(text)
        #expect(error?.message == "'data.csv' is empty: expected a header line with column names")
    }

    @Test func headerOnly() {
        let error = Fixture.loadError("customer,date,amount\n")
        #expect(error?.message == "'data.csv' has a header but no rows")
    }

    @Test func directoryIsRefused() throws {
        let dir = try Fixture.makeDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            _ = try DataLoader.load(path: dir.path)
        } throws: { error in
            (error as? DataError)?.message == "'\(dir.path)' is a directory, not a data file"
        }
    }
}
