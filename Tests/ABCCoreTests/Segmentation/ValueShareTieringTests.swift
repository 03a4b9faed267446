import Testing
@testable import ABCCore

@Suite("Value-share tiering")
struct ValueShareTieringTests {
    static func revenue(_ values: [Int64]) -> CustomerMetrics {
        CustomerMetrics(revenue: values.map { $0 * 10_000 })
    }

    static let pareto = TieringRule.valueShare(.revenue, [80, 15, 5])

    @Test func paretoWithNonPositiveValues() throws {
        // Values by index: 4, 50, −5, 10, 0, 30, 6. Positive total = 50+30+10+6+4 = 100;
        // lines at 80 and 95.
        // Sorted: 50 (idx 1, before 0 → A), 30 (idx 5, before 50 < 80 → A: crosses 80, upper
        // tier), 10 (idx 3, before 80, not < 80, < 95 → B), 6 (idx 6, before 90 → B),
        // 4 (idx 0, before 96 → C), 0 (idx 4) and −5 (idx 2): ≤ 0 → C.
        let seg = try Segmenter.segment(metrics: Self.revenue([4, 50, -5, 10, 0, 30, 6]), criteria: [], rule: Self.pareto)
        #expect(seg.order == [1, 5, 3, 6, 0, 4, 2])
        #expect(seg.tier == [2, 0, 2, 1, 2, 0, 1])
        let tiers = seg.profile.tiers
        #expect(tiers.map(\.customers) == [2, 2, 3])
        #expect(tiers.map(\.revenue) == [800_000, 160_000, -10_000])  // 80, 16, 4 + 0 − 5
        #expect(tiers.map(\.boundaryCustomer) == [5, 6, 2])
        #expect(tiers.map(\.boundaryValue) == [300_000, 60_000, -50_000])
        #expect(tiers.map(\.boundaryScore) == [nil, nil, nil])
        // Revenue shares of 95: 80/95 → 8,421 r 5; 16/95 → 1,684 r 20; −1/95 → −106 r 70
        // (floor); floors add to 9,999, the extra unit goes to the largest remainder (C).
        #expect(tiers.map(\.revenueShare) == [8_421, 1_684, -105])
        #expect(tiers.compactMap(\.revenueShare).reduce(0, +) == 10_000)
    }

    /// More customers than `RadixSort.parallelThreshold`, so the tiers and ranks are written
    /// on two threads; against the definition (a customer's revenue before it × 100 compared
    /// with total × cumulative share, in order of value, ties by index, ≤ 0 in the last tier).
    @Test(arguments: [[80, 15, 5], [50, 30, 15, 5], [1, 1, 98]])
    func manyCustomersAgainstTheDefinition(shares: [Int]) throws {
        var rng = SplitMix64(seed: 11)
        let n = RadixSort.parallelThreshold * 2 + 5
        let values: [Int64] = (0..<n).map { _ in
            switch rng.next() % 8 {
            case 0: return 0
            case 1: return -Int64(rng.next() % 1_000)
            default: return Int64(rng.next() % 5_000) * Int64(rng.next() % 5 + 1)
            }
        }
        let seg = try Segmenter.segment(
            metrics: CustomerMetrics(revenue: values), criteria: [], rule: .valueShare(.revenue, shares))
        let order = (0..<n).sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        let total = values.reduce(Int128(0)) { $0 + ($1 > 0 ? Int128($1) : 0) }
        var expected = [UInt8](repeating: 0, count: n), before: Int128 = 0
        for c in order {
            guard values[c] > 0 else {
                expected[c] = UInt8(shares.count - 1)
                continue
            }
            var cumulative = 0, t = shares.count - 1
            for (k, share) in shares.dropLast().enumerated() {
                cumulative += share
                if before * 100 < total * Int128(cumulative) { t = k; break }
            }
            expected[c] = UInt8(t)
            before += Int128(values[c])
        }
        #expect(seg.order == order.map(UInt32.init))
        #expect(seg.tier == expected)
        var rank = [UInt32](repeating: 0, count: n)
        for (position, c) in order.enumerated() { rank[c] = UInt32(position + 1) }
        #expect(seg.rank == rank)
    }

