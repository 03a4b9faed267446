/// Totals per tier (PRODUCT.md "Tier profile"), exact: money sums are `Int128` units.
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
        let recency = metrics.recency, tenure = metrics.tenure
        for t in 0..<count {
            if profit != nil { tiers[t].profit = 0 }
            if orders != nil { tiers[t].orders = 0 }
            if recency != nil { tiers[t].recencyDays = 0 }
            if tenure != nil { tiers[t].tenureDays = 0 }
        }
        for c in 0..<metrics.count {
            let t = Int(tier[c])
            tiers[t].customers += 1
            tiers[t].revenue += Int128(metrics.revenue[c])
            if let profit { tiers[t].profit! += Int128(profit[c]) }
            if let orders { tiers[t].orders! += Int128(orders[c]) }
            if let recency { tiers[t].recencyDays! += Int128(recency[c]) }
            if let tenure { tiers[t].tenureDays! += Int128(tenure[c]) }
        }
        let values: [Int64]? = {
            if case .valueShare(let basis, _) = rule { return try? basis.values(in: metrics) }
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
