import Testing
@testable import ABCCore

/// Every lever on four customers worked by hand (docs/levers.md#the-levers).
///
///          revenue  profit  orders  recency   tier (revenue only, 25/25/50)
///   c0      100.00   40.00       4       10   A
///   c1       50.00   10.00       2      200   B
///   c2       20.00    2.00       5      400   C
///   c3       10.05   -1.00       1       30   C
@Suite("Lever arithmetic")
struct LeverArithmeticTests {
    static let u: Int64 = 10_000  // units per currency unit

    static let metrics = CustomerMetrics(
        revenue: [100 * u, 50 * u, 20 * u, 100_500],
        profit: [40 * u, 10 * u, 2 * u, -1 * u],
        orders: [4, 2, 5, 1],
        first: [0, 0, 0, 0],
        last: [390, 200, 0, 370],
        referenceDate: 400)

    static func segmentation() throws -> Segmentation {
        try Segmenter.segment(metrics: metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([25, 25, 50]))
    }

    static func rate(_ text: String) -> ExactRate { ExactRate(percent: text)! }

    @Test func tiersOfTheExample() throws {
        #expect(try Self.segmentation().tier == [0, 1, 2, 2])
        #expect(Self.metrics.recency! == [10, 200, 400, 30])
    }

    @Test func costToServeReportsUnprofitableCustomers() throws {
        // cts c2 = 1.50 × 5 = 7.50, c3 = 1.50 × 1 = 1.50; net c2 = 2 − 7.5 < 0, c3 = −1 − 1.5 < 0.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.costToServe(tier: 2, perOrder: 15_000, perCustomer: 0)])
        let r = outcome.levers[0]
        #expect(r.targeted == 2)
        #expect(r.costToServe == 90_000)
        #expect(r.unprofitableCustomers == 2)
        #expect(r.unprofitableRevenue == 300_500)
        #expect(outcome.before[2].costToServe == 90_000)
        #expect(outcome.before[2].netContribution == (1 - 9) * 10_000)
    }

    @Test func perCustomerCostToServe() throws {
        // cts = 0.50 × orders + 2.00: c2 = 4.50, c3 = 2.50.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.costToServe(tier: 2, perOrder: 5_000, perCustomer: 20_000)])
        #expect(outcome.levers[0].costToServe == 70_000)
    }

    @Test func upliftExpectedValues() throws {
        // c1: Δrev = 50 × 10% × 30% = 1.50; Δprofit = 10 × 3% = 0.30; cost = 2 × 30% × 1 = 0.60.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.uplift(tier: 1, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 2 * Self.u, basis: .perAdopter)])
        let r = outcome.levers[0]
        #expect(r.deltaRevenue == 15_000)
        #expect(r.deltaProfit == 3_000)
        #expect(r.cost == 6_000)
        // ROI = (0.30 − 0.60) / 0.60 = −50%.
        #expect(r.roi!.numerator * 100 / r.roi!.denominator == -50)
        #expect(outcome.after[1].revenue == 515_000)
        #expect(outcome.after[1].netContribution == 103_000 - 6_000)
    }

