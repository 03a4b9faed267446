import Dispatch

/// Totals per tier (docs/segmentation.md#tier-profile), exact: money sums are `Int128` units.
public struct TierProfile: Sendable {
    public struct Tier: Sendable {
        public var name: String
        public var customers = 0
        public var revenue: Int128 = 0
        public var profit: Int128?
        public var orders: Int128?
        public var recencyDays: Int128?
        public var tenureDays: Int128?
        /// The last customer of the tier in ranking order (nil for an empty tier).
        public var boundaryCustomer: Int?
        /// Its score (count shares) — its value is `boundaryValue` (value shares).
        public var boundaryScore: Double?
        public var boundaryValue: Int64?
        /// Shares in hundredths of a percent; each column adds up to exactly 10,000.
        public var customerShare = 0
        public var revenueShare: Int?
    }

    public var tiers: [Tier]
    public var totalCustomers: Int
    public var totalRevenue: Int128
    public var totalProfit: Int128?
    public var totalOrders: Int128?

    init(metrics: CustomerMetrics, rule: TieringRule, order: [UInt32], tier: [UInt8], score: [Double]) {
        let count = rule.tierCount
        var tiers = (0..<count).map { Tier(name: TieringRule.tierNames[$0]) }
        let profit = metrics.profit, orders = metrics.orders
        // Recency and tenure from the dates directly: no per-customer arrays.
        let reference = metrics.referenceDate.map(Int64.init)
        let last = reference == nil ? nil : metrics.last, first = reference == nil ? nil : metrics.first
        let sums = Self.sums(metrics: metrics, tier: tier, tierCount: count)
        for t in 0..<count {
            tiers[t].customers = Int(sums[t].customers)
            tiers[t].revenue = sums[t].revenue
            if profit != nil { tiers[t].profit = sums[t].profit }
            if orders != nil { tiers[t].orders = sums[t].orders }
            if last != nil { tiers[t].recencyDays = sums[t].recency }
            if first != nil { tiers[t].tenureDays = sums[t].tenure }
        }
        let values: [Int64]? = {
            if let basis = rule.valueBasis { return try? basis.values(in: metrics) }
            return nil
        }()
        // Tiers are consecutive runs of `order` (Segmentation._checkInvariants; the
        // placement orders by tier), so each tier's last customer ends its run.
        var end = 0
        for t in 0..<count where tiers[t].customers > 0 {
            end += tiers[t].customers
            let c = Int(order[end - 1])
            tiers[t].boundaryCustomer = c
            if let values { tiers[t].boundaryValue = values[c] } else { tiers[t].boundaryScore = score[c] }
        }
        totalCustomers = metrics.count
        totalRevenue = tiers.reduce(0) { $0 + $1.revenue }
        totalProfit = profit == nil ? nil : tiers.reduce(0) { $0 + $1.profit! }
        totalOrders = orders == nil ? nil : tiers.reduce(0) { $0 + $1.orders! }
        let customerShares = Self.largestRemainderShares(tiers.map { Int128($0.customers) })
        let revenueShares = Self.largestRemainderShares(tiers.map(\.revenue))
        for t in 0..<count {
            tiers[t].customerShare = customerShares?[t] ?? 0
            tiers[t].revenueShare = revenueShares?[t]
        }
        self.tiers = tiers
    }

    /// A tier's sums; days from the reference date, 0 for what the data lacks.
    struct Sums {
        var customers: Int128 = 0, revenue: Int128 = 0, profit: Int128 = 0, orders: Int128 = 0
        var recency: Int128 = 0, tenure: Int128 = 0

        static func + (a: Sums, b: Sums) -> Sums {
            Sums(customers: a.customers + b.customers, revenue: a.revenue + b.revenue, profit: a.profit + b.profit,
                 orders: a.orders + b.orders, recency: a.recency + b.recency, tenure: a.tenure + b.tenure)
        }
    }

