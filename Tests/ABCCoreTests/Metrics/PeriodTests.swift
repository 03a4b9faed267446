import Testing
@testable import ABCCore

/// Periods and as-of dates on six hand-made rows (reference date 2024-06-30):
///
///   A  2024-01-10   100 (cost 60)  O1
///   A  2024-04-05    50 (cost 30)  O2
///   B  2024-02-01    80 (cost 40)  O3
///   B  2024-02-01   -80 (cost -40) O3   the whole order returned
///   B  2024-05-20    20 (cost 10)  O4
///   C  2024-06-30    10 (cost 5)   O5
@Suite("Periods and as-of")
struct PeriodTests {
    static func dataset() throws -> Dataset {
        try Fixture.load("""
            customer_id,date,amount,cost,order_id
            A,2024-01-10,100,60,O1
            A,2024-04-05,50,30,O2
            B,2024-02-01,80,40,O3
            B,2024-02-01,-80,-40,O3
            B,2024-05-20,20,10,O4
            C,2024-06-30,10,5,O5
            """, name: "p.csv")
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 { CivilDate.dayNumber(year: y, month: m, day: d) }
    static let u: Int64 = 10_000

    @Test func aQuarter() throws {
        let scope = try Self.dataset().scopedMetrics(period: .quarter(2024, 1), asOf: nil)
        // The data starts 2024-01-10: the window covers Q1 from there, 22 + 29 + 31 = 82 of its 91 days.
        #expect(scope.window == DateWindow(from: Self.day(2024, 1, 10), to: Self.day(2024, 3, 31)))
        #expect(scope.coverage?.covered == 82)
        #expect(scope.coverage?.days == 91)
        #expect(scope.customers == [0, 1])  // A and B bought in Q1; C did not
        let m = scope.metrics
        #expect(m.revenue == [100 * Self.u, 0])  // B's order O3 was returned in full
        #expect(m.profit == [40 * Self.u, 0])
        #expect(m.orders == [1, 0])  // O3 nets to 0: not a purchase occasion
        #expect(m.referenceDate == Self.day(2024, 3, 31))
        // Recency from the window's end: Jan 10 → Mar 31 = 21 + 29 + 31 = 81; Feb 1 → Mar 31 = 28 + 31 = 59.
        #expect(m.recency == [81, 59])
    }

    @Test func asOfADay() throws {
        let scope = try Self.dataset().scopedMetrics(period: nil, asOf: Self.day(2024, 4, 30))
        #expect(scope.customers == [0, 1])
        #expect(scope.metrics.revenue == [150 * Self.u, 0])
        #expect(scope.metrics.orders == [2, 0])
        #expect(scope.metrics.recency == [25, 89])  // Apr 5 → Apr 30; Feb 1 → Apr 30 = 28 + 31 + 30
        #expect(scope.metrics.tenure == [111, 89])  // Jan 10 → Apr 30 = 21 + 29 + 31 + 30
    }

    @Test func lastMonthsCountBackFromTheReferenceDate() throws {
        // Reference 2024-06-30: the last 2 months are 2024-05-01 … 2024-06-30 (B's 20 and C's 10).
        let scope = try Self.dataset().scopedMetrics(period: .lastMonths(2), asOf: nil)
        #expect(scope.window == DateWindow(from: Self.day(2024, 5, 1), to: Self.day(2024, 6, 30)))
        #expect(scope.customers == [1, 2])
        #expect(scope.metrics.revenue == [20 * Self.u, 10 * Self.u])
    }

    @Test func aPeriodBeforeTheDataIsEmptyOfCustomers() throws {
        let scope = try Self.dataset().scopedMetrics(period: .year(2023), asOf: nil)
        #expect(scope.metrics.count == 0)
    }

    @Test func lastMonthsClampToTheMonthsEnd() {
        // 2024-05-31 minus 3 months is 2024-02-29 (clamped), so the window starts 2024-03-01.
        let window = Period.lastMonths(3).window(reference: Self.day(2024, 5, 31))
        #expect(window.from == Self.day(2024, 3, 1))
    }
}

extension PeriodTests {
    @Test func theWindowEndsWithTheData() throws {
        // The data ends 2024-06-30: `year 2024` measures recency from there, not from Dec 31.
        let scope = try Self.dataset().scopedMetrics(period: .year(2024), asOf: nil)
        #expect(scope.window?.to == Self.day(2024, 6, 30))
        #expect(scope.metrics.referenceDate == Self.day(2024, 6, 30))
    }

    @Test func lastMonthsFromAMonthEndAreWholeMonths() {
        #expect(Period.lastMonths(3).window(reference: Self.day(2025, 6, 30)).from == Self.day(2025, 4, 1))
        #expect(Period.lastMonths(1).window(reference: Self.day(2025, 2, 28)).from == Self.day(2025, 2, 1))
        #expect(Period.lastMonths(12).window(reference: Self.day(2024, 12, 31)).from == Self.day(2024, 1, 1))
        #expect(Period.lastMonths(1).window(reference: Self.day(2025, 3, 15)).from == Self.day(2025, 2, 16))
    }
}