    @Test func upliftPerContactCost() throws {
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.uplift(tier: 2, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 2 * Self.u, basis: .perContact)])
        #expect(outcome.levers[0].cost == 2 * 2 * Self.u)  // two C customers contacted
    }

    @Test func upliftRoundsEachCustomerHalfEven() throws {
        // Two customers of 50 units each: 50 × 10% × 30% = 1.5 units → 2 each (half to even), so
        // the total is 4 units, not the 3 units of rounding the exact total.
        let metrics = CustomerMetrics(revenue: [50, 50], profit: [50, 50], orders: [1, 1])
        let segmentation = try Segmenter.segment(
            metrics: metrics, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]))
        let both = try Simulator.run(
            metrics: metrics, segmentation: segmentation,
            levers: [
                .uplift(tier: 0, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 0, basis: .perAdopter),
                .uplift(tier: 1, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 0, basis: .perAdopter),
            ])
        #expect(both.levers[0].deltaRevenue == 2)
        #expect(both.levers[1].deltaRevenue == 2)
        // 150 units × 3% = 4.5 units → 4 (half to even). One customer with 50/50 shares:
        // A = ⌊1·50/100⌋ = 0 customers, so it is in B.
        let m2 = CustomerMetrics(revenue: [150], profit: [0], orders: [1])
        let s2 = try Segmenter.segment(metrics: m2, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]))
        let odd = try Simulator.run(
            metrics: m2, segmentation: s2,
            levers: [.uplift(tier: 1, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 0, basis: .perAdopter)])
        #expect(odd.levers[0].deltaRevenue == 4)
    }

    @Test func retention() throws {
        // c0: kept revenue = 100 × (15% − 10%) = 5.00; profit 40 × 5% = 2.00; cost 25 × 1.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.retention(tier: 0, churnBefore: Self.rate("15%"), churnAfter: Self.rate("10%"), cost: 25 * Self.u)])
        let r = outcome.levers[0]
        #expect(r.deltaRevenue == 50_000)
        #expect(r.deltaProfit == 20_000)
        #expect(r.cost == 250_000)
        #expect(r.roi!.numerator * 100 / r.roi!.denominator == -92)  // (2 − 25) / 25
    }

    @Test func reactivation() throws {
        // Eligible: C customers with recency > 180: c2 (400) only. aov c2 = 20 / 5 = 4.00.
        // Δrev = 8% × 1 × 4.00 = 0.32; Δprofit = 8% × 2.00 / 5 = 0.032; cost = 3 × 1.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.reactivation(tier: 2, inactiveDays: 180, response: Self.rate("8%"), orders: 1, cost: 3 * Self.u)])
        let r = outcome.levers[0]
        #expect(r.targeted == 2)
        #expect(r.eligible == 1)
        #expect(r.deltaRevenue == 3_200)
        #expect(r.deltaProfit == 320)
        #expect(r.cost == 30_000)
    }

    @Test func discount() throws {
        // c1: revenue' = 50 × 0.95 × 1.08 = 51.30; cost' = 40 × 1.08 = 43.20; profit' = 8.10.
        let outcome = try Simulator.run(
            metrics: Self.metrics, segmentation: Self.segmentation(),
            levers: [.discount(tier: 1, priceCut: Self.rate("5%"), volume: Self.rate("8%"))])
        #expect(outcome.levers[0].deltaRevenue == 13_000)
        #expect(outcome.levers[0].deltaProfit == -19_000)
    }

    @Test func allLeversInOrder() throws {
        // The six levers in sequence; each sees the state the previous ones left.
        let levers: [Lever] = [
            .costToServe(tier: 2, perOrder: 15_000, perCustomer: 0),
            .uplift(tier: 1, lift: Self.rate("10%"), adoption: Self.rate("30%"), cost: 2 * Self.u, basis: .perAdopter),
            .retention(tier: 0, churnBefore: Self.rate("15%"), churnAfter: Self.rate("10%"), cost: 25 * Self.u),
            .reactivation(tier: 2, inactiveDays: 180, response: Self.rate("8%"), orders: 1, cost: 3 * Self.u),
            .discount(tier: 1, priceCut: Self.rate("5%"), volume: Self.rate("8%")),
            .drop(tier: 2),
        ]
        let outcome = try Simulator.run(metrics: Self.metrics, segmentation: Self.segmentation(), levers: levers)
        // Discount on c1 after the uplift: revenue 51.50 → 51.50 × 0.95 × 1.08 = 52.839;
        // cost 41.20 → 44.496; profit 10.30 → 8.343.
        #expect(outcome.levers[4].deltaRevenue == 13_390)
        #expect(outcome.levers[4].deltaProfit == -19_570)
        // Drop: c2 (profit 2.032 − cts 7.50 < 0) and c3 (−1.00 − 1.50 < 0) leave.
        #expect(outcome.levers[5].dropped == 2)
        #expect(outcome.levers[5].deltaRevenue == -(203_200 + 100_500))
        #expect(outcome.levers[5].deltaProfit == -(20_320 - 10_000))
        #expect(outcome.levers[5].costToServe == -90_000)
        // After, by tier before the levers:
        #expect(outcome.after.map(\.customers) == [1, 1, 0])
        #expect(outcome.after.map(\.revenue) == [1_050_000, 528_390, 0])
        #expect(outcome.after.map(\.netContribution) == [420_000 - 250_000, 83_430 - 6_000, -30_000])
        #expect(outcome.before.map(\.netContribution) == [400_000, 100_000, 10_000 - 90_000])
        // Placed against the boundaries before the levers (min-max on revenue, min 10.05, max
        // 100): A's boundary is c0 (norm 1), B's is c1 ((50 − 10.05) / 89.95 = 0.4441).
        // c0 at 105 (kept 5% of 100): (105 − 10.05) / 89.95 = 1.0556 > 1 → A.
        // c1 at 52.839: (52.839 − 10.05) / 89.95 = 0.4757, below 1, above 0.4441 → B.
        // The dropped have no tier; nobody is re-ranked.
        #expect(outcome.projected?.tier == [0, 1, ProjectedSegmentation.dropped, ProjectedSegmentation.dropped])
    }

    @Test func leversNeedingMissingDataAreRefused() throws {
        let bare = CustomerMetrics(revenue: [10, 20])
        let segmentation = try Segmenter.segment(metrics: bare, criteria: [WeightedCriterion(.revenue, 1)], rule: .countShare([50, 50]))
        #expect(throws: RequestError.self) {
            try Simulator.run(metrics: bare, segmentation: segmentation, levers: [.drop(tier: 1)])
        }
        #expect(throws: RequestError.self) {
            try Simulator.run(metrics: bare, segmentation: segmentation,
                              levers: [.reactivation(tier: 1, inactiveDays: 1, response: Self.rate("5%"), orders: 1, cost: 0)])
        }
        #expect(throws: RequestError.self) {
            try Simulator.run(metrics: bare, segmentation: segmentation, levers: [.drop(tier: 4)])
        }
    }

    @Test func exactRateParsing() {
        #expect(ExactRate(percent: "12.5%") == ExactRate(numerator: 125, denominator: 1000))
        #expect(ExactRate(percent: "+10%") == ExactRate(numerator: 10, denominator: 100))
        #expect(ExactRate(percent: "30") == ExactRate(numerator: 30, denominator: 100))
        #expect(ExactRate(percent: "abc") == nil)
        #expect(ExactRate(percent: "1.2.3%") == nil)
        #expect(ExactRate(percent: "12.5%")!.description == "12.5%")
    }
}
