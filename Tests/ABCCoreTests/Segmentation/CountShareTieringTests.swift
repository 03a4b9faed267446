import Testing
@testable import ABCCore

@Suite("Count-share tiering")
struct CountShareTieringTests {
    /// Metrics with revenue in whole currency units.
    static func revenue(_ values: [Int64]) -> CustomerMetrics {
        CustomerMetrics(revenue: values.map { $0 * 10_000 })
    }

    static let byRevenue = [WeightedCriterion(.revenue, 1)]

    @Test func sevenCustomers() throws {
        // Revenue by customer index: 30, 70, 10, 50, 20, 60, 40.
        // Ranking: 1 (70), 5 (60), 3 (50), 6 (40), 0 (30), 4 (20), 2 (10).
        // N = 7: A = ranks 1…⌊7·20/100⌋ = 1; B = ranks 2…⌊7·50/100⌋ = 3; C = ranks 4…7.
        let seg = try Segmenter.segment(
            metrics: Self.revenue([30, 70, 10, 50, 20, 60, 40]), criteria: Self.byRevenue, rule: .standard)
        #expect(seg.order == [1, 5, 3, 6, 0, 4, 2])
        #expect(seg.rank == [5, 1, 7, 3, 6, 2, 4])
        #expect(seg.tier == [2, 0, 2, 1, 2, 1, 2])
        #expect(seg.profile.tiers.map(\.customers) == [1, 2, 4])
        #expect(seg.tierCount == 3)
    }

    @Test func elevenCustomers() throws {
        // Revenue 1, 8, 4, 11, 7, 3, 10, 6, 2, 9, 5 (indices 0…10).
        // Ranking by revenue: 3 (11), 6 (10), 9 (9), 1 (8), 4 (7), 7 (6), 10 (5), 2, 5, 8, 0.
        // N = 11: A = ranks 1…⌊2.2⌋ = 2; B = ranks 3…⌊5.5⌋ = 5; C = ranks 6…11.
        let seg = try Segmenter.segment(
            metrics: Self.revenue([1, 8, 4, 11, 7, 3, 10, 6, 2, 9, 5]), criteria: Self.byRevenue, rule: .standard)
        #expect(seg.order == [3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 0])
        #expect(seg.tier == [2, 1, 2, 0, 1, 2, 0, 2, 2, 1, 2])
        #expect(seg.profile.tiers.map(\.customers) == [2, 3, 6])
    }

    @Test func tiesAtABoundaryGoByIndex() throws {
        // 10, 20, 20, 20, 5: the three 20s rank in index order 1, 2, 3. N = 5: A = 1 rank,
        // B up to rank ⌊2.5⌋ = 2: customer 2 is B, customer 3 (same score) is C.
        let seg = try Segmenter.segment(
            metrics: Self.revenue([10, 20, 20, 20, 5]), criteria: Self.byRevenue, rule: .standard)
        #expect(seg.order == [1, 2, 3, 0, 4])
        #expect(seg.tier == [2, 0, 1, 2, 2])
        #expect(seg.score[1] == seg.score[2] && seg.score[2] == seg.score[3])
    }

    @Test func tiesGoByCustomerIdBytesAfterLoading() throws {
        // Ids in byte order: "A" < "B" < "a" < "b" < "z"; z spends 20, the others 10.
        // Ranking: z, then A, B, a, b (tied, by id). N = 5: A tier = z; B tier = "A"; C = the rest.
        let data = try Fixture.load("customer,date,amount\nb,2024-01-01,10\nB,2024-01-01,10\nz,2024-01-01,20\na,2024-01-01,10\nA,2024-01-01,10\n")
        #expect(data.ids == ["A", "B", "a", "b", "z"])
        let seg = try Segmenter.segment(metrics: data.metrics, criteria: Self.byRevenue, rule: .standard)
        #expect(seg.order.map { data.customerIDs[Int($0)] } == ["z", "A", "B", "a", "b"])
        #expect(seg.tier == [1, 2, 2, 2, 0])
    }