    @Test func crossingCustomerBelongsToTheUpperTier() throws {
        // 60, 30, 5, 3, 2 (total 100): 60 → A; 30 (before 60, crosses 80) → A;
        // 5 (before 90 < 95) → B; 3 (before 95, not < 95) → C; 2 → C.
        let seg = try Segmenter.segment(metrics: Self.revenue([60, 30, 5, 3, 2]), criteria: [], rule: Self.pareto)
        #expect(seg.tier == [0, 0, 1, 2, 2])
        #expect(seg.rank == [1, 2, 3, 4, 5])
    }

    @Test func exactIntegerComparisonAtTheLine() throws {
        // Total 3 units, 2 tiers 67/33: customer 0 (1 unit) A; customer 1 (1 unit): before
        // 1·100 = 100 < 3·67 = 201 → A; customer 2: before 200 < 201 → A as well.
        // With 66/34: line 198; customer 2: 200 ≥ 198 → B.
        let m = CustomerMetrics(revenue: [1, 1, 1])
        #expect(try Segmenter.segment(metrics: m, criteria: [], rule: .valueShare(.revenue, [67, 33])).tier == [0, 0, 0])
        #expect(try Segmenter.segment(metrics: m, criteria: [], rule: .valueShare(.revenue, [66, 34])).tier == [0, 0, 1])
    }

    @Test func tiesByIndex() throws {
        // 50/30/20 with values 50, 50: index 0 first (before 0 → A), index 1 (before 50, not
        // < 50) → B.
        let seg = try Segmenter.segment(metrics: Self.revenue([50, 50]), criteria: [], rule: .valueShare(.revenue, [50, 30, 20]))
        #expect(seg.order == [0, 1])
        #expect(seg.tier == [0, 1])
    }

    @Test func onProfit() throws {
        // Profit 5, 40, −3, 15 (total of positives 60; lines 48, 57): 40 → A, 15 (before 40 < 48)
        // → A, 5 (before 55 < 57) → B, −3 → C.
        let m = CustomerMetrics(revenue: [1, 1, 1, 1], profit: [5, 40, -3, 15])
        let seg = try Segmenter.segment(metrics: m, criteria: [], rule: .valueShare(.profit, [80, 15, 5]))
        #expect(seg.tier == [1, 0, 2, 0])
        #expect(seg.profile.tiers.map(\.boundaryValue) == [15, 5, -3])
        let error = #expect(throws: RequestError.self) {
            _ = try Segmenter.segment(metrics: Self.revenue([1]), criteria: [], rule: .valueShare(.profit, [80, 15, 5]))
        }
        #expect(error?.message == "criterion 'profit' needs cost or profit data, which this dataset lacks")
    }

    @Test func nothingPositive() throws {
        let seg = try Segmenter.segment(metrics: Self.revenue([0, -1, 0]), criteria: [], rule: Self.pareto)
        #expect(seg.tier == [2, 2, 2])
        #expect(seg.profile.tiers.map(\.revenueShare) == [nil, nil, nil])  // total ≤ 0
    }

    @Test func fourAndFiveTiers() throws {
        // 40/30/20/10 over 40, 30, 20, 10 (total 100): before 0, 40, 70, 90 against lines 40,
        // 70, 90 → A, B, C, D.
        let four = try Segmenter.segment(
            metrics: Self.revenue([10, 20, 30, 40]), criteria: [], rule: .valueShare(.revenue, [40, 30, 20, 10]))
        #expect(four.tier == [3, 2, 1, 0])
        // 5 × 20% over 25, 25, 25, 25: before 0 → A; 25 (< 40) → B; 50 (< 60) → C; 75 (< 80) → D;
        // E empty.
        let five = try Segmenter.segment(
            metrics: Self.revenue([25, 25, 25, 25]), criteria: [], rule: .valueShare(.revenue, [20, 20, 20, 20, 20]))
        #expect(five.tier == [0, 1, 2, 3])
        #expect(five.profile.tiers[4].customers == 0)
    }
}
