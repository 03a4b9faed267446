import Testing
@testable import ABCCore

@Suite("Tier profile")
struct TierProfileTests {
    @Test(arguments: [
        // Three equal thirds: 3,333 r 1 each; the spare unit goes to the first.
        ([Int128(1), 1, 1], [3_334, 3_333, 3_333] as [Int]?),
        // 2/3, 1/3: 6,666 r 2 and 3,333 r 1 → the spare to the first.
        ([2, 1], [6_667, 3_333]),
        // 1/6, 2/6, 3/6: 1,666 r 4, 3,333 r 2, 5,000 r 0 → the spare to the first.
        ([1, 2, 3], [1_667, 3_333, 5_000]),
        // Seven sevenths: 1,428 each (r 4), 4 spare units to the first four.
        ([1, 1, 1, 1, 1, 1, 1], [1_429, 1_429, 1_429, 1_429, 1_428, 1_428, 1_428]),
        ([2, 2, 1], [4_000, 4_000, 2_000]),
        ([0, 5], [0, 10_000]),
        // 1, 1, 998 of 1,000: 10, 10, 9,980 exactly.
        ([1, 1, 998], [10, 10, 9_980]),
        ([0, 0], nil),
        ([5, -5], nil),
    ])
    func largestRemainder(parts: [Int128], expected: [Int]?) {
        let shares = TierProfile.largestRemainderShares(parts)
        #expect(shares == expected)
        if let shares { #expect(shares.reduce(0, +) == 10_000) }
    }

    @Test func profileTotals() throws {
        // Revenue 100, 50, 30, 15, 5; profit 40, 10, 5, −5, −10; orders 10, 5, 3, 2, 1;
        // first 0, 0, 10, 20, 30 and last 30, 25, 20, 20, 30 with reference 30:
        // recency 0, 5, 10, 10, 0; tenure 30, 30, 20, 10, 0.
        // Ranked by revenue, N = 5: A = {0}, B = {1}, C = {2, 3, 4}.
        let m = CustomerMetrics(
            revenue: [100, 50, 30, 15, 5].map { $0 * 10_000 }, profit: [40, 10, 5, -5, -10].map { $0 * 10_000 },
            orders: [10, 5, 3, 2, 1], first: [0, 0, 10, 20, 30], last: [30, 25, 20, 20, 30], referenceDate: 30)
        let seg = try Segmenter.segment(metrics: m, criteria: [WeightedCriterion(.revenue, 1)], rule: .standard)
        let p = seg.profile
        #expect(p.tiers.map(\.customers) == [1, 1, 3])
        #expect(p.tiers.map(\.revenue) == [1_000_000, 500_000, 500_000])
        #expect(p.tiers.map(\.profit) == [400_000, 100_000, -100_000])
        #expect(p.tiers.map(\.orders) == [10, 5, 6])
        #expect(p.tiers.map(\.recencyDays) == [0, 5, 20])
        #expect(p.tiers.map(\.tenureDays) == [30, 30, 30])
        #expect(p.totalCustomers == 5)
        #expect(p.totalRevenue == 2_000_000)
        #expect(p.totalProfit == 400_000)
        #expect(p.totalOrders == 21)
        #expect(p.tiers.map(\.customerShare) == [2_000, 2_000, 6_000])
        #expect(p.tiers.map(\.revenueShare) == [5_000, 2_500, 2_500])
        // Boundaries: the last customer of each tier and its score: 1, (50 − 5)/(100 − 5), 0.
        #expect(p.tiers.map(\.boundaryCustomer) == [0, 1, 4])
        #expect(p.tiers.map(\.boundaryScore) == [1, 45.0 / 95.0, 0])
        #expect(p.tiers.map(\.boundaryValue) == [nil, nil, nil])
    }

    @Test func absentMetricsStayAbsent() throws {
        let seg = try Segmenter.segment(
            metrics: CustomerMetrics(revenue: [3, 2, 1]), criteria: [WeightedCriterion(.revenue, 1)], rule: .standard)
        #expect(seg.profile.tiers.map(\.profit) == [nil, nil, nil])
        #expect(seg.profile.tiers.map(\.orders) == [nil, nil, nil])
        #expect(seg.profile.tiers.map(\.recencyDays) == [nil, nil, nil])
        #expect(seg.profile.totalProfit == nil)
        #expect(seg.profile.totalOrders == nil)
    }
}
