import CSupport
import Testing
@testable import ABCCore

/// The loader's fast path (`PlainRowParser`) takes plain records in place and leaves every
/// other record to the general path: mixed files must give the figures worked out by hand.
@Suite("Plain-record fast path")
struct PlainRowParserTests {
    @Test func mixedRecordsGiveTheHandWorkedFigures() throws {
        let data = try Fixture.load(
            "customer,date,amount,cost\n"
                + "C1,2024-03-01,10.00,6.00\n"  // plain
                + "\"C1\",2024-03-05,5.50,1.50\n"  // quoted id: general path
                + " C2 ,2024-03-02,7,2\n"  // blanks around the id: general path, id C2
                + "C2,2024-03-09,-3.00,-1.00\n"  // plain return
                + "C3,2024-03-03,1.23456,1\n"  // five decimals: rounded to 1.2346 (general path)
                + "C1,2024-02-28,$4.00,1.00\n"  // currency sign: general path
                + "C3,2024-03-04,0,0\n"  // zero amount
                + "C2,2024-03-15 10:00:00,1.00,0.50\n"  // date and time
                + "C1,2024-03-10,2.005,0,\n"  // a trailing empty field: general path
                + ",2024-03-01,9.99,1\n"  // no customer: skipped
                + "\n"
                + "C4,2024-03-06,1.10,0.10\r\n")  // CRLF
        // C1: 10 + 5.50 + 4 + 2.005 = 21.505; profit 4 + 4 + 3 + 2.005 = 13.005; 4 rows above zero.
        #expect(data.revenue("C1") == 215_050)
        #expect(data.profit("C1") == 130_050)
        #expect(data.orders("C1") == 4)
        #expect(data.first("C1") == "2024-02-28")
        #expect(data.last("C1") == "2024-03-10")
        // C2: 7 − 3 + 1 = 5; profit 5 − 2 + 0.50 = 3.50; the return is not an order.
        #expect(data.revenue("C2") == 50_000)
        #expect(data.profit("C2") == 35_000)
        #expect(data.orders("C2") == 2)
        #expect(data.first("C2") == "2024-03-02")
        #expect(data.last("C2") == "2024-03-15")
        // C3: 1.2346 + 0; profit 0.2346.
        #expect(data.revenue("C3") == 12_346)
        #expect(data.profit("C3") == 2_346)
        #expect(data.orders("C3") == 1)
        #expect(data.revenue("C4") == 11_000)
        #expect(data.profit("C4") == 10_000)
        #expect(data.ids == ["C1", "C2", "C3", "C4"])
        // The rows in file order, whichever path read them.
        #expect(data.transactions?.segments.flatMap(\.amount.values)
            == [100_000, 55_000, 70_000, -30_000, 12_346, 40_000, 0, 10_000, 20_050, 11_000])
        let r = data.report
        #expect(r.rowsRead == 11)
        #expect(r.rowsUsed == 10)
        #expect(r.skippedNoCustomer == 1)
        #expect(r.noCustomerRevenue == 99_900)
        #expect(r.blankLines == 1)
        #expect(r.returns == 1)
        #expect(r.zeroAmounts == 1)
        #expect(r.roundedValues == 1)
        #expect(data.moneyDecimals == 4)
    }

    @Test func attributeValuesAreTheGeneralPathsWhicheverPathReadsTheRow() throws {
        let data = try Fixture.load(
            "customer,date,amount,country\n"
                + "C1,2024-03-01,1,France\n"
                + "C1,2024-03-02,1, France \n"  // blanks trimmed: France
                + "C1,2024-03-03,1,\"Spain\"\n"  // quoted: general path
                + "C2,2024-03-01,1,Spain\n"
                + "C2,2024-03-02,1,\n")  // blank: counts for no value
        // C1: France twice, Spain once; C2: Spain once.
        let country = try #require(data.attributes.first)
        #expect(country.name == "country" && country.values == ["France", "Spain"])
        #expect([0, 1].map { country.value(of: $0) } == ["France", "Spain"])
    }

    @Test func aBadValueAfterPlainRowsIsReportedAtItsPlace() {
        let error = Fixture.loadError("customer,date,amount\nC1,2024-03-01,1.00\nC2,2024-03-01,2.00\nC3,2024-03-01,12.5O\n")
        #expect(error?.description == "data.csv:4:15: error: expected a number in column 'amount', found \"12.5O\"")
    }

    @Test func anOverflowInAPlainBatchNamesItsRow() {
        // 92,233,720,368,547 ten times fits in 64 bits of 1/10,000 units; the eleventh does not.
        let rows = (0..<11).map { _ in "C1,2024-03-01,92233720368547\n" }.joined()
        let error = Fixture.loadError("customer,date,amount\n" + rows)
        #expect(error?.description == "data.csv:12:15: error: the sum for customer 'C1' overflows")
    }

    @Test func aPlainRecordLongerThanTheLineLimitIsRefused() {
        var o = LoadOptions()
        o.maxRecordBytes = 40
        // The third record is 43 bytes with its line break.
        let error = Fixture.loadError(
            "customer,date,amount\nC1,2024-03-01,1.00\nC2222222222222222222222222,2024-03-01,2.00\n", options: o)
        #expect(error?.message.hasPrefix("a record longer than 40 bytes (the line size limit)") == true)
        #expect(error?.location?.line == 3)
    }

    @Test func slashDatesSettledAfterReadingGiveTheRightFirstAndLast() throws {
        // Read unsettled, 02/03 sorts before 12/01; day-first (settled by 13/02) it is 2 March.
        let data = try Fixture.load("customer,date,amount\nC1,02/03/2024,1\nC1,12/01/2024,1\nC2,13/02/2024,1\n")
        #expect(data.first("C1") == "2024-01-12")
        #expect(data.last("C1") == "2024-03-02")
    }

    /// `abc_split_plain_record` on `text`: the record's end and its fields' end offsets.
    static func split(_ text: String, maxFields: Int = 8) -> (next: Int, ends: [Int]) {
        let bytes = Array(text.utf8)
        var ends = [Int](repeating: -1, count: maxFields)
        var count: Int32 = 0
        let next = bytes.withUnsafeBufferPointer { b in
            ends.withUnsafeMutableBufferPointer { e in
                abc_split_plain_record(b.baseAddress, 0, bytes.count, 0x2c, Int32(maxFields), e.baseAddress, &count)
            }
        }
        return (next, next < 0 ? [] : Array(ends.prefix(Int(count))))
    }

    @Test func theSplitterFindsFieldsAndLineEnds() {
        #expect(Self.split("a,b,c\nx").next == 6)
        #expect(Self.split("a,b,c\nx").ends == [1, 3, 5])
        #expect(Self.split("a,,c\r\nx").next == 6)
        #expect(Self.split("a,,c\r\nx").ends == [1, 2, 4])
        // Separators and the line end in and across 16-byte blocks.
        let long = "aaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbb,c,\n"
        #expect(Self.split(long).next == 40)
        #expect(Self.split(long).ends == [15, 36, 38, 39])
    }

    @Test(arguments: [
        "a,\"b\",c\n",  // a quote
        "a,b\rc\n",  // a lone carriage return
        "a,b,c",  // no line end yet
        "a,b,c,d,e,f,g,h,i\n",  // more fields than asked for
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"b\n",  // a quote after the first block
    ])
    func theSplitterLeavesOtherRecordsToTheGeneralPath(text: String) {
        #expect(Self.split(text, maxFields: 8).next == -1)
    }
}
