import Testing
@testable import ABCCore

@Suite("Dates")
struct DateParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let field: String
        var order: DateOrder? = nil
        let iso: String
        var testDescription: String { "\(field) \(order.map { $0.rawValue } ?? "")" }
    }

    @Test(arguments: [
        Case(field: "2024-03-01", iso: "2024-03-01"),
        Case(field: "2024-03-01 14:05", iso: "2024-03-01"),
        Case(field: "2024-03-01 14:05:09", iso: "2024-03-01"),
        Case(field: "2024-03-01T14:05:09", iso: "2024-03-01"),
        Case(field: "2024-03-01T14:05:09Z", iso: "2024-03-01"),
        Case(field: "2024-03-01T14:05:09.123+01:00", iso: "2024-03-01"),
        Case(field: "2024/03/01", iso: "2024-03-01"),
        Case(field: "20240301", iso: "2024-03-01"),
        Case(field: "2024-02-29", iso: "2024-02-29"),
        // Slash dates: order given, or settled by the value itself.
        Case(field: "01/03/24", order: .dmy, iso: "2024-03-01"),
        Case(field: "01/03/2024", order: .dmy, iso: "2024-03-01"),
        Case(field: "03/01/2024", order: .mdy, iso: "2024-03-01"),
        Case(field: "01/03/2024", order: .mdy, iso: "2024-01-03"),
        Case(field: "31/01/2024", iso: "2024-01-31"),
        Case(field: "01/31/2024", iso: "2024-01-31"),
        Case(field: "12/1/2010 8:26", order: .mdy, iso: "2010-12-01"),
        // Two-digit years: 00–68 → 20xx, 69–99 → 19xx.
        Case(field: "01/03/68", order: .dmy, iso: "2068-03-01"),
        Case(field: "01/03/69", order: .dmy, iso: "1969-03-01"),
        Case(field: "01/03/00", order: .dmy, iso: "2000-03-01"),
        Case(field: "01/03/99", order: .dmy, iso: "1999-03-01"),
        Case(field: "29/02/00", iso: "2000-02-29"),
    ])
    func parses(_ c: Case) throws {
        let data = try Fixture.load("customer,date,amount\nX,\(c.field),1\n", options: options(dateOrder: c.order))
        #expect(data.first("X") == c.iso)
        #expect(data.last("X") == c.iso)
    }

    @Test func dayNumberOfAnISODate() throws {
        // 2024-03-01 is day 19,783 (see CivilDateTests).
        let data = try Fixture.load("customer,date,amount\nX,2024-03-01,1\n")
        #expect(data.transactions?.date == [19_783])
        #expect(data.metrics.referenceDate == 19_783)
    }

    @Test func dayFirstSettledByALaterValue() throws {
        // 01/02 and 05/06 read both ways; 13/01 on line 4 can only be day-first.
        // Day-first: 1 Feb, 5 Jun, 13 Jan → first 2024-01-13, last 2024-06-05.
        // (Month-first would have been 2 Jan and 6 May.)
        let data = try Fixture.load(
            "customer,date,amount\nX,01/02/2024,1\nX,05/06/2024,1\nX,13/01/2024,1\n")
        #expect(data.first("X") == "2024-01-13")
        #expect(data.last("X") == "2024-06-05")
        #expect(data.transactions?.date == [day(2024, 2, 1), day(2024, 6, 5), day(2024, 1, 13)])
        #expect(data.report.assumptions.contains("dates read day-first (dd/mm), settled by \"13/01/2024\" at line 4"))
    }

    @Test func monthFirstSettledByALaterValue() throws {
        // 02/01 reads both ways; 01/13 on line 3 can only be month-first, so 02/01 is 1 Feb:
        // first 2024-01-13, last 2024-02-01.
        let data = try Fixture.load("customer,date,amount\nX,02/01/2024,1\nX,01/13/2024,1\n")
        #expect(data.first("X") == "2024-01-13")
        #expect(data.last("X") == "2024-02-01")
        #expect(data.report.assumptions.contains("dates read month-first (mm/dd), settled by \"01/13/2024\" at line 3"))
    }

    @Test func everyValueAmbiguousAsksForDates() throws {
        let text = "customer,date,amount\nX,01/02/2024,1\nY,05/06/2024,1\n"
        let error = try #require(Fixture.loadError(text))
        #expect(error.message.contains("--dates dmy"))
        #expect(error.message.contains("--dates mdy"))
        #expect(error.message.contains("\"01/02/2024\""))
        // The first slash date: line 2, after "X," (2 bytes).
        #expect(error.location == SourceLocation(file: "data.csv", line: 2, column: 3))

        let dmy = try Fixture.load(text, options: options(dateOrder: .dmy))
        #expect(dmy.first("X") == "2024-02-01")
        #expect(dmy.first("Y") == "2024-06-05")
        #expect(dmy.report.assumptions.contains("dates read day-first (dd/mm) as told by --dates"))
        let mdy = try Fixture.load(text, options: options(dateOrder: .mdy))
        #expect(mdy.first("X") == "2024-01-02")
        #expect(mdy.first("Y") == "2024-05-06")
    }

    @Test func conflictingOrdersInOneColumn() throws {
        // 13/01/2024 (line 2) is day-first, 01/13/2024 (line 3) month-first.
        let error = try #require(Fixture.loadError("customer,date,amount\nX,13/01/2024,1\nX,01/13/2024,1\n"))
        #expect(error.message == "date \"01/13/2024\" contradicts \"13/01/2024\" at line 2: one is day-first, the other month-first")
        #expect(error.location == SourceLocation(file: "data.csv", line: 3, column: 3))
    }

    @Test func givenOrderContradictedByData() throws {
        let error = try #require(
            Fixture.loadError("customer,date,amount\nX,13/01/2024,1\n", options: options(dateOrder: .mdy)))
        #expect(error.message == "date \"13/01/2024\" is day-first, but --dates mdy was given")
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "31/02/2024", "2024-13-01", "13/13/2024", "2024-03-01 25", "March 1", "1/3", "240301"])
    func invalidDates(field: String) {
        let error = Fixture.loadError("customer,date,amount\nX,\(field),1\n", options: options(dateOrder: .dmy))
        #expect(error?.message
            == "expected a date (2024-03-01, 20240301, 01/03/2024, 2024-03-01 14:05:09) in column 'date', found \"\(field)\"")
        #expect(error?.location == SourceLocation(file: "data.csv", line: 2, column: 3))
    }
}

@Suite("Dates, lenient")
struct LenientDateTests {
    @Test func conflictingRowSkippedDoesNotFlipTheColumn() throws {
        // Line 2 "01/13/2024" can only be month-first (13 Jan) and is kept; line 3
        // "13/01/2024" contradicts it and, under --lenient, is skipped as a bad row. The kept
        // row must still read month-first: X's purchase is 2024-01-13.
        let data = try Fixture.load(
            "customer,date,amount\nX,01/13/2024,1\nY,13/01/2024,2\n", options: options(lenient: true))
        #expect(data.report.skippedBad == 1)
        #expect(data.report.badRowExamples.first?.message.contains("contradicts") == true)
        #expect(data.ids == ["X"])
        #expect(data.first("X") == "2024-01-13")
        #expect(!data.report.assumptions.contains { $0.contains("day-first") })
    }
}
