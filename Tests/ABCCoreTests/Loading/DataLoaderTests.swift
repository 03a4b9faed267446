import Testing
@testable import ABCCore

/// `DataLoader.load(bytes:name:options:)`: data in memory loads as a file of those bytes would.
@Suite("Loading bytes")
struct DataLoaderTests {
    static let text = "\u{FEFF}customer;date;amount;cost\r\nC2;01/03/2024;12,50;5\r\n\r\nC1;15/03/2024;-2,5;-1\r\nC1;16/03/2024;7;2"

    @Test func bytesLoadAsTheirFileDoes() throws {
        let path = try Fixture.write(Self.text, name: "sales.csv")
        defer { Fixture.remove(path) }
        var o = LoadOptions()
        o.displayName = "sales.csv"
        let fromFile = try DataLoader.load(path: path, options: o)
        let fromBytes = try DataLoader.load(bytes: Array(Self.text.utf8), name: "sales.csv")
        #expect(fromBytes.ids == fromFile.ids)
        #expect(fromBytes.ids == ["C1", "C2"])
        #expect(fromBytes.metrics.revenue == fromFile.metrics.revenue)
        #expect(fromBytes.metrics.revenue == [45_000, 125_000])  // 7 − 2.50; 12.50
        #expect(fromBytes.metrics.profit == fromFile.metrics.profit)
        #expect(fromBytes.metrics.first == fromFile.metrics.first)
        #expect(fromBytes.report.blankLines == fromFile.report.blankLines)
        #expect(fromBytes.report.separatorName == "semicolon")
        #expect(fromBytes.name == "sales.csv" && fromBytes.report.file == "sales.csv")
    }

    @Test func errorsNameTheBytes() {
        #expect {
            _ = try DataLoader.load(bytes: Array("customer,date,amount\nC1,2024-03-01,zz\n".utf8), name: "pasted")
        } throws: { error in
            (error as? DataError)?.location == SourceLocation(file: "pasted", line: 2, column: 15)
        }
        var o = LoadOptions()
        o.displayName = "shown.csv"  // as over a path, the display name wins
        #expect {
            _ = try DataLoader.load(bytes: Array("customer,date,amount\nC1,2024-03-01,zz\n".utf8), name: "pasted", options: o)
        } throws: { error in
            (error as? DataError)?.location?.file == "shown.csv"
        }
    }

    @Test func emptyAndCompressedBytes() {
        #expect(throws: DataError("'none' is empty: expected a header line with column names")) {
            _ = try DataLoader.load(bytes: [], name: "none")
        }
        #expect(throws: DataError("'x.csv.gz' is gzip-compressed: bytes in memory must be plain text; load it from a file")) {
            _ = try DataLoader.load(bytes: [0x1f, 0x8b, 0x08, 0x00], name: "x.csv.gz")
        }
    }

    @Test func aSummaryFromBytes() throws {
        let data = try DataLoader.load(bytes: Array("customer_id,revenue,orders\nA,100,2\nB,50.5,1\n".utf8), name: "s.csv")
        #expect(data.kind == .customers)
        #expect(data.metrics.revenue == [1_000_000, 505_000])
    }
}