    /// Per tier sums in one pass over the customers, on two threads for large inputs (the
    /// profile of 1M customers was a quarter of a re-segmentation, issue 16). Exact: integer
    /// sums do not depend on the order of the additions.
    static func sums(metrics: CustomerMetrics, tier: [UInt8], tierCount: Int) -> [Sums] {
        let n = metrics.count
        let workers = n >= RadixSort.parallelThreshold ? 2 : 1
        let chunk = (n + workers - 1) / workers
        var perWorker = [Sums](repeating: Sums(), count: workers * tierCount)
        let reference = Int64(metrics.referenceDate ?? 0)
        let empty: [Int64] = [], noDates: [Int32] = []
        let profit = metrics.profit ?? empty, orders = metrics.orders ?? empty
        let last = metrics.referenceDate == nil ? noDates : metrics.last ?? noDates
        let first = metrics.referenceDate == nil ? noDates : metrics.first ?? noDates
        perWorker.withUnsafeMutableBufferPointer { all in
            let job = SumJob(
                tier: tier, revenue: metrics.revenue, profit: profit, orders: orders, last: last, first: first,
                reference: reference, sums: all, tierCount: tierCount)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                job.run(worker: w, from: w * chunk, to: min(n, (w + 1) * chunk))
            }
        }
        return (0..<tierCount).map { t in (0..<workers).reduce(Sums()) { $0 + perWorker[$1 * tierCount + t] } }
    }

    /// What the summing threads share; each writes only its own `tierCount` sums. Missing
    /// columns are empty.
    private struct SumJob: @unchecked Sendable {
        let tier: [UInt8], revenue: [Int64], profit: [Int64], orders: [Int64], last: [Int32], first: [Int32]
        let reference: Int64
        let sums: UnsafeMutableBufferPointer<Sums>
        let tierCount: Int

        func run(worker: Int, from start: Int, to end: Int) {
            let sums = UnsafeMutableBufferPointer(rebasing: self.sums[worker * tierCount..<(worker + 1) * tierCount])
            let reference = reference, tierCount = tierCount
            tier.withUnsafeBufferPointer { tier in
                func add(_ field: WritableKeyPath<Sums, Int128>, _ value: (Int) -> Int128) {
                    let total = Self.sumByTier(tier, start..<end, tierCount: tierCount, value)
                    for t in 0..<tierCount { sums[t][keyPath: field] += total[t] }
                }
                add(\.customers) { _ in 1 }
                revenue.withUnsafeBufferPointer { v in add(\.revenue) { Int128(v[$0]) } }
                if !profit.isEmpty { profit.withUnsafeBufferPointer { v in add(\.profit) { Int128(v[$0]) } } }
                if !orders.isEmpty { orders.withUnsafeBufferPointer { v in add(\.orders) { Int128(v[$0]) } } }
                if !last.isEmpty {
                    last.withUnsafeBufferPointer { v in add(\.recency) { Int128(reference - Int64(v[$0])) } }
                }
                if !first.isEmpty {
                    first.withUnsafeBufferPointer { v in add(\.tenure) { Int128(reference - Int64(v[$0])) } }
                }
            }
        }

        /// Σ value(c) per tier, into four sets of sums taken in turn: consecutive customers
        /// of one tier then add to different sums and do not wait for each other's store
        /// (one set made this pass latency-bound, ~5 cycles a customer).
        @inline(__always)
        static func sumByTier(
            _ tier: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, tierCount: Int, _ value: (Int) -> Int128
        ) -> [Int128] {
            let lanes = 4
            var sums = [Int128](repeating: 0, count: lanes * tierCount)
            sums.withUnsafeMutableBufferPointer { s in
                var c = range.lowerBound
                // Wrapping adds: a sum of fewer than 2⁶³ values of 64 bits cannot overflow
                // Int128, and the overflow checks were a third of the loop.
                while c + lanes <= range.upperBound {
                    s[Int(tier[c])] &+= value(c)
                    s[tierCount + Int(tier[c + 1])] &+= value(c + 1)
                    s[2 * tierCount + Int(tier[c + 2])] &+= value(c + 2)
                    s[3 * tierCount + Int(tier[c + 3])] &+= value(c + 3)
                    c += lanes
                }
                while c < range.upperBound {
                    s[Int(tier[c])] &+= value(c)
                    c += 1
                }
            }
            return (0..<tierCount).map { t in (0..<lanes).reduce(0) { $0 + sums[$1 * tierCount + t] } }
        }
    }

    /// Parts of a positive total in hundredths of a percent, rounded so they add up to
    /// exactly 10,000: floors first, then one more to the largest remainders (earlier tier
    /// first on equal remainders). Nil when the total is not positive.
    public static func largestRemainderShares(_ parts: [Int128]) -> [Int]? {
        let total = parts.reduce(0, +)
        guard total > 0 else { return nil }
        var floors: [Int128] = []
        var remainders: [(Int128, Int)] = []
        for (i, part) in parts.enumerated() {
            let scaled = part * 10_000
            var q = scaled / total
            var r = scaled % total
            if r < 0 { q -= 1; r += total }
            floors.append(q)
            remainders.append((r, i))
        }
        var missing = Int(10_000 - floors.reduce(0, +))
        for (_, i) in remainders.sorted(by: { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }) where missing > 0 {
            floors[i] += 1
            missing -= 1
        }
        return floors.map { Int($0) }
    }
}
