import Testing
@testable import ABCCore

/// Customers after the levers are placed against the tier boundaries before them
/// (docs/levers.md#placing-customers-after-the-levers), worked by hand on five customers:
///
///          revenue  profit  orders   score (revenue only, min-max over 10…100)   tier 20/40/40
///   c0         100      40       1   1                                            A
///   c1          80      20       1   70/90 = 0.7778                               B
///   c2          60      10       1   50/90 = 0.5556                               B
///   c3          30       3       1   20/90 = 0.2222                               C
///   c4          10      -5       1   0                                            C
///
/// A = ⌊5·20/100⌋ = 1 customer, B up to ⌊5·60/100⌋ = 3. Boundaries: A (1, c0), B (0.5556, c2).
@Suite("Placement after the levers")
struct PlacementTests {
    static let u: Int64 = 10_000
    static let metrics = CustomerMetrics(
        revenue: [100 * u, 80 * u, 60 * u, 30 * u, 10 * u], profit: [40 * u, 20 * u, 10 * u, 3 * u, -5 * u],
        orders: [1, 1, 1, 1, 1])

    static func segmentation(_ rule: TieringRule = .countShare([20, 40, 40]), scaling: Scaling = .minmax) throws -> Segmentation {
        try Segmenter.segment(metrics: metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: rule, scaling: scaling)
    }

    static func rate(_ text: String) -> ExactRate { ExactRate(percent: text)! }

    @Test func anUpsellOnBMovesNoACustomer() throws {
        // B (c1, c2) buys 30% more: c1 → 104 (norm 94/90 = 1.044 > 1 = A's boundary → A),
        // c2 → 78 (68/90 = 0.7556: below A's 1, above B's 0.5556 → B). c0 stays A: nobody is
        // pushed down, though c1 now outsells it.
        let seg = try Self.segmentation()
        #expect(seg.tier == [0, 1, 1, 2, 2])
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: seg,
            levers: [.uplift(tier: 1, lift: Self.rate("30%"), adoption: Self.rate("100%"), cost: 0, basis: .perAdopter)])
        #expect(outcome.projected?.tier == [0, 0, 1, 2, 2])
    }

    @Test func droppingCMovesNoOneElse() throws {
        // cost-to-serve 10 per customer on C: net c3 = 3 − 10 < 0, c4 = −5 − 10 < 0: both leave.
        // Re-ranking the three left would make A = ⌊3·20/100⌋ = 0 customers; fixed boundaries
        // keep c0 in A and c1, c2 in B.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: try Self.segmentation(),
            levers: [.costToServe(tier: 2, perOrder: 0, perCustomer: 10 * Self.u), .drop(tier: 2)])
        let d = ProjectedSegmentation.dropped
        #expect(outcome.projected?.tier == [0, 1, 1, d, d])
    }

    @Test func aTieAtTheBoundaryGoesByID() throws {
        // Uplift +100% at full adoption on C: c3 30 → 60, norm 50/90 = B's boundary score, but
        // c3's id comes after c2's, so it does not pass the boundary: C. c4 at 20 stays C.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: try Self.segmentation(),
            levers: [.uplift(tier: 2, lift: Self.rate("100%"), adoption: Self.rate("100%"), cost: 0, basis: .perAdopter)])
        #expect(outcome.projected?.tier == [0, 1, 1, 2, 2])
        // The same score for a customer whose id comes before the boundary's passes it: a price
        // cut of 40% on A takes c0 from 100 to 60, B's boundary score, and c0 < c2 → B.
        let cut = try Simulator.run(
            metrics: Self.metrics, segmentation: try Self.segmentation(),
            levers: [.discount(tier: 0, priceCut: Self.rate("40%"), volume: .zero)])
        #expect(cut.projected?.tier == [1, 1, 1, 2, 2])
    }

    @Test func valueTieringAndAValueAtOrBelowZero() throws {
        // revenue 50/30/20 of 280: c0 (cum before 0) A; c1 (100 < 140) A; c2 (180 < 224) B;
        // c3 (240 ≥ 224) C; c4 C. Boundaries: A (80, c1), B (60, c2).
        let seg = try Self.segmentation(.valueShare(.revenue, [50, 30, 20]))
        #expect(seg.tier == [0, 0, 1, 2, 2])
        // A 90% price cut on A: c0 100 → 10 and c1 80 → 8, below both boundaries (80, 60) → C.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: seg, levers: [.discount(tier: 0, priceCut: Self.rate("90%"), volume: .zero)])
        #expect(outcome.projected?.tier == [2, 2, 1, 2, 2])
        // Cost-to-serve alone moves no one: value tiering uses revenue, never net.
        let cts = try Simulator.run(
            metrics: Self.metrics, segmentation: seg, levers: [.costToServe(tier: 0, perOrder: 0, perCustomer: 1_000 * Self.u)])
        #expect(cts.projected?.tier == seg.tier)
    }

    @Test func rankScalingPlacesAmongTheOthersValuesBefore() throws {
        // Rank norms before: revenue 100, 80, 60, 30, 10 → 1, ¾, ½, ¼, 0. Boundaries A (1, c0),
        // B (½, c2). c3 at +200% → 90: among the others' values before (100, 80, 60, 10) it
        // has 3 smaller → 3/4 = 0.75 < 1, > ½ → B.
        let seg = try Self.segmentation(scaling: .rank)
        #expect(seg.score == [1, 0.75, 0.5, 0.25, 0])
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: seg,
            levers: [.uplift(tier: 2, lift: Self.rate("200%"), adoption: Self.rate("100%"), cost: 0, basis: .perAdopter)])
        // c4 at 30: others before 100, 80, 60, 30 → 0 smaller, 1 equal → ½·1 / 4 = 0.125 → C.
        #expect(outcome.projected?.tier == [0, 1, 1, 1, 2])
    }
}

