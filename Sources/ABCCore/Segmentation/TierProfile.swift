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
        for t in 0..<count {
            if profit != nil { tiers[t].profit = 0 }
            if orders != nil { tiers[t].orders = 0 }
            if last != nil { tiers[t].recencyDays = 0 }
            if first != nil { tiers[t].tenureDays = 0 }
        }
        // Sums in Int64 per tier (a tier's count of days or orders cannot overflow it);
        // money in Int128.
        var customers = [Int](repeating: 0, count: count)
        var revenue = [Int128](repeating: 0, count: count)
        var profitSum = [Int128](repeating: 0, count: count)
        var orderSum = [Int64](repeating: 0, count: count)
        var recencySum = [Int64](repeating: 0, count: count)
        var tenureSum = [Int64](repeating: 0, count: count)
        for c in 0..<metrics.count {
            let t = Int(tier[c])
            customers[t] += 1
            revenue[t] += Int128(metrics.revenue[c])
            if let profit { profitSum[t] += Int128(profit[c]) }
            if let orders { orderSum[t] += orders[c] }
            if let last, let reference { recencySum[t] += reference - Int64(last[c]) }
            if let first, let reference { tenureSum[t] += reference - Int64(first[c]) }
        }
        for t in 0..<count {
            tiers[t].customers = customers[t]
            tiers[t].revenue = revenue[t]
            if profit != nil { tiers[t].profit = profitSum[t] }
            if orders != nil { tiers[t].orders = Int128(orderSum[t]) }
            if last != nil { tiers[t].recencyDays = Int128(recencySum[t]) }
            if first != nil { tiers[t].tenureDays = Int128(tenureSum[t]) }
        }
        let values: [Int64]? = {
            if let basis = rule.valueBasis { return try? basis.values(in: metrics) }
            return nil
        }()
        for c in order {
            let t = Int(tier[Int(c)])
            tiers[t].boundaryCustomer = Int(c)
        }
        for t in 0..<count {
            guard let c = tiers[t].boundaryCustomer else { continue }
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