    @Test func allEqualRanksById() throws {
        let seg = try Segmenter.segment(
            metrics: Self.revenue([7, 7, 7, 7, 7]), criteria: Self.byRevenue, rule: .standard)
        #expect(seg.score == [0, 0, 0, 0, 0])
        #expect(seg.order == [0, 1, 2, 3, 4])
        #expect(seg.tier == [0, 1, 2, 2, 2])
    }

    @Test func recencyRanksRecentBuyersFirst() throws {
        // Last purchases on days 5, 30, 20 (reference 30): recency 25, 0, 10 → customer 1 first.
        let m = CustomerMetrics(revenue: [1, 1, 1], first: [0, 0, 0], last: [5, 30, 20], referenceDate: 30)
        let seg = try Segmenter.segment(metrics: m, criteria: [WeightedCriterion(.recency, 1)], rule: .countShare([40, 60]))
        #expect(seg.order == [1, 2, 0])
        // N = 3, 40/60: A = ranks 1…⌊1.2⌋ = 1.
        #expect(seg.tier == [1, 0, 1])
    }

    @Test func fourTiers() throws {
        // N = 10, 10/20/30/40: tiers end at ranks 1, 3, 6, 10.
        let seg = try Segmenter.segment(
            metrics: Self.revenue([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), criteria: Self.byRevenue,
            rule: .countShare([10, 20, 30, 40]))
        #expect(seg.tier == [0, 1, 1, 2, 2, 2, 3, 3, 3, 3])
        #expect(seg.profile.tiers.map(\.name) == ["A", "B", "C", "D"])
        #expect(seg.profile.tiers.map(\.customerShare) == [1_000, 2_000, 3_000, 4_000])
    }

    @Test func fiveTiers() throws {
        // N = 7, 20/20/20/20/20: ends at ⌊1.4⌋ = 1, ⌊2.8⌋ = 2, ⌊4.2⌋ = 4, ⌊5.6⌋ = 5, 7.
        let seg = try Segmenter.segment(
            metrics: Self.revenue([70, 60, 50, 40, 30, 20, 10]), criteria: Self.byRevenue,
            rule: .countShare([20, 20, 20, 20, 20]))
        #expect(seg.tier == [0, 1, 2, 2, 3, 4, 4])
        #expect(seg.profile.tiers.map(\.customers) == [1, 1, 2, 1, 2])
        #expect(seg.profile.tiers.map(\.name) == ["A", "B", "C", "D", "E"])
    }

    @Test func emptyTopTier() throws {
        // N = 3: A = ⌊0.6⌋ = 0 customers, B = rank 1, C = ranks 2–3.
        let seg = try Segmenter.segment(metrics: Self.revenue([3, 2, 1]), criteria: Self.byRevenue, rule: .standard)
        #expect(seg.tier == [1, 2, 2])
        #expect(seg.profile.tiers[0].customers == 0)
        #expect(seg.profile.tiers[0].boundaryCustomer == nil)
        #expect(seg.profile.tiers[0].boundaryScore == nil)
        // 0/3, 1/3, 2/3 of 10,000: floors 0, 3,333, 6,666 (remainders 0, 1, 2): +1 to C.
        #expect(seg.profile.tiers.map(\.customerShare) == [0, 3_333, 6_667])
    }

    @Test(arguments: [[100], [10, 10, 20, 20, 20, 20], [50, 40], [60, 50], [0, 50, 50], [-10, 60, 50]])
    func invalidSharesAreRefused(shares: [Int]) {
        #expect(throws: RequestError.self) {
            _ = try Segmenter.segment(metrics: Self.revenue([1, 2]), criteria: Self.byRevenue, rule: .countShare(shares))
        }
        #expect(throws: RequestError.self) {
            _ = try Segmenter.segment(metrics: Self.revenue([1, 2]), criteria: Self.byRevenue, rule: .valueShare(.revenue, shares))
        }
    }
}
