import Testing
@testable import ABCCore

@Suite("Customer metrics")
struct CustomerMetricsTests {
    @Test func recencyAndTenure() {
        let m = CustomerMetrics(
            revenue: [1, 2, 3], first: [day(2024, 1, 1), day(2023, 12, 31), day(2024, 3, 1)],
            last: [day(2024, 2, 1), day(2024, 3, 1), day(2024, 3, 1)], referenceDate: day(2024, 3, 1))
        // Reference 2024-03-01. Recency: Feb 1 → Mar 1 = 29 days (leap year), 0, 0.
        // Tenure: Jan 1 → Mar 1 = 31 + 29 = 60; Dec 31 → Mar 1 = 61; 0.
        #expect(m.recency == [29, 0, 0])
        #expect(m.tenure == [60, 61, 0])
        #expect(CustomerMetrics(revenue: [1], last: [0]).recency == nil)  // no reference date
    }

    @Test func averageOrderValueRoundsHalfEven() {
        // 100.0000 / 3 = 33.3333… → 333,333 units; 5 / 2 = 2.5 → 2; 7 / 2 = 3.5 → 4;
        // −7 / 2 = −3.5 → −4; no orders → 0.
        let m = CustomerMetrics(revenue: [1_000_000, 5, 7, -7, 0, 9], orders: [3, 2, 2, 2, 0, 0])
        #expect(m.aov == [333_333, 2, 4, -4, 0, 0])
    }

    @Test func margin() {
        // 50/100 = 0.5; −25/100 = −0.25; revenue ≤ 0 → 0.
        let m = CustomerMetrics(revenue: [100, 100, 0, -10], profit: [50, -25, 5, 5])
        #expect(m.margin == [0.5, -0.25, 0, 0])
        #expect(CustomerMetrics(revenue: [1]).margin == nil)
    }

    @Test func hasAndRequire() throws {
        let full = CustomerMetrics(
            revenue: [1], profit: [1], orders: [1], first: [0], last: [0], referenceDate: 0)
        for c in Criterion.allCases where !c.isForecast {
            #expect(full.has(c))
            #expect(throws: Never.self) { try full.require(c) }
        }
        // The forecast criteria come with the fitted models' columns, never from the loaded figures.
        for c in Criterion.allCases where c.isForecast { #expect(!full.has(c)) }
        var forecast = full
        forecast.forecast = ForecastColumns(CustomerForecast(
            probabilityAlive: [0.5], expectedOrders: [2], expectedValue: [10], lifetimeValue: [18]))
        for c in Criterion.allCases { #expect(forecast.has(c)) }
        let bare = CustomerMetrics(revenue: [1])
        #expect(bare.has(.revenue))
        for c in [Criterion.profit, .margin, .orders, .aov, .recency, .tenure] {
            #expect(!bare.has(c))
        }
        let error = #expect(throws: RequestError.self) { try bare.require(.margin) }
        #expect(error?.message == "criterion 'margin' needs cost or profit data, which this dataset lacks")
        let aov = #expect(throws: RequestError.self) { try bare.require(.aov) }
        #expect(aov?.message == "criterion 'aov' needs order counts, which this dataset lacks")
        let tenure = #expect(throws: RequestError.self) { try bare.require(.tenure) }
        #expect(tenure?.message == "criterion 'tenure' needs purchase dates, which this dataset lacks")
    }

    @Test func defaultCriteriaWithoutProfit() throws {
        // Transactions without cost: revenue 0.5 and orders 0.2 rescaled to 0.5/0.7, 0.2/0.7.
        let data = try Fixture.load("customer,date,amount\nC1,2024-03-01,1\n")
        let criteria = data.metrics.defaultCriteria()
        #expect(criteria.map(\.criterion) == [.revenue, .orders])
        #expect(abs(criteria[0].weight - 0.5 / 0.7) < 1e-12)
        #expect(abs(criteria[1].weight - 0.2 / 0.7) < 1e-12)
        #expect(abs(criteria[0].weight + criteria[1].weight - 1) < 1e-12)
    }

    @Test func defaultCriteriaWithProfit() {
        let m = CustomerMetrics(revenue: [1], profit: [1], orders: [1])
        #expect(m.defaultCriteria() == [
            WeightedCriterion(.revenue, 0.5), WeightedCriterion(.profit, 0.3), WeightedCriterion(.orders, 0.2),
        ])
    }

    @Test func criterionNames() {
        #expect(Criterion(name: "frequency") == .orders)
        #expect(Criterion(name: "loyalty") == .tenure)
        #expect(Criterion(name: "Revenue") == .revenue)
        #expect(Criterion(name: "recency") == .recency)
        #expect(Criterion(name: "aov") == .aov)
        #expect(Criterion(name: "size") == nil)
        #expect(Criterion.recency.lowerIsBetter)
        #expect(!Criterion.tenure.lowerIsBetter)
    }
}
