import Testing
@testable import ABCCore

/// The strategy groups' rules on hand-made customers (docs/forecasting.md#strategy-groups).
@Suite("Strategy groups")
struct PlaybookGroupTests {
    // Six customers, tiers A A B B C C. Revenue, profit, orders; first/last purchase days with
    // the reference day 100 (recency = 100 − last).
    static let metrics = CustomerMetrics(
        revenue: [1000, 900, 500, 400, 300, 100], profit: [400, 300, 100, 80, 20, 10], orders: [10, 2, 8, 2, 3, 1],
        first: [0, 0, 10, 40, 0, 50], last: [90, 20, 90, 99, 60, 50], referenceDate: 100)
    static let tiers: [UInt8] = [0, 0, 1, 1, 2, 2]

    static func inputs(forecast: ForecastColumns? = nil, history: PurchaseHistory? = nil, margin: AssumedMargin? = nil,
                       cost: (Int64, Int64)? = nil, metrics: CustomerMetrics = metrics) -> PlaybookGroup.Inputs {
        PlaybookGroup.Inputs(
            metrics: metrics, tiers: tiers, tierCount: 3, forecast: forecast, history: history, margin: margin,
            costToServe: cost.map { (perOrder: $0.0, perCustomer: $0.1) })
    }

    static let forecast = ForecastColumns(CustomerForecast(
        probabilityAlive: [0.9, 0.4, 0.8, 0.7, 0.35, 0.2], expectedOrders: [5, 1, 3, 4, 1, 0.5],
        expectedValue: [0, 0, 0, 0, 0, 0], lifetimeValue: [0, 0, 0, 0, 0, 0]))

    @Test func atRiskIsAWithPAliveBelowHalf() throws {
        #expect(try PlaybookGroup.atRisk.members(Self.inputs(forecast: Self.forecast)) == [false, true, false, false, false, false])
    }

    @Test func atRiskWithoutTheModelComparesRecencyWithTwiceTheMeanGap() throws {
        // Purchase days: customer 0 x = 9 over 90 days (gap 10, recency 10: not above 20);
        // customer 1 x = 1 over 20 days (gap 20, recency 80 > 40: at risk).
        let history = PurchaseHistory(
            frequency: [9, 1, 7, 1, 2, 0], recency: [90, 20, 80, 59, 60, 0], age: [100, 100, 90, 60, 100, 50],
            repeatValue: [0, 0, 0, 0, 0, 0], isBuyer: [true, true, true, true, true, true], end: 100)
        #expect(try PlaybookGroup.atRisk.members(Self.inputs(history: history)) == [false, true, false, false, false, false])
        // A customer with one purchase day has no gap: never at risk by this rule.
        var single = history
        single.frequency[1] = 0
        #expect(try PlaybookGroup.atRisk.members(Self.inputs(history: single)) == [false, false, false, false, false, false])
    }

    @Test func growthIsTheTopQuarterOfBRoundedUp() throws {
        // B = customers 2 and 3: ⌈2/4⌉ = 1 of them, the most expected purchase days (3: 4 > 3).
        #expect(try PlaybookGroup.growth.members(Self.inputs(forecast: Self.forecast)) == [false, false, false, true, false, false])
        // Without the model, orders per active month: 2: 8·30/81 ≈ 2.96, 3: 2·30/60 = 1.
        #expect(try PlaybookGroup.growth.members(Self.inputs()) == [false, false, true, false, false, false])
    }

    @Test func reactivateIsCWithPAliveAtLeast30PercentAndAovAtLeastTheMedian() throws {
        // C's aov: customer 4 100.00 / 3 = 33.3333 (rounded to the unit), customer 5 100; the lower
        // middle value is 33.3333. Customer 4: P(alive) 0.35 ≥ 0.3 and aov ≥ median; 5: 0.2 < 0.3.
        #expect(try PlaybookGroup.reactivate.members(Self.inputs(forecast: Self.forecast)) == [false, false, false, false, true, false])
        #expect(throws: RequestError.self) { try PlaybookGroup.reactivate.members(Self.inputs()) }
    }

    @Test func costlyIsCWithNetBelowZeroAfterCostToServe() throws {
        // Per order 7: customer 4: 20 − 21 < 0; customer 5: 10 − 7 ≥ 0.
        #expect(try PlaybookGroup.costly.members(Self.inputs(cost: (7, 0))) == [false, false, false, false, true, false])
        #expect(throws: RequestError("'costly' needs a cost to serve: add `lever cost-to-serve C per-order X` to the scenario (or give `playbook --cost-per-order X`)")) {
            try PlaybookGroup.costly.members(Self.inputs())
        }
        // Without profit in the data, an assumed 10% margin and 7 per order + 4 per customer:
        // customer 4 makes 30 − (21 + 4) = 5 ≥ 0, customer 5 10 − (7 + 4) = −1 < 0.
        var revenueOnly = Self.metrics
        revenueOnly.profit = nil
        let assumed = AssumedMargin.all(ExactRate(numerator: 1, denominator: 10))
        #expect(try PlaybookGroup.costly.members(Self.inputs(margin: assumed, cost: (7, 4), metrics: revenueOnly))
            == [false, false, false, false, false, true])
    }
}
