import ABCCore
import Foundation
import Testing
@testable import ABCShell

/// `export segments FILE.xlsx` read back with openpyxl (the Makefile's pinned `.venv`) against
/// the CSV export of the same scenario.
@Suite("export segments to xlsx")
struct ExportSegmentsXlsxTests {
    /// The fixture's sales with a country per customer, an id with a leading zero, and a lever,
    /// so every kind of column is there: text, score, integers, money (exact projected
    /// figures), dates, attributes (one customer without).
    static let files = ["sales.csv": """
        customer_id,date,amount,cost,country
        K1,2024-01-10,300.00,150.00,FR
        K1,2024-03-31,200.00,100.00,FR
        K2,2024-02-15,250.00,150.00,
        K3,2024-01-20,70.00,40.00,DE
        K3,2024-03-01,50.00,30.00,DE
        007,2024-03-15,80.00,60.00,FR
        K5,2024-01-01,30.00,25.00,DE
        K5,2024-02-01,20.00,15.00,DE

        """]
    static let setup = "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2 per-adopter"

    func csvRows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Whether a workbook cell holds what the CSV field says, and is of the column's type.
    func matches(_ cell: Python.Workbook.Cell?, _ field: String, kind: SegmentsRows.Kind) -> Bool {
        guard let cell else { return field.isEmpty }
        switch kind {
        case .text: return cell.t == "s" && cell.s == field
        case .date: return cell.t == "d" && cell.s == field
        case .money, .integer, .score: return cell.t == "n" && cell.n == Double(field)
        }
    }

    @Test func sameRowsValuesAndTypesAsTheCSV() throws {
        let f = try ShellFixture(files: Self.files, setup: Self.setup)
        defer { f.remove() }
        f.run("export segments s.csv")
        #expect(f.run("export segments s.xlsx").text == "Wrote 5 customers to s.xlsx\n")
        let csv = try csvRows(f.path("s.csv"))
        let book = try Python.workbook(at: f.path("s.xlsx"))
        try #require(book.sheets.count == 1)
        let sheet = book.sheets[0]
        #expect(sheet.title == "segments")
        #expect(sheet.freeze == "A2")  // the header stays in view
        #expect(sheet.rows.count == csv.count)
        #expect(sheet.rows[0].map { $0?.s } == csv[0])
        let kinds = Dictionary(uniqueKeysWithValues: (SegmentsRows.baseColumns + SegmentsRows.leverColumns).map { ($0.name, $0.kind) })
        for (row, fields) in zip(sheet.rows.dropFirst(), csv.dropFirst()) {
            try #require(row.count == fields.count)
            for (i, field) in fields.enumerated() {
                let kind = kinds[csv[0][i]] ?? .text  // attributes are text
                #expect(matches(row[i], field, kind: kind), "\(csv[0][i]) of \(fields[0]): \(String(describing: row[i])) vs \(field)")
            }
        }
        // The id with a leading zero stays text; a date is a date; an exact projected figure a number.
        let header = csv[0]
        let k4 = try #require(sheet.rows.first { $0.first??.s == "007" })
        #expect(k4[0] == .init(t: "s", s: "007"))
        #expect(k4[try #require(header.firstIndex(of: "first_purchase"))] == .init(t: "d", s: "2024-03-15"))
        let k2 = try #require(sheet.rows.first { $0.first??.s == "K2" })
        #expect(k2[try #require(header.firstIndex(of: "projected_revenue"))]?.n == 257.5)
        #expect(k2[try #require(header.firstIndex(of: "country"))] == nil)
    }

    @Test func moneyBeyond15SignificantDigitsIsExactTextWithANote() throws {
        let files = ["big.csv": "customer_id,date,amount\nK1,2024-01-01,12345678901234.56\nK2,2024-01-02,5.00\n"]
        let f = try ShellFixture(files: files, setup: "load big.csv")
        defer { f.remove() }
        f.run("export segments s.xlsx")
        let rows = try Python.workbook(at: f.path("s.xlsx")).sheets[0].rows
        let revenue = try #require(rows[0].firstIndex { $0?.s == "revenue" })
        #expect(rows[1][revenue] == .init(t: "s", s: "12345678901234.56", note: SegmentsWorkbook.exactTextNote))
        #expect(rows[2][revenue] == .init(t: "n", n: 5))
    }

    @Test func significantDigits() {
        #expect(SegmentsWorkbook.significantDigits("250.00") == 3)
        #expect(SegmentsWorkbook.significantDigits("1200") == 4)
        #expect(SegmentsWorkbook.significantDigits("-0.0050") == 1)
        #expect(SegmentsWorkbook.significantDigits("0.00") == 0)
        #expect(SegmentsWorkbook.significantDigits("123456789012345.6") == 16)
        #expect(SegmentsWorkbook.significantDigits("12345678901234.50") == 15)
    }

