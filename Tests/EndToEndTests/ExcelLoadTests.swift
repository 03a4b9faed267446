import Foundation
import Testing

/// `load book.xlsx [--sheet NAME]` through the executable; files that are not data end the
/// run with one error line and exit status 1.
@Suite("Excel workbooks end to end")
struct ExcelLoadTests {
    /// A workbook made with the pinned XlsxWriter (`make venv`; `ABC_PYTHON` under `make test`).
    static func makeWorkbook(in folder: URL) throws {
        let python = ProcessInfo.processInfo.environment["ABC_PYTHON"]
            ?? AbcProcess.packageRoot.appendingPathComponent(".venv/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "no \(python): run `make venv`")
        let script = """
            import sys, datetime, xlsxwriter
            wb = xlsxwriter.Workbook(sys.argv[1], {"default_date_format": "yyyy-mm-dd"})
            ws = wb.add_worksheet("Notes")
            ws.write(0, 0, "Exported by the shop system")
            ws = wb.add_worksheet("Sales")
            ws.write_row(0, 0, ["CustomerID", "InvoiceDate", "amount"])
            ws.write_row(1, 0, [17850, datetime.date(2024, 3, 1), 12.5])
            ws.write_row(2, 0, ["K2", datetime.date(2024, 3, 2), "12,5O"])
            wb.close()
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, folder.appendingPathComponent("book.xlsx").path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
    }

    @Test func aNamedSheetLoadsAndItsErrorsNameTheCell() throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.makeWorkbook(in: folder)
        let bad = try AbcProcess.run(["-c", "load book.xlsx --sheet sales"], directory: folder)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix(
            "book.xlsx:3:3: error: expected a number in column 'amount', found \"12,5O\" (sheet Sales, cell C3)\n"))
        let good = try AbcProcess.run(["-c", "load book.xlsx --sheet Sales --lenient"], directory: folder)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("Loaded book.xlsx: transactions, sheet 'Sales' of 2\n"))
        #expect(good.stdout.contains("  customers  1\n"))
    }

    @Test(arguments: [
        ("old.xls", [UInt8]([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) + [UInt8](repeating: 0, count: 512),
         "is a legacy Excel workbook (.xls)"),
        ("archive.xlsx", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00] + [UInt8](repeating: 0x7a, count: 100),
         "ends early (a truncated or partly copied file)"),
        ("tool", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01] + [UInt8](repeating: 0, count: 100), "is a program"),
        ("report.pdf", Array("%PDF-1.7\n%\u{e2}\u{e3}\n".utf8) + [0, 0], "is a PDF document"),
    ])
    func filesThatAreNotDataExitOneWithOneLine(_ name: String, _ bytes: [UInt8], _ says: String) throws {
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent(name))
        let result = try AbcProcess.run(["-c", "load \(name)"], directory: folder)
        #expect(result.status == 1)
        let errorLines = result.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errorLines.count == 1, "\(result.stderr)")
        #expect(errorLines.first.map { $0.contains("'\(name)' is ") && $0.contains(says) } == true, "\(result.stderr)")
        #expect(!result.stderr.contains("PK\u{3}") && !result.stderr.contains("\u{7f}ELF") && !result.stderr.contains("%PDF"))
    }
}
