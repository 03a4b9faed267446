import Testing
@testable import ABCCore

/// A period's coverage is its days inside [first date, last date] of the data (PRODUCT.md,
/// "Time windows and honest comparisons"), worked by hand on data shaped like Online Retail's:
///
///   December only   2010-12-01, 2010-12-05, 2010-12-31         (quiet days in between)
///   to 9 December   2010-12-01 … 2011-12-09                    (374 days)
///
/// 2010 is not a leap year: Jan 1 … Dec 31 is 365 days, December 31 of them; 2011 up to
/// 9 December is 365 − 22 (December 10 … 31) = 343 days.
@Suite("Coverage of periods")
struct CoverageTests {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate.dayNumber(year: y, month: m, day: d) }
    static let u: Int128 = 10_000

    static func decemberOnly() throws -> Dataset {
        try Fixture.load("""
            customer_id,date,amount
            K1,2010-12-01,100
            K2,2010-12-05,50
            K1,2010-12-31,30
            """, name: "december.csv")
    }

    static func toNinthDecember() throws -> Dataset {
        try Fixture.load("""
            customer_id,date,amount
            K1,2010-12-01,100
            K2,2010-12-15,50
            K1,2011-03-01,400
            K3,2011-12-09,200
            """, name: "retail.csv")
    }

    @Test func aYearOfWhichTheDataHoldsDecemberOnly() throws {
        let scope = try Self.decemberOnly().scopedMetrics(period: .year(2010), asOf: nil)
        let coverage = try #require(scope.coverage)
        #expect(coverage.covered == 31)
        #expect(coverage.days == 365)
        #expect(coverage.isPartial)
        #expect(coverage.window == DateWindow(from: Self.day(2010, 1, 1), to: Self.day(2010, 12, 31)))
        #expect(coverage.coveredWindow == DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2010, 12, 31)))
        // The metrics cover the same days: the window starts with the data.
        #expect(scope.window == DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2010, 12, 31)))
    }

    @Test func quietDaysInsideTheDataCount() throws {
        // Three days with purchases, but December 1 … 31 are all inside the data: not partial.
        let december = try #require(try Self.decemberOnly().scopedMetrics(period: .month(2010, 12), asOf: nil).coverage)
        #expect(december.covered == 31)
        #expect(!december.isPartial)
        // A month without a single purchase inside the data's range is covered in full.
        let data = try Fixture.load("customer_id,date,amount\nK1,2024-01-01,10\nK1,2024-03-31,20\n")
        let february = try data.scopedMetrics(period: .month(2024, 2), asOf: nil)
        #expect(february.metrics.count == 0)
        #expect(february.coverage?.covered == 29)
        #expect(february.coverage?.isPartial == false)
        #expect(try data.scopedMetrics(period: .quarter(2024, 1), asOf: nil).coverage?.isPartial == false)
    }

    @Test func aYearWhoseDataEndsOnTheNinthOfDecember() throws {
        let data = try Self.toNinthDecember()
        let y2011 = try #require(try data.scopedMetrics(period: .year(2011), asOf: nil).coverage)
        #expect((y2011.covered, y2011.days) == (343, 365))
        #expect(y2011.coveredWindow == DateWindow(from: Self.day(2011, 1, 1), to: Self.day(2011, 12, 9)))
        let y2010 = try #require(try data.scopedMetrics(period: .year(2010), asOf: nil).coverage)
        #expect((y2010.covered, y2010.days) == (31, 365))
        let december = try #require(try data.scopedMetrics(period: .month(2011, 12), asOf: nil).coverage)
        #expect((december.covered, december.days) == (9, 31))
        // All the data: 2010-12-01 … 2011-12-09, 31 + 343 = 374 days, covered in full.
        let all = try #require(try data.scopedMetrics(period: nil, asOf: nil).coverage)
        #expect((all.covered, all.days, all.isPartial) == (374, 374, false))
    }

    @Test func trackedPeriodsCarryTheirCoverage() throws {
        let data = try Self.toNinthDecember()
        let periods = Tracker.periods(.yearly, from: try #require(data.report.firstDate), to: try #require(data.report.lastDate))
        #expect(periods == [.year(2010), .year(2011)])
        let tracked = try Tracker.track(dataset: data, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]), periods: periods)
        #expect(tracked.map(\.coverage.covered) == [31, 343])
        #expect(tracked.map(\.coverage.days) == [365, 365])
        #expect(tracked.map(\.window) == [DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2010, 12, 31)),
                                          DateWindow(from: Self.day(2011, 1, 1), to: Self.day(2011, 12, 9))])
    }

    @Test func asOfADayTheDataEndsThere() throws {
        let data = try Self.toNinthDecember()
        // 2011 as of June 30: January … June, 31 + 28 + 31 + 30 + 31 + 30 = 181 of 365 days.
        let half = try #require(try data.scopedMetrics(period: .year(2011), asOf: Self.day(2011, 6, 30)).coverage)
        #expect((half.covered, half.days) == (181, 365))
        // As of a day after the data: recency counts from 2012-01-08, 30 days after the data's
        // end, so the window's 374 + 30 = 404 days hold 374 of data.
        let late = try data.scopedMetrics(period: nil, asOf: Self.day(2012, 1, 8))
        #expect(late.window == DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2012, 1, 8)))
        #expect(late.coverage?.covered == 374)
        #expect(late.coverage?.days == 404)
    }

    @Test func aPeriodBeforeTheDataCoversNoDay() throws {
        let scope = try Self.toNinthDecember().scopedMetrics(period: .year(2009), asOf: nil)
        #expect(scope.metrics.count == 0)
        #expect(scope.coverage?.covered == 0)
        #expect(scope.coverage?.coveredWindow == nil)
        #expect(scope.coverage?.perCoveredDay(100 * Self.u) == nil)
    }

    @Test func perCoveredDayAndAnnualised() throws {
        let december = Coverage(window: DateWindow(from: Self.day(2010, 1, 1), to: Self.day(2010, 12, 31)),
                                data: DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2011, 12, 9)))
        let y2011 = Coverage(window: DateWindow(from: Self.day(2011, 1, 1), to: Self.day(2011, 12, 31)),
                             data: DateWindow(from: Self.day(2010, 12, 1), to: Self.day(2011, 12, 9)))
        // 310.00 over 31 days is 10.00 a day, 3,650.00 a year; 6,860.00 over 343 days is 20.00 a day.
        #expect(december.perCoveredDay(310 * Self.u) == 10 * Self.u)
        #expect(december.annualised(310 * Self.u) == 3650 * Self.u)
        #expect(y2011.perCoveredDay(6860 * Self.u) == 20 * Self.u)
        // The change per covered day: 20.00 − 10.00 = 10.00 (and back, −10.00), not 6,550.00 of growth.
        #expect(Coverage.changePerCoveredDay(from: 310 * Self.u, over: december, to: 6860 * Self.u, over: y2011) == 10 * Self.u)
        #expect(Coverage.changePerCoveredDay(from: 6860 * Self.u, over: y2011, to: 310 * Self.u, over: december) == -10 * Self.u)
        // Rounded half-even to the money unit, once: 1/31 − 0 = 0.0322… → 0.0323 per day
        // (the unit is 0.0001); 0.0005 over 2 days is 0.00025 → 0.0002, 0.0015 → 0.0008.
        #expect(Coverage.changePerCoveredDay(from: 0, over: y2011, to: Self.u, over: december) == 323)
        let two = Coverage(window: DateWindow(from: 0, to: 1), data: DateWindow(from: 0, to: 1))
        #expect(two.perCoveredDay(5) == 2)
        #expect(two.perCoveredDay(15) == 8)
        #expect(two.perCoveredDay(-5) == -2)
    }
}
