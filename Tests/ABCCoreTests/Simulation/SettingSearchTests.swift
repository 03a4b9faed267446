import Testing
@testable import ABCCore

/// Sweep steps and seek's bisection over exact setting values (1/10,000 units).
@Suite("Setting search")
struct SettingSearchTests {
    @Test func stepsAreExactMultiples() {
        // 0.1 to 0.3 by 0.1: three values, the last exactly 0.3 (a Double sum would give 0.30000000000000004).
        #expect(SettingSteps.values(from: 1_000, to: 3_000, step: 1_000) == [1_000, 2_000, 3_000])
        // 10% to 50% by 15%: 10, 25, 40 (55 is past the end).
        #expect(SettingSteps.values(from: 100_000, to: 500_000, step: 150_000) == [100_000, 250_000, 400_000])
        #expect(SettingSteps.count(from: 0, to: 0, step: 1) == 1)
    }

    @Test func risingFigureGivesTheSmallestSettingThatReaches() {
        // f(v) = 180 + 5·v/1,000,000 (v in 1/10,000 %): 182.5 is reached at v = 500,000 (50%).
        let result = SettingSearch.seek(182.5, over: 0...1_000_000, step: 1) { 180 + 5 * Double($0) / 1_000_000 }
        #expect(result.answer == 500_000)
        #expect(result.roundest == nil)  // 50% is already round
    }

    @Test func roundestValueOnTheAnswerSide() {
        // f(v) = v: target 12,345.6 → smallest 4-decimal setting 12,346 (1.2346); round: 2 (20,000).
        let result = SettingSearch.seek(12_345.6, over: 0...100_000, step: 1) { Double($0) }
        #expect(result.answer == 12_346)
        #expect(result.roundest == 20_000)
    }

    @Test func fallingFigureGivesTheLargestSettingThatReaches() {
        // f(v) = 100 − v/10,000 over whole numbers 0…50: f ≥ 70.5 up to v = 29 (f = 71); 30 gives 70.
        let result = SettingSearch.seek(70.5, over: 0...500_000, step: 10_000) { 100 - Double($0) / 10_000 }
        #expect(result.answer == 290_000)
        #expect(result.roundest == nil)  // whole numbers have no rounder value
    }

    @Test func anEndThatReachesIsTheAnswer() {
        var tried: [Int64] = []
        let result = SettingSearch.seek(0, over: 0...10_000, step: 1) { tried.append($0); return Double($0) }
        #expect(result.answer == 0)
        #expect(tried == [0, 10_000])  // no bisection step
    }

    @Test func noSettingInTheRange() {
        let result = SettingSearch.seek(500, over: 0...10_000, step: 1) { Double($0) / 100 }
        #expect(result.answer == nil)
    }

    @Test func floorAndCeilingOfNegativeValues() {
        #expect(SettingSearch.floor(-15, 10) == -20)
        #expect(SettingSearch.ceiling(-15, 10) == -10)
        #expect(SettingSearch.ceiling(20, 10) == 20)
    }
}