/// Levers on data without cost or profit: revenue effects only, or an assumed margin.
@Suite("Assumed margin")
struct AssumedMarginTests {
    static let u: Int64 = 10_000
    // Revenue only: 100, 50, 20, 10.05; tiers by revenue 25/25/50: A c0, B c1, C c2 c3.
    static let metrics = CustomerMetrics(revenue: [100 * u, 50 * u, 20 * u, 100_500])

    static func segmentation() throws -> Segmentation {
        try Segmenter.segment(metrics: metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([25, 25, 50]))
    }

    @Test func withoutAMarginProfitIsNotKnown() throws {
        // Uplift B +10% at 30%: Δrevenue = 50 × 0.1 × 0.3 = 1.50; cost 2 × 30% = 0.60.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: try Self.segmentation(),
            levers: [.uplift(tier: 1, lift: ExactRate(percent: "10%")!, adoption: ExactRate(percent: "30%")!, cost: 2 * Self.u, basis: .perAdopter)])
        #expect(outcome.profitBasis == .unknown)
        #expect(outcome.levers[0].deltaRevenue == 15_000)
        #expect(outcome.levers[0].cost == 6_000)
    }

    @Test func aMarginPerTierGivesProfitAndTheDiscountItsCost() throws {
        // A 40%, B 30%, C 20%: profit c0 = 40, c1 = 15, c2 = 4, c3 = 10.05 × 20% = 2.01.
        let margin = AssumedMargin.perTier(["40%", "30%", "20%"].map { ExactRate(percent: $0)! })
        let discount = Lever.discount(tier: 1, priceCut: ExactRate(percent: "5%")!, volume: ExactRate(percent: "10%")!)
        let outcome = try Simulator.run(metrics: Self.metrics, segmentation: try Self.segmentation(), levers: [discount], margin: margin)
        let profit: [Int128] = [400_000, 150_000, 40_000 + 20_100]
        #expect(outcome.before.map(\.profit) == profit)
        // c1: revenue' = 50 × 0.95 × 1.10 = 52.25; implied cost 35 × 1.10 = 38.50; profit' = 13.75.
        #expect(outcome.levers[0].deltaRevenue == 22_500)
        #expect(outcome.levers[0].deltaProfit == 137_500 - 150_000)
        // The assumption never places anyone: tiers follow revenue only (c1 at 52.25 stays B).
        #expect(outcome.projected?.tier == [0, 1, 2, 2])
    }

    @Test func aPriceRiseIsANegativeCut() throws {
        // Price +3%, volume −2% on A (c0, margin 40%: cost 60): revenue' = 100 × 1.03 × 0.98 =
        // 100.94; cost' = 60 × 0.98 = 58.80; profit' = 42.14 (from 40: +2.14).
        let rise = Lever.discount(tier: 0, priceCut: ExactRate.zero - ExactRate(percent: "3%")!, volume: ExactRate.zero - ExactRate(percent: "2%")!)
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: try Self.segmentation(), levers: [rise], margin: .all(ExactRate(percent: "40%")!))
        #expect(outcome.levers[0].deltaRevenue == 9_400)
        #expect(outcome.levers[0].deltaProfit == 21_400)
    }
}
