import Testing
@testable import ABCCore

@Suite("CivilDate")
struct CivilDateTests {
    /// Anchors worked out by hand:
    /// - 1970-01-01 is day 0, 1969-12-31 day -1.
    /// - 2000-01-01: 30 years × 365 + 7 leap days (72, 76, 80, 84, 88, 92, 96) = 10,957.
    /// - 2000-03-01: + 31 (Jan) + 29 (Feb, 2000 is a leap year) = 11,017.
    /// - 2024-01-01: 10,957 + 24 × 365 + 6 leap days (2000, 04, 08, 12, 16, 20) = 19,723;
    ///   2024-03-01 = 19,723 + 31 + 29 = 19,783.
    /// - 1900-01-01: −(70 × 365 + 17 leap days 1904…1968) = −25,567; 1900 is not a leap
    ///   year, so 1900-03-01 = −25,567 + 31 + 28 = −25,508.
    /// - 2100-01-01: 10,957 + 100 × 365 + 25 leap days (2000…2096) = 47,482; 2100 is not
    ///   leap, so 2100-03-01 = 47,482 + 59 = 47,541.
    @Test(arguments: [
        (1970, 1, 1, Int32(0)),
        (1969, 12, 31, -1),
        (2000, 1, 1, 10_957),
        (2000, 2, 29, 11_016),
        (2000, 3, 1, 11_017),
        (2024, 1, 1, 19_723),
        (2024, 2, 29, 19_782),
        (2024, 3, 1, 19_783),
        (1900, 1, 1, -25_567),
        (1900, 2, 28, -25_509),
        (1900, 3, 1, -25_508),
        (2100, 1, 1, 47_482),
        (2100, 3, 1, 47_541),
    ])
    func dayNumberAnchors(year: Int, month: Int, day: Int, expected: Int32) {
        #expect(CivilDate.dayNumber(year: year, month: month, day: day) == expected)
        let c = CivilDate.components(expected)
        #expect(c.year == year && c.month == month && c.day == day)
    }

    @Test func isoFormatting() {
        #expect(CivilDate.iso(0) == "1970-01-01")
        #expect(CivilDate.iso(-1) == "1969-12-31")
        #expect(CivilDate.iso(19_783) == "2024-03-01")
        #expect(CivilDate.iso(11_016) == "2000-02-29")
        #expect(CivilDate.iso(-25_508) == "1900-03-01")
    }

    @Test func parseISO() {
        #expect(CivilDate.parseISO("2024-02-29") == 19_782)
        #expect(CivilDate.parseISO("2023-02-29") == nil)
        #expect(CivilDate.parseISO("1900-02-29") == nil)
        #expect(CivilDate.parseISO("2024-3-01") == nil)
        #expect(CivilDate.parseISO("2024-03-01x") == nil)
        #expect(CivilDate.parseISO("") == nil)
    }

    @Test(arguments: [
        (2024, 2, 29, true), (2023, 2, 29, false), (1900, 2, 29, false), (2000, 2, 29, true),
        (2100, 2, 29, false), (2024, 4, 31, false), (2024, 4, 30, true), (2024, 12, 31, true),
        (2024, 13, 1, false), (2024, 0, 10, false), (2024, 1, 0, false), (2024, 1, 32, false),
    ])
    func validity(year: Int, month: Int, day: Int, valid: Bool) {
        #expect(CivilDate.isValid(year: year, month: month, day: day) == valid)
    }

    /// Walks every day from 1599-01-01 to 2401-12-31 with an independent calendar (the
    /// Gregorian leap rule written out here): day numbers are consecutive and convert back.
    @Test func roundTripAcrossLeapYears() {
        func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var expected = CivilDate.dayNumber(year: 1599, month: 1, day: 1)
        var mismatches = 0
        for year in 1599...2401 {
            for month in 1...12 {
                let length = month == 2 && isLeap(year) ? 29 : lengths[month - 1]
                #expect(CivilDate.daysInMonth(year: year, month: month) == length)
                for d in 1...length {
                    let n = CivilDate.dayNumber(year: year, month: month, day: d)
                    let c = CivilDate.components(n)
                    if n != expected || c.year != year || c.month != month || c.day != d { mismatches += 1 }
                    expected += 1
                }
            }
        }
        #expect(mismatches == 0)
        // 1599-01-01 … 2401-12-31 is 803 years; 400-year cycles hold 146,097 days, so
        // 1600…1999 and 2000…2399 are 292,194 days, plus 1599 (365), 2400 (leap, 366) and
        // 2401 (365): 292,194 + 1,096 = 293,290 days.
        #expect(expected - CivilDate.dayNumber(year: 1599, month: 1, day: 1) == 293_290)
    }
}