    @Test func moreCustomersThanASheetHoldsContinueOnFurtherSheets() throws {
        // Excel's 1,048,576 rows less the header.
        #expect(SegmentsWorkbook.customersPerSheet == 1_048_575)
        #expect(SegmentsWorkbook.sheetRanges(count: 1_048_575) == [0..<1_048_575])
        #expect(SegmentsWorkbook.sheetRanges(count: 1_048_576) == [0..<1_048_575, 1_048_575..<1_048_576])
        #expect(SegmentsWorkbook.sheetRanges(count: 0) == [0..<0])
        #expect(SegmentsWorkbook.sheetRanges(count: 5, perSheet: 2) == [0..<2, 2..<4, 4..<5])

        // The writer with a limit of 2: the fixture's 5 customers on 3 sheets, each with the header.
        let f = try ShellFixture(setup: "load sales.csv")
        defer { f.remove() }
        f.run("export segments s.csv")
        let evaluator = f.session.evaluator
        let scenario = f.session.scenario
        let (dataset, segmentation, _) = try evaluator.simulation(of: scenario)
        let rows = SegmentsRows(dataset: dataset, scope: try evaluator.scope(of: scenario), segmentation: segmentation)
        let path = f.path("split.xlsx")
        try POSIXFileSystem().write(to: path, replace: false) { (produced: String) throws(RequestError) in
            let book = try XlsxWorkbook(path: produced, temporaryFolder: f.folder.path, target: path, title: "t")
            var names = XlsxSheetNames()
            try SegmentsWorkbook.write(rows, into: book, names: &names, perSheet: 2)
            try book.close()
        }
        let book = try Python.workbook(at: path)
        #expect(book.sheets.map(\.title) == ["segments", "segments 2", "segments 3"])
        #expect(book.sheets.map { $0.rows.count } == [3, 3, 2])
        let csv = try csvRows(f.path("s.csv"))
        for sheet in book.sheets {
            #expect(sheet.rows[0].map { $0?.s } == csv[0])
            #expect(sheet.freeze == "A2")
        }
        #expect(book.sheets.flatMap { $0.rows.dropFirst().map { $0[0]?.s ?? "" } } == csv.dropFirst().map { $0[0] })
    }

    @Test func theSameExportGivesTheSameBytes() throws {
        let f = try ShellFixture(files: Self.files, setup: Self.setup)
        defer { f.remove() }
        f.run("export segments a.xlsx")
        Thread.sleep(forTimeInterval: 1.1)  // a clock-stamped file would differ now
        f.run("export segments b.xlsx")
        let a = try #require(FileManager.default.contents(atPath: f.path("a.xlsx")))
        #expect(a == FileManager.default.contents(atPath: f.path("b.xlsx")))
        let core = try Python.run("import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('docProps/core.xml').decode())", [f.path("a.xlsx")])
        #expect(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>"))
    }

    @Test func replacesAWorkbookOnlyWithForceAndLeavesNothingBehind() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        try Data("precious".utf8).write(to: f.folder.appendingPathComponent("s.xlsx"))
        let d = try #require(f.failure("export segments s.xlsx"))
        #expect(d.message == "'\(f.path("s.xlsx"))' exists; add --force to replace it")
        #expect(FileManager.default.contents(atPath: f.path("s.xlsx")) == Data("precious".utf8))
        f.run("export segments s.xlsx --force")
        #expect(try Python.workbook(at: f.path("s.xlsx")).sheets[0].rows.count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.folder.path).sorted() == ["s.xlsx", "sales.csv"])
    }

    @Test func throughAnInMemoryFileSystem() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("export segments s.xlsx")
        let bytes = try #require(files.contents(of: f.path("s.xlsx")))
        #expect(bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]))  // a zip
        #expect(!FileManager.default.fileExists(atPath: f.path("s.xlsx")))
    }

    @Test func csvForCommaDecimalLocales() throws {
        let f = try ShellFixture(files: Self.files, setup: Self.setup)
        defer { f.remove() }
        f.run("export segments point.csv")
        f.run("export segments comma.csv --sep semicolon --decimal comma")
        // Python's csv module with ';', numbers with a decimal comma: the same values as the default CSV.
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline='') as a, open(sys.argv[2], newline='') as b:
                point = list(csv.reader(a)); comma = list(csv.reader(b, delimiter=';'))
            assert len(point) == len(comma) and point[0] == comma[0], 'header or rows differ'
            numbers = 0
            for p, c in zip(point[1:], comma[1:]):
                assert len(p) == len(c)
                for x, y in zip(p, c):
                    try: v = float(x)
                    except ValueError: assert x == y, (x, y); continue
                    assert '.' not in y and float(y.replace(',', '.')) == v, (x, y)
                    numbers += 1
            print(numbers)
            """
        let numbers = try Python.run(script, [f.path("point.csv"), f.path("comma.csv")])
        #expect(Int(numbers.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 == 61)  // every number of the 5 rows
        let text = try String(contentsOfFile: f.path("comma.csv"), encoding: .utf8)
        #expect(text.contains("\nK2;B;0,3347222222222222;2;250,00;100,00;1;2024-02-15;2024-02-15;45;45;B;257,50;103,00;"))
    }

    @Test func csvOptionErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let both = try #require(f.failure("export segments s.csv --decimal comma"))
        #expect(both.message == "a decimal comma needs another separator: add --sep semicolon")
        let xlsx = try #require(f.failure("export segments s.xlsx --sep semicolon"))
        #expect(xlsx.message == "--sep is for CSV files; a workbook has typed cells")
        let bad = try #require(f.failure("export segments s.csv --sep pipe"))
        #expect(bad.message == "expected comma or semicolon or tab for --sep, found 'pipe'")
    }

    @Test func sheetNamesExcelAccepts() {
        var names = XlsxSheetNames()
        #expect(names.make("summary") == "summary")
        #expect(names.make("Summary") == "Summary 2")  // unique regardless of case
        #expect(names.make("profile a/b: [x]*?\\") == "profile a b x")
        #expect(names.make("'quoted'") == "quoted")
        #expect(names.make("History") == "sheet History")
        let long = names.make("simulation " + String(repeating: "x", count: 40))
        #expect(long.utf16.count == 31)
        #expect(names.make("simulation " + String(repeating: "x", count: 40)).hasSuffix(" 2"))
        #expect(names.make("") == "sheet")
    }
}
