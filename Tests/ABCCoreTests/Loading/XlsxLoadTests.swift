import Foundation
import Testing
@testable import ABCCore

#if canImport(Glibc)
import Glibc
#endif

/// Excel workbooks load as the same data as CSV: workbooks written by openpyxl (inline and
/// rich inline strings) and XlsxWriter (shared and rich shared strings, a formula's cached
/// value), in both date systems, give the same customers, metrics, tiers and report as the
/// CSV of the same rows; errors name the sheet's row, column and cell.
@Suite("Excel workbooks")
struct XlsxLoadTests {
    /// Python that defines the rows (with Python values), a CSV of them as a spreadsheet
    /// would export them, and the same rows as workbooks: `{writer}_{1900|1904}.xlsx`.
    /// Sheet 1 is transactions, sheet 2 ("Customers") a customer summary.
    static let script = #"""
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        D = datetime.date
        T = datetime.datetime
        header = ["Customer ID", "InvoiceNo", "InvoiceDate", "amount", "cost", "country", "vip"]
        RICH = object()   # "UK" written as rich text (two runs)
        FORMULA = object()  # 24.68, written by XlsxWriter as =D2*2 with its cached value
        rows = [
            [17850, "O1", D(2024, 1, 5), 12.34, 5.5, "UK", True],
            [17850, "O1", T(2024, 1, 5, 14, 30), 16.448, 8, RICH, True],
            ["K2", "O2", D(2024, 2, 29), -3.25, -1, "Norway", False],
            None,
            [12346, 5001, D(2023, 12, 31), 1.23456, 0.5, 'Côte d\'Ivoire, "West"', False],
            [12347, 5002, D(2024, 3, 1), 2.00005, 1, None, True],
            [None, "O9", D(2024, 3, 2), 7.5, 1, "UK", False],
            [12347, 5003, D(2024, 3, 3), 0, 0, "Multi\nline", False],
            [17850.0, "O4", D(2024, 3, 4), 1.776357e-15, 0, "UK", True],
            [123456789012, "O5", D(1999, 12, 31), FORMULA, 60, "UK", True],
            ["K2", "O6", D(2024, 3, 5), "7.50", "2", "Norway", False],
        ]
        summary_header = ["customer_id", "revenue", "orders", "first_purchase", "last_purchase"]
        summary = [
            [17850, 120.5, 3, D(2023, 1, 2), D(2024, 3, 4)],
            ["K2", 80, 2, D(2023, 6, 1), D(2024, 3, 5)],
            [12346, 0.25, 1, D(1904, 1, 1), D(1950, 7, 14)],
        ]

        def csv_value(v):
            if v is None: return ""
            if v is RICH: return "UK"
            if v is FORMULA: return "24.68"
            if isinstance(v, bool): return "TRUE" if v else "FALSE"
            if isinstance(v, T): return v.strftime("%Y-%m-%d %H:%M:%S")
            if isinstance(v, D): return v.isoformat()
            if isinstance(v, float) and v.is_integer(): return str(int(v))
            if isinstance(v, float): return repr(v)
            s = str(v)
            if any(c in s for c in ',"\n'): return '"' + s.replace('"', '""') + '"'
            return s

        def write_csv(name, head, body):
            with open(os.path.join(out, name), "w", newline="") as f:
                f.write(",".join(head) + "\n")
                for r in body:
                    f.write(("" if r is None else ",".join(csv_value(v) for v in r)) + "\n")

        write_csv("sales.csv", header, rows)
        write_csv("customers.csv", summary_header, summary)

        def with_openpyxl(path, mac):
            wb = openpyxl.Workbook()
            if mac: wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
            ws = wb.active
            ws.title = "Sales"
            for col, h in enumerate(header, 1): ws.cell(row=1, column=col, value=h)
            for i, r in enumerate(rows, 2):
                if r is None: continue
                for col, v in enumerate(r, 1):
                    if v is None: continue
                    if v is RICH: v = CellRichText([TextBlock(InlineFont(b=True), "U"), TextBlock(InlineFont(i=True), "K")])
                    if v is FORMULA: v = 24.68
                    c = ws.cell(row=i, column=col, value=v)
                    if isinstance(v, (D, T)): c.number_format = "yyyy-mm-dd"
            ws2 = wb.create_sheet("Customers")
            ws2.append(summary_header)
            for r in summary:
                ws2.append(r)
                for c in ws2[ws2.max_row]:
                    if isinstance(c.value, (D, T)): c.number_format = "dd/mm/yyyy"
            wb.save(path)

