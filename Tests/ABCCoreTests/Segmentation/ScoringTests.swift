import Testing
@testable import ABCCore

@Suite("Scoring")
struct ScoringTests {
    @Test func weightedMinMax() throws {
        // revenue 100, 300, 200 → norms 0, 1, 0.5; orders 1, 1, 4 → 0, 0, 1.
        // score = 0.5·rev + 0.5·orders = 0, 0.5, 0.75.
        let m = CustomerMetrics(revenue: [1_000_000, 3_000_000, 2_000_000], orders: [1, 1, 4])
        let s = try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.revenue, 0.5), WeightedCriterion(.orders, 0.5)])
        #expect(s == [0, 0.5, 0.75])
    }

    @Test func recencyLowerIsBetter() throws {
        // last 10, 20, 30 with reference 30 → recency 20, 10, 0 → norm (20 − x)/20 = 0, 0.5, 1.
        let m = CustomerMetrics(revenue: [1, 1, 1], first: [0, 0, 0], last: [10, 20, 30], referenceDate: 30)
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.recency, 1)]) == [0, 0.5, 1])
        // tenure 30, 30, 30 (all first = 0): max == min contributes nothing.
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.tenure, 1)]) == [0, 0, 0])
    }

    @Test func tenureHigherIsBetter() throws {
        // first 0, 10, 30, reference 30 → tenure 30, 20, 0 → norms 1, 20/30, 0.
        let m = CustomerMetrics(revenue: [1, 1, 1], first: [0, 10, 30], last: [30, 30, 30], referenceDate: 30)
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.tenure, 2)]) == [2, 2 * (20.0 / 30.0), 0])
    }

    @Test func allEqualContributesZero() throws {
        let m = CustomerMetrics(revenue: [7, 7, 7], orders: [1, 3, 2])
        let s = try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.revenue, 0.9), WeightedCriterion(.orders, 0.1)])
        // Revenue adds 0 everywhere; orders 1, 3, 2 → 0, 1, 0.5 times 0.1.
        #expect(s == [0, 0.1, 0.05])
    }

    @Test func summedLeftToRight() throws {
        // Customer 1 has norm 1 on each criterion: ((0 + 0.1) + 0.2) + 0.3 = 0.6000000000000001
        // in binary floating point, while ((0 + 0.3) + 0.2) + 0.1 = 0.6 exactly.
        let m = CustomerMetrics(revenue: [0, 1], profit: [0, 1], orders: [0, 1])
        let forward = try Scoring.scores(metrics: m, criteria: [
            WeightedCriterion(.revenue, 0.1), WeightedCriterion(.profit, 0.2), WeightedCriterion(.orders, 0.3),
        ])
        let backward = try Scoring.scores(metrics: m, criteria: [
            WeightedCriterion(.orders, 0.3), WeightedCriterion(.profit, 0.2), WeightedCriterion(.revenue, 0.1),
        ])
        #expect(forward[1] == 0.6000000000000001)
        #expect(backward[1] == 0.6)
    }

    @Test func marginAndAov() throws {
        // margin 0.5, 0.25, 0 (revenue 0) → norms 1, 0.5, 0.
        let m = CustomerMetrics(revenue: [100, 100, 0], profit: [50, 25, 10], orders: [1, 2, 0])
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.margin, 1)]) == [1, 0.5, 0])
        // aov 100, 50, 0 → 1, 0.5, 0.
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.aov, 1)]) == [1, 0.5, 0])
    }

    @Test func extremeRangesAreExact() throws {
        // revenue +5·10¹⁸, −5·10¹⁸, 0 units: x − min is 10¹⁹, 0, 5·10¹⁸ (exact integers; 10¹⁹
        // does not fit Int64), range 10¹⁹ → norms 1, 0, 0.5.
        let m = CustomerMetrics(revenue: [5_000_000_000_000_000_000, -5_000_000_000_000_000_000, 0])
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.revenue, 1)]) == [1, 0, 0.5])
        // And the customer with the highest revenue ranks first.
        let seg = try Segmenter.segment(metrics: m, criteria: [WeightedCriterion(.revenue, 1)], rule: .standard)
        #expect(seg.order == [0, 2, 1])
    }

    @Test func missingDataIsRefused() {
        let m = CustomerMetrics(revenue: [1, 2])
        let error = #expect(throws: RequestError.self) {
            _ = try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.revenue, 0.5), WeightedCriterion(.profit, 0.5)])
        }
        #expect(error?.message == "criterion 'profit' needs cost or profit data, which this dataset lacks")
    }
}

/// Rank scaling: mid-rank / (N − 1), the mid-rank being the customers with a smaller value
/// plus half the others with an equal one.
@Suite("Rank scaling")
struct RankScalingTests {
    @Test func tiesShareTheirMidRank() throws {
        // 10 < 20 = 20 < 40, N − 1 = 3: 10 → 0; each 20 → (1 + ½·1) / 3 = 0.5; 40 → 3/3 = 1.
        let m = CustomerMetrics(revenue: [10, 20, 20, 40])
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.revenue, 1)], scaling: .rank) == [0, 0.5, 0.5, 1])
    }

    @Test func recencyIsReversed() throws {
        // Recency 5, 5, 9 days (lower is better): each 5 has one larger and one equal other →
        // (1 + ½) / 2 = 0.75; 9 has none → 0.
        let m = CustomerMetrics(revenue: [1, 2, 3], first: [0, 0, 0], last: [15, 15, 11], referenceDate: 20)
        #expect(try Scoring.scores(metrics: m, criteria: [WeightedCriterion(.recency, 1)], scaling: .rank) == [0.75, 0.75, 0])
    }

    @Test func oneOutlierNoLongerSetsTheScale() throws {
        // Revenue 1000, 30, 20, 10 and orders 1, 5, 4, 3, weights ½ each.
        // Min-max: K2 = ½·20/990 + ½·1 = 0.5101…, K3 = ½·10/990 + ½·0.75 = 0.3800…
        // Rank: revenue norms 1, ⅔, ⅓, 0; orders 0, 1, ⅔, ⅓ → K1 ½, K2 ⅚, K3 ½, K4 ⅙.
        let m = CustomerMetrics(revenue: [1000, 30, 20, 10], orders: [1, 5, 4, 3])
        let criteria = [WeightedCriterion(.revenue, 0.5), WeightedCriterion(.orders, 0.5)]
        let rank = try Scoring.scores(metrics: m, criteria: criteria, scaling: .rank)
        let expected = [0.5, 0.5 * (2.0 / 3) + 0.5, 0.5 * (1.0 / 3) + 0.5 * (2.0 / 3), 0.5 * (1.0 / 3)]
        for (a, b) in zip(rank, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(try Scoring.scores(metrics: CustomerMetrics(revenue: [7]), criteria: [WeightedCriterion(.revenue, 1)], scaling: .rank) == [0])
    }
}
