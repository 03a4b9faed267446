import Testing
@testable import ABCCore

/// The ABC curve on hand-worked values: 20, 50, −5, 30 sort to 50, 30, 20, 0 (the negative
/// counts as 0); total 100; points (0, 0), (¼, ½), (½, 0.8), (¾, 1), (1, 1).
@Suite("ABC curve")
struct ABCCurveTests {
    static let curve = ABCCurve(values: [20, 50, -5, 30])

    @Test func pointsAreTheCumulativeShares() {
        #expect(Self.curve.sortedValues == [50, 30, 20, 0])
        #expect(Self.curve.total == 100)
        #expect(Self.curve.yields == [0, 0.5, 0.8, 1, 1])
        #expect(Self.curve.count == 4)
    }

    @Test(arguments: [
        (0.0, 0.0), (0.125, 0.25), (0.25, 0.5), (0.375, 0.65), (0.5, 0.8), (0.75, 1.0), (0.9, 1.0), (1.0, 1.0),
        (-0.5, 0.0), (1.5, 1.0),  // outside 0…1: the ends
    ])
    func yieldIsLinearBetweenThePoints(effort: Double, yield: Double) {
        #expect(abs(Self.curve.yield(atEffort: effort) - yield) < 1e-15)
    }

    @Test func atAPointTheYieldIsThePointsOwn() {
        // Exactly, not within rounding: x = k/n lands on point k.
        #expect(Self.curve.yield(atEffort: 0.5) == Self.curve.yields[2])
        #expect(Self.curve.sampled(4) == [0, 0.5, 0.8, 1, 1])
        #expect(Self.curve.sampled(8).count == 9)
    }

    @Test func slopeIsTheRiseOfTheSegmentUnderTheEffort() {
        // Segment 1 covers (0, ¼] and rises ½: slope ½ × 4 = 2; segment 2 rises 0.3: 1.2.
        #expect(Self.curve.slope(atEffort: 0) == 2)
        #expect(Self.curve.slope(atEffort: 0.25) == 2)
        #expect(abs(Self.curve.slope(atEffort: 0.3) - 1.2) < 1e-12)
        #expect(Self.curve.slope(atEffort: 1) == 0)  // the customer with 0
    }

    @Test func valueAtRankClampsTheRank() {
        #expect(Self.curve.value(atRank: 1) == 50)
        #expect(Self.curve.value(atRank: 3) == 20)
        #expect(Self.curve.value(atRank: 0) == 50)
        #expect(Self.curve.value(atRank: 9) == 0)
    }

    @Test func withoutPositiveValuesTheCurveStaysAtZero() {
        let flat = ABCCurve(values: [0, -3, 0])
        #expect(flat.total == 0)
        #expect(flat.yields == [0, 0, 0, 0])
        #expect(flat.sampled(3) == [0, 0, 0, 0])
        let empty = ABCCurve(values: [])
        #expect(empty.yields == [0])
        #expect(empty.yield(atEffort: 0.5) == 0)
        #expect(empty.slope(atEffort: 0.5) == 0)
    }
}