        def with_xlsxwriter(path, mac):
            wb = xlsxwriter.Workbook(path, {"date_1904": mac, "default_date_format": "d mmm yyyy"})
            bold, italic = wb.add_format({"bold": True}), wb.add_format({"italic": True})
            ws = wb.add_worksheet("Sales")
            ws.write_row(0, 0, header)
            for i, r in enumerate(rows, 1):
                if r is None: continue
                for col, v in enumerate(r):
                    if v is None: continue
                    if v is RICH: ws.write_rich_string(i, col, bold, "U", italic, "K")
                    elif v is FORMULA: ws.write_formula(i, col, "=D2*2", None, 24.68)
                    elif isinstance(v, str): ws.write_string(i, col, v)
                    else: ws.write(i, col, v)
            ws2 = wb.add_worksheet("Customers")
            ws2.write_row(0, 0, summary_header)
            for i, r in enumerate(summary, 1): ws2.write_row(i, 0, r)
            wb.close()

        for mac in (False, True):
            system = "1904" if mac else "1900"
            with_openpyxl(os.path.join(out, f"openpyxl_{system}.xlsx"), mac)
            with_xlsxwriter(os.path.join(out, f"xlsxwriter_{system}.xlsx"), mac)
        """#

    /// The workbooks of `script`, made once for the suite (a few small files left in the
    /// temporary folder).
    static let made = Result { try Workbooks.make(script) }

    static let workbooks = ["openpyxl_1900", "openpyxl_1904", "xlsxwriter_1900", "xlsxwriter_1904"]

    /// Customers, metrics, rows, counts and tiers of two loads are the same.
    static func expectSameTiers(_ a: Dataset, _ b: Dataset, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        MultiFileLoadTests.expectSame(a, b, sourceLocation: sourceLocation)
        #expect(a.attributes.map(\.name) == b.attributes.map(\.name), sourceLocation: sourceLocation)
        #expect(a.attributes.map(\.values) == b.attributes.map(\.values), sourceLocation: sourceLocation)
        let segment = { (d: Dataset) in
            try Segmenter.segment(metrics: d.metrics, criteria: d.metrics.defaultCriteria(), rule: .standard)
        }
        let sa = try segment(a), sb = try segment(b)
        #expect(sa.tier == sb.tier, sourceLocation: sourceLocation)
        #expect(sa.score == sb.score, sourceLocation: sourceLocation)
    }

    @Test("a workbook loads as its CSV does", arguments: workbooks)
    func sameAsCSV(_ workbook: String) throws {
        let folder = try Self.made.get()
        let csv = try DataLoader.load(path: folder.appendingPathComponent("sales.csv").path)
        let xlsx = try DataLoader.load(path: folder.appendingPathComponent("\(workbook).xlsx").path)
        try Self.expectSameTiers(xlsx, csv)
        // What the rows hold, worked by hand: 17850 (int and 17850.0) is one customer; the
        // 5th decimals round half-even (1.23456 → 1.2346, 2.00005 → 2.0000, 1.776357e-15 → 0).
        #expect(xlsx.ids == ["123456789012", "12346", "12347", "17850", "K2"])
        #expect(xlsx.revenue("17850") == 28_7880)
        #expect(xlsx.revenue("12346") == 1_2346)
        #expect(xlsx.revenue("12347") == 2_0000)
        #expect(xlsx.revenue("123456789012") == 24_6800)
        #expect(xlsx.revenue("K2") == 4_2500)
        #expect(xlsx.first("17850") == "2024-01-05" && xlsx.last("17850") == "2024-03-04")
        #expect(xlsx.first("K2") == "2024-02-29")
        #expect(xlsx.first("123456789012") == "1999-12-31")
        #expect(xlsx.orders("12347") == 1)
        #expect(xlsx.report.roundedValues == 3)
        #expect(xlsx.report.skippedNoCustomer == 1)
        #expect(xlsx.report.blankLines == 1)
        #expect(xlsx.report.sheet?.name == "Sales")
        #expect(xlsx.report.sheet?.count == 2)
        #expect(xlsx.columnMap == csv.columnMap)
        let country = try #require(xlsx.attributes.first { $0.name == "country" })
        #expect(country.values.contains("Côte d'Ivoire, \"West\"") && country.values.contains("Multi\nline"))
    }

    @Test("the second sheet, by name (case ignored), loads as its CSV does", arguments: workbooks)
    func secondSheet(_ workbook: String) throws {
        let folder = try Self.made.get()
        let csv = try DataLoader.load(path: folder.appendingPathComponent("customers.csv").path)
        var o = LoadOptions()
        o.sheet = "customers"
        let xlsx = try DataLoader.load(path: folder.appendingPathComponent("\(workbook).xlsx").path, options: o)
        try Self.expectSameTiers(xlsx, csv)
        #expect(xlsx.kind == .customers)
        #expect(xlsx.first("12346") == "1904-01-01" && xlsx.last("12346") == "1950-07-14")
        #expect(xlsx.report.sheet?.name == "Customers" && xlsx.report.sheet?.index == 1)
    }

    @Test func severalWorkbooksLoadAsTheirRowsInOneCSV() throws {
        let folder = try Self.made.get()
        let csvText = try String(contentsOf: folder.appendingPathComponent("sales.csv"), encoding: .utf8)
        let rows = MultiFileLoadTests.split(csvText).rows
        let both = try Fixture.load(MultiFileLoadTests.split(csvText).header + rows + rows)
        let files = ["openpyxl_1900", "xlsxwriter_1904"].map {
            DataFile(path: folder.appendingPathComponent("\($0).xlsx").path, name: "\($0).xlsx")
        }
        let xlsx = try DataLoader.load(files: files)
        #expect(xlsx.report.files.map(\.name) == ["openpyxl_1900.xlsx", "xlsxwriter_1904.xlsx"])
        #expect(xlsx.ids == both.ids)
        #expect(xlsx.metrics.revenue == both.metrics.revenue)
        #expect(xlsx.metrics.orders == both.metrics.orders)
        #expect(xlsx.metrics.first == both.metrics.first)
    }

    // MARK: - Errors

    /// A sheet whose header starts at B2, with a bad value of every kind below it.
    static let badScript = #"""
        wb = xlsxwriter.Workbook(os.path.join(out, "bad.xlsx"))
        date = wb.add_format({"num_format": "yyyy-mm-dd"})
        ws = wb.add_worksheet("Orders 2024")
        ws.write_row(1, 1, ["customer_id", "date", "amount"])
        ws.write_row(2, 1, ["K1"]); ws.write_datetime(2, 2, datetime.date(2024, 1, 2), date); ws.write(2, 3, 10)
        ws.write_row(3, 1, ["K2"]); ws.write_datetime(3, 2, datetime.date(2024, 1, 3), date); ws.write_string(3, 3, "12,5O")
        ws.write_row(4, 1, ["K3"]); ws.write_datetime(4, 2, datetime.date(2024, 1, 4), date); ws.write_formula(4, 3, "=1/0", None, "#DIV/0!")
        ws.write_row(5, 1, ["K4"]); ws.write_number(5, 2, 60, date); ws.write(5, 3, 4)
        ws.write_row(6, 1, ["K5"]); ws.write_datetime(6, 2, datetime.date(2024, 1, 6), date); ws.write(6, 3, 5); ws.write(6, 5, "extra")
        ws.write_row(7, 1, ["K6"]); ws.write_datetime(7, 2, datetime.date(2024, 1, 7), date); ws.write_boolean(7, 3, True)
        ws.write_row(8, 1, ["K7"]); ws.write_datetime(8, 2, datetime.date(2024, 1, 8), date); ws.write(8, 3, 7)
        wb.add_worksheet("Notes")
        wb.close()

