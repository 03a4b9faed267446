/// The method's strategy groups, one rule each on the tiers before the levers
/// (docs/forecasting.md#strategy-groups): customers of A at risk of leaving, customers of B
/// with room to grow, customers of the last tier worth reactivating, and those costing more
/// than they bring.
public enum PlaybookGroup: String, Sendable, CaseIterable {
    case atRisk = "at-risk"
    case growth
    case reactivate
    case costly

    /// The tier the group is drawn from: A, B, or the last tier.
    public func tier(of tierCount: Int) -> Int {
        switch self {
        case .atRisk: return 0
        case .growth: return min(1, tierCount - 1)
        case .reactivate, .costly: return tierCount - 1
        }
    }

    /// The rules' figures (`set playbook`, docs/forecasting.md#strategy-groups).
    public struct Rules: Sendable, Equatable, Hashable {
        /// P(alive) below which an A customer is at risk.
        public var atRiskAlive: Double
        /// P(alive) at or above which a last-tier customer is worth reactivating.
        public var reactivateAlive: Double
        /// The share of B (rounded up, ties by id) with the most expected orders: growth.
        public var growthShare: ExactRate

        public init(atRiskAlive: Double, reactivateAlive: Double, growthShare: ExactRate) {
            self.atRiskAlive = atRiskAlive
            self.reactivateAlive = reactivateAlive
            self.growthShare = growthShare
        }

        public static let standard = Rules(
            atRiskAlive: 0.5, reactivateAlive: 0.3, growthShare: ExactRate(numerator: 25, denominator: 100))
    }

    /// What a rule reads, gathered by the caller.
    public struct Inputs {
        public var metrics: CustomerMetrics
        public var tiers: [UInt8]
        public var tierCount: Int
        /// The fitted models' P(alive) and expected purchase days; nil when they cannot be fitted.
        public var forecast: ForecastColumns?
        /// Purchase days per customer (for the mean gap between them), when the data has transactions.
        public var history: PurchaseHistory?
        /// The margin assumed on data without cost or profit (`set margin`), for `costly`.
        public var margin: AssumedMargin?
        /// Cost to serve an order and a customer, for `costly`; nil when none is given.
        public var costToServe: (perOrder: Int64, perCustomer: Int64)?
        public var rules: Rules

        public init(
            metrics: CustomerMetrics, tiers: [UInt8], tierCount: Int, forecast: ForecastColumns?, history: PurchaseHistory?,
            margin: AssumedMargin?, costToServe: (perOrder: Int64, perCustomer: Int64)?, rules: Rules = .standard
        ) {
            self.rules = rules
            self.metrics = metrics
            self.tiers = tiers
            self.tierCount = tierCount
            self.forecast = forecast
            self.history = history
            self.margin = margin
            self.costToServe = costToServe
        }
    }

    /// The members among the customers of `inputs` (local indices).
    public func members(_ inputs: Inputs) throws(RequestError) -> [Bool] {
        let n = inputs.metrics.count
        let t = tier(of: inputs.tierCount)
        let inTier = (0..<n).map { Int(inputs.tiers[$0]) == t }
        switch self {
        case .atRisk:
            if let alive = inputs.forecast?.probabilityAlive {
                return (0..<n).map { inTier[$0] && alive[$0] < inputs.rules.atRiskAlive }
            }
            // Without the model: recency above twice the customer's own mean gap between
            // purchase days (customers with one purchase day have no gap and are left out).
            guard let recency = inputs.metrics.recency else {
                throw RequestError("'at-risk' needs purchase dates, which this dataset lacks")
            }
            let gaps: [(days: Int64, count: Int64)?]
            if let h = inputs.history {
                gaps = (0..<n).map { h.isBuyer[$0] && h.frequency[$0] > 0 ? (Int64(h.recency[$0]), Int64(h.frequency[$0])) : nil }
            } else if let first = inputs.metrics.first, let last = inputs.metrics.last, let orders = inputs.metrics.orders {
                gaps = (0..<n).map { orders[$0] > 1 ? (Int64(last[$0]) - Int64(first[$0]), orders[$0] - 1) : nil }
            } else {
                throw RequestError("'at-risk' needs purchase dates and order counts, which this dataset lacks")
            }
            // recency > 2 × days / count, in integers: recency × count > 2 × days.
            return (0..<n).map { c in
                guard inTier[c], let gap = gaps[c] else { return false }
                return recency[c] * gap.count > 2 * gap.days
            }
        case .growth:
            // The top share (a quarter unless set, rounded up) of the tier by expected purchase
            // days, or without the model by orders per active month (orders × 30 / (tenure −
            // recency + 1) days); ties by id.
            let key: [Double]
            if let expected = inputs.forecast?.expectedOrders {
                key = expected
            } else if let orders = inputs.metrics.orders, let first = inputs.metrics.first, let last = inputs.metrics.last {
                key = (0..<n).map { Double(orders[$0]) * 30 / Double(Int64(last[$0]) - Int64(first[$0]) + 1) }
            } else {
                throw RequestError("'growth' needs order counts and purchase dates, which this dataset lacks")
            }
            let candidates = (0..<n).filter { inTier[$0] }
            let ranked = candidates.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
            var member = [Bool](repeating: false, count: n)
            // ⌈count × share⌉ in integers.
            let share = inputs.rules.growthShare
            let top = (Int128(candidates.count) * Int128(share.numerator) + Int128(share.denominator) - 1) / Int128(share.denominator)
            for c in ranked.prefix(Int(clamping: max(0, top))) { member[c] = true }
            return member
        case .reactivate:
            guard let alive = inputs.forecast?.probabilityAlive else {
                throw RequestError("'reactivate' needs the purchase model's P(alive): \(Self.modelNeeds)")
            }
            guard let aov = inputs.metrics.aov else {
                throw RequestError("'reactivate' needs order counts, which this dataset lacks")
            }
            // The tier's median aov: the middle value, the lower of the two middle ones for an even count.
            let values = (0..<n).filter { inTier[$0] }.map { aov[$0] }.sorted()
            guard !values.isEmpty else { return [Bool](repeating: false, count: n) }
            let median = values[(values.count - 1) / 2]
            return (0..<n).map { inTier[$0] && alive[$0] >= inputs.rules.reactivateAlive && aov[$0] >= median }
        case .costly:
            let assumed = try inputs.margin.map { m throws(RequestError) in
                try m.profit(revenue: inputs.metrics.revenue, tiers: inputs.tiers, tierCount: inputs.tierCount)
            }
            guard let profit = inputs.metrics.profit ?? assumed else {
                throw RequestError("'costly' needs profit: this dataset has no cost or profit; assume a margin first (set margin 30%)")
            }
            guard let cost = inputs.costToServe else {
                throw RequestError("'costly' needs a cost to serve: add `lever cost-to-serve \(TieringRule.tierNames[t]) per-order X` to the scenario (or give `playbook --cost-per-order X`)")
            }
            let orders = inputs.metrics.orders
            return (0..<n).map { c in
                inTier[c] && Int128(profit[c]) - (Int128(cost.perOrder) * Int128(orders?[c] ?? 0) + Int128(cost.perCustomer)) < 0
            }
        }
    }

    static let modelNeeds = "it is fitted on transactions with dates and at least 10 customers with a repeat purchase day"
}
