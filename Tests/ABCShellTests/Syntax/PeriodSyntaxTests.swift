import ABCCore
import Testing
@testable import ABCShell

/// How periods are typed after `set period` and written back into scripts.
@Suite("Period syntax")
struct PeriodSyntaxTests {
    @Test(arguments: [
        (["last", "12", "months"], Period.lastMonths(12)),
        (["last", "2", "years"], Period.lastMonths(24)),
        (["last", "30", "days"], Period.lastDays(30)),
        (["year", "2023"], Period.year(2023)),
        (["quarter", "2024Q3"], Period.quarter(2024, 3)),
        (["month", "2024-03"], Period.month(2024, 3)),
        (["2024-01-01", "2024-06-30"], Period.between(CivilDate.dayNumber(year: 2024, month: 1, day: 1), CivilDate.dayNumber(year: 2024, month: 6, day: 30))),
    ])
    func periodWords(words: [String], period: Period) {
        #expect(Period(words: words) == period)
        #expect(Period(words: period.script.split(separator: " ").map(String.init)) == period)
    }

    @Test func badPeriodWords() {
        #expect(Period(words: ["quarter", "2024Q5"]) == nil)
        #expect(Period(words: ["month", "2024-13"]) == nil)
        #expect(Period(words: ["2024-06-30", "2024-01-01"]) == nil)  // backwards
        #expect(Period(words: ["last", "0", "months"]) == nil)
    }

    @Test func hugeCountsAreNotPeriods() {
        #expect(Period(words: ["last", "3000000000", "days"]) == nil)
        #expect(Period(words: ["last", "100000000", "months"]) == nil)
        #expect(Period(words: ["last", "20000", "years"]) == nil)
    }

    /// The bound holds for the singular unit too (`case "month", "months" where …` bounded only the plural).
    @Test(arguments: [
        ["last", "200000", "month"], ["last", "200000", "months"],
        ["last", "4000000", "day"], ["last", "4000000", "days"],
        ["last", "20000", "year"], ["last", "20000", "years"],
    ])
    func hugeCountsAreRefusedInEitherNumber(words: [String]) {
        #expect(Period(words: words) == nil)
    }

    @Test func theBoundsThemselvesAreStillPeriods() {
        #expect(Period(words: ["last", "120000", "month"]) == .lastMonths(120_000))
        #expect(Period(words: ["last", "3650000", "day"]) == .lastDays(3_650_000))
        #expect(Period(words: ["last", "10000", "year"]) == .lastMonths(120_000))
        #expect(Period(words: ["last", "1", "month"]) == .lastMonths(1))
    }
}

@Suite("Tiering rule syntax")
struct TieringRuleSyntaxTests {
    @Test func scripts() {
        #expect(TieringRule.standard.script == "count 20/30/50")
        #expect(TieringRule.valueShare(.revenue, [80, 15, 5]).script == "revenue 80/15/5")
        #expect(TieringRule.valueShare(.profit, [70, 30]).script == "profit 70/30")
        #expect(TieringRule.computed(.profit).script == "computed on profit")
    }
}