        wb = xlsxwriter.Workbook(os.path.join(out, "bad_id.xlsx"))
        ws = wb.add_worksheet()
        ws.write_row(0, 0, ["customer_id", "date", "amount"])
        ws.write_row(1, 0, ["K1", "2024-01-01", 3])
        ws.write_formula(2, 0, "=NA()", None, "#N/A"); ws.write_row(2, 1, ["2024-01-02", 4])
        wb.close()

        wb = xlsxwriter.Workbook(os.path.join(out, "left.xlsx"))
        ws = wb.add_worksheet()
        ws.write_row(0, 1, ["customer_id", "date", "amount"])
        ws.write_row(1, 1, ["K1", "2024-01-01", 3])
        ws.write_row(2, 0, ["stray", "K2", "2024-01-02", 4])
        wb.close()
        """#

    @Test func errorsNameTheSheetRowColumnAndCell() throws {
        let folder = try Workbooks.make(Self.badScript)
        defer { Workbooks.remove(folder) }
        let path = folder.appendingPathComponent("bad.xlsx").path
        var o = LoadOptions()
        o.displayName = "bad.xlsx"
        let error = try #require(throws: DataError.self) { try DataLoader.load(path: path, options: o) }
        #expect(error.description
            == "bad.xlsx:4:4: error: expected a number in column 'amount', found \"12,5O\" (sheet Orders 2024, cell D4)")

        o.lenient = true
        let data = try DataLoader.load(path: path, options: o)
        #expect(data.ids == ["K1", "K7"])
        #expect(data.report.skippedBad == 5)
        #expect(data.report.badRowExamples.map(\.description) == [
            "bad.xlsx:4:4: error: expected a number in column 'amount', found \"12,5O\" (sheet Orders 2024, cell D4)",
            "bad.xlsx:5:4: error: expected a number in column 'amount', found the Excel error #DIV/0! (sheet Orders 2024, cell D5)",
            "bad.xlsx:6:3: error: expected a date (2024-03-01, 20240301, 01/03/2024, 2024-03-01 14:05:09) in column 'date', "
                + "found Excel's date serial 60, 1900-02-29, a day that did not exist (Excel's 1900 calendar has it, "
                + "from Lotus 1-2-3) (sheet Orders 2024, cell C6)",
            "bad.xlsx:7:6: error: the row has 5 fields but the header 3; quote values that contain the separator "
                + "(sheet Orders 2024, cell F7)",
            "bad.xlsx:8:4: error: expected a number in column 'amount', found \"TRUE\" (sheet Orders 2024, cell D8)",
        ])
    }

    @Test func anErrorValueIsNoID() throws {
        let folder = try Workbooks.make(Self.badScript)
        defer { Workbooks.remove(folder) }
        var o = LoadOptions()
        o.displayName = "bad_id.xlsx"
        let error = try #require(throws: DataError.self) {
            try DataLoader.load(path: folder.appendingPathComponent("bad_id.xlsx").path, options: o)
        }
        #expect(error.description
            == "bad_id.xlsx:3:1: error: the cell holds the Excel error #N/A, not an id; correct it in the sheet (sheet Sheet1, cell A3)")
    }

    @Test func aValueLeftOfTheHeaderIsAnError() throws {
        let folder = try Workbooks.make(Self.badScript)
        defer { Workbooks.remove(folder) }
        var o = LoadOptions()
        o.displayName = "left.xlsx"
        let error = try #require(throws: DataError.self) {
            try DataLoader.load(path: folder.appendingPathComponent("left.xlsx").path, options: o)
        }
        #expect(error.location == SourceLocation(file: "left.xlsx", line: 3, column: 1))
        #expect(error.message.hasSuffix("(sheet Sheet1, cell A3)"))
    }

    @Test func sheetsAndOptions() throws {
        let folder = try Workbooks.make(Self.badScript)
        defer { Workbooks.remove(folder) }
        let path = folder.appendingPathComponent("bad.xlsx").path
        var o = LoadOptions()
        o.displayName = "bad.xlsx"
        o.sheet = "Sheet9"
        let unknown = try #require(throws: DataError.self) { try DataLoader.load(path: path, options: o) }
        #expect(unknown.message == "no sheet 'Sheet9' in 'bad.xlsx'; its sheets are: 'Orders 2024', 'Notes'")
        #expect(unknown.option == "sheet")
        o.sheet = "Notes"
        let empty = try #require(throws: DataError.self) { try DataLoader.load(path: path, options: o) }
        #expect(empty.message == "sheet 'Notes' of 'bad.xlsx' is empty: expected a header row with column names")
        o.sheet = nil
        o.separator = .semicolon
        let sep = try #require(throws: DataError.self) { try DataLoader.load(path: path, options: o) }
        #expect(sep.option == "sep")
        var text = LoadOptions()
        text.sheet = "Sheet1"
        let notWorkbook = try #require(throws: DataError.self) {
            try Fixture.load("customer_id,date,amount\nK1,2024-01-01,3\n", options: text)
        }
        #expect(notWorkbook.message == "--sheet is for Excel workbooks; 'data.csv' is text")
        let mixed = try #require(throws: DataError.self) {
            try DataLoader.load(files: [DataFile(path: path, name: "bad.xlsx"),
                                        DataFile(bytes: Array("customer_id\n".utf8), name: "b.csv")])
        }
        #expect(mixed.message.hasPrefix("'bad.xlsx' is an Excel workbook but 'b.csv' is text"))
    }

    // MARK: - Files that are not data

    static let notDataScript = #"""
        with zipfile.ZipFile(os.path.join(out, "random.zip"), "w") as z:
            z.writestr("readme.txt", "hello")
        with zipfile.ZipFile(os.path.join(out, "letter.docx"), "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", "<document/>")
        with zipfile.ZipFile(os.path.join(out, "book.xlsb"), "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.bin", "binary")
        wb = xlsxwriter.Workbook(os.path.join(out, "whole.xlsx"))
        ws = wb.add_worksheet()
        for i in range(2000): ws.write_row(i, 0, [f"K{i}", "2024-01-01", i])
        wb.close()
        data = open(os.path.join(out, "whole.xlsx"), "rb").read()
        open(os.path.join(out, "truncated.xlsx"), "wb").write(data[: len(data) * 2 // 3])
        """#

    @Test(arguments: [
        ("old.xls", "is a legacy Excel workbook (.xls)"),
        ("random.zip", "is a zip archive, not an Excel workbook: unzip it"),
        ("letter.docx", "is a Word document, not a workbook"),
        ("book.xlsb", "is an Excel binary workbook (.xlsb)"),
        ("program", "is a program (an ELF executable or library), not a data file"),
        ("report.pdf", "is a PDF document, not a data file"),
        ("truncated.xlsx", "ends early (a truncated or partly copied file)"),
        ("blob.csv", "is binary data, not text"),
    ])
    func filesThatAreNotDataAreNamedInOneLine(_ file: String, _ says: String) throws {
        let folder = try Workbooks.make(Self.notDataScript)
        defer { Workbooks.remove(folder) }
        let junk: [String: [UInt8]] = [
            "old.xls": [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] + [UInt8](repeating: 0x41, count: 600),
            "program": [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01] + [UInt8](repeating: 0, count: 200),
            "report.pdf": Array("%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj << /Type /Catalog >> endobj\n".utf8) + [0, 1, 2],
            "blob.csv": Array("customer_id,amount\n".utf8) + [0, 0, 0xff, 0x10],
        ]
        for (name, bytes) in junk { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        var o = LoadOptions()
        o.displayName = file
        let error = try #require(throws: DataError.self) {
            try DataLoader.load(path: folder.appendingPathComponent(file).path, options: o)
        }
        #expect(error.location == nil)
        #expect(error.message.hasPrefix("'\(file)' "))
        #expect(error.message.contains(says), "\(error.message)")
        #expect(!error.message.contains("\n") && !error.message.contains("PK") && !error.message.contains("%PDF"))
        // The same bytes from memory are named the same way.
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
        let inMemory = try #require(throws: DataError.self) { try DataLoader.load(bytes: bytes, name: file) }
        #expect(inMemory.message == error.message)
    }

    @Test func aWorkbookThroughAPipeIsRefused() throws {
        let folder = try Workbooks.make("")
        defer { Workbooks.remove(folder) }
        let path = folder.appendingPathComponent("book.xlsx").path
        #expect(mkfifo(path, 0o600) == 0)
        var o = LoadOptions()
        o.displayName = "book.xlsx"
        let error = try #require(throws: DataError.self) { try DataLoader.load(path: path, options: o) }
        #expect(error.message.hasPrefix("'book.xlsx' is not a regular file (a pipe?): an Excel workbook can only be read from a file"))
    }
}

/// The pieces: date serials, date formats, number digits.
@Suite("Excel cells")
struct XlsxCellTests {
    @Test(arguments: [
        (1, "1900-01-01"), (59, "1900-02-28"), (61, "1900-03-01"), (45352, "2024-03-01"), (2_958_465, "9999-12-31"),
    ])
    func serials1900(_ serial: Int, _ date: String) throws {
        #expect(ExcelDate.day(serial: serial, uses1904: false) == .day(try #require(CivilDate.parseISO(date))))
    }

    @Test func theFictitiousLeapDayAndOutOfRangeSerials() {
        #expect(ExcelDate.day(serial: 60, uses1904: false) == .phantom)
        #expect(ExcelDate.day(serial: 0, uses1904: false) == nil)
        #expect(ExcelDate.day(serial: 2_958_466, uses1904: false) == nil)
        #expect(ExcelDate.day(serial: -1, uses1904: true) == nil)
    }

    @Test(arguments: [(0, "1904-01-01"), (43890, "2024-03-01"), (59, "1904-02-29")])
    func serials1904(_ serial: Int, _ date: String) throws {
        #expect(ExcelDate.day(serial: serial, uses1904: true) == .day(try #require(CivilDate.parseISO(date))))
    }

    @Test(arguments: [
        ("yyyy-mm-dd", true), ("d mmm yyyy", true), ("[$-409]mmmm d, yyyy;@", true), ("dd/mm/yy\\ h:mm", true),
        ("h:mm:ss", false), ("[h]:mm", false), ("0.00", false), ("#,##0 \"days\"", false), ("General", false),
        ("[Red]0.00", false), ("_(* #,##0_)", false),
    ])
    func dateFormats(_ code: String, _ isDate: Bool) {
        #expect(XlsxWorkbook.isDateFormat(code) == isDate)
    }

    /// Number cells as the text loader gets them: Excel's 15 significant digits (a writer's
    /// 16th and 17th are the double's noise), whole numbers as integers (ids).
    @Test(arguments: [
        ("17850", "17850"), ("17850.0", "17850"), ("1.785E4", "17850"), ("1.785e+4", "17850"), ("-2.50E1", "-25"),
        ("0.0", "0"), ("-0", "0"), ("1E+20", "100000000000000000000"), ("12.5", "12.5"), ("1.23456", "1.23456"),
        ("1.776357E-15", "0.000000000000001776357"), ("97.65000000000001", "97.65"), ("0.30000000000000004", "0.3"),
        ("9.9999999999999999", "10"), ("123456789012345.6", "123456789012346"), ("-0.12345678901234549", "-0.123456789012345"),
        ("1E+40", nil), ("1.2.3", nil), ("abc", nil),
    ] as [(String, String?)])
    func numberCells(_ written: String, _ read: String?) {
        let bytes = Array(written.utf8)
        var out: [UInt8] = []
        let ok = bytes.withUnsafeBufferPointer { ExcelNumber($0.baseAddress!, 0..<bytes.count).appendSignificant(15, to: &out) }
        #expect((ok ? String(decoding: out, as: UTF8.self) : nil) == read)
    }

    @Test(arguments: [("45352.75", 45352), ("0.5", 0), ("4.5352E4", 45352), ("-1", nil), ("1E+12", nil)] as [(String, Int?)])
    func serialFloor(_ written: String, _ floor: Int?) {
        let bytes = Array(written.utf8)
        #expect(bytes.withUnsafeBufferPointer { ExcelNumber($0.baseAddress!, 0..<bytes.count).floorValue } == floor)
    }
}
