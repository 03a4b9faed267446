/// Applies a scenario's levers to its customers (docs/levers.md#the-levers).
///
/// Levers apply in declared order to the projected state left by the previous ones; each
/// targets the customers of its tier in the pre-lever segmentation. Every customer's effect
/// is exact and rounded half-even to the money unit once per lever.
public enum Simulator {
    /// Expected values, or one Monte Carlo run.
    public enum Mode: Sendable, Equatable {
        case expected
        case draw(seed: UInt64, run: UInt64)
    }

    /// - margin: the assumed margin of a dataset without cost or profit (ignored when the
    ///   data has profit): profit_i = revenue_i × margin of its tier, rounded half-even.
    /// - place: whether to place the customers after the levers against the fixed boundaries.
    /// - customerID: names a customer in an overflow error.
    public static func run(
        metrics: CustomerMetrics, segmentation: Segmentation, levers: [Lever], mode: Mode = .expected,
        margin: AssumedMargin? = nil, place: Bool = true, customerID: (Int) -> String = { "#\($0 + 1)" }
    ) throws(RequestError) -> SimulationOutcome {
        try run(metrics: metrics, segmentation: segmentation, targeted: levers.map { TargetedLever($0) }, mode: mode,
                margin: margin, place: place, customerID: customerID)
    }

    /// The same with each lever acting only on the customers of its tier its mask admits
    /// (docs/levers.md#levers-on-groups).
    public static func run(
        metrics: CustomerMetrics, segmentation: Segmentation, targeted: [TargetedLever], mode: Mode = .expected,
        margin: AssumedMargin? = nil, place: Bool = true, customerID: (Int) -> String = { "#\($0 + 1)" }
    ) throws(RequestError) -> SimulationOutcome {
        let n = metrics.count
        let tiers = segmentation.tier
        let tierCount = segmentation.tierCount
        let basis: ProfitBasis = metrics.profit != nil ? .data : margin.map { .assumed($0) } ?? .unknown
        let levers = targeted.map(\.lever)
        for target in targeted where (target.members?.count ?? n) != n {
            throw RequestError("lever '\(target.lever.kind)' has a filter made for \(target.members?.count ?? 0) customers, not \(n)")
        }
        for lever in levers {
            guard lever.tier < tierCount else {
                throw RequestError("lever '\(lever.kind)' targets tier \(TieringRule.tierNames[lever.tier]), but this tiering has \(tierCount) tiers")
            }
            if let missing = lever.missingData(in: metrics, profitKnown: basis != .unknown) { throw RequestError(missing) }
        }
        var revenue = metrics.revenue
        let baseProfit: [Int64]
        switch basis {
        case .data: baseProfit = metrics.profit ?? []
        case .assumed(let margin): baseProfit = try margin.profit(revenue: metrics.revenue, tiers: tiers, tierCount: tierCount)
        case .unknown: baseProfit = [Int64](repeating: 0, count: n)
        }
        var profit = baseProfit
        let orders = metrics.orders
        let recency = metrics.recency
        var costToServe = [Int64](repeating: 0, count: n)
        // Each customer's share of the levers' costs, rounded once per customer and lever; a
        // lever's cost is the sum of its shares, so per-customer figures add up to the tables.
        var leverCostOf = [Int64](repeating: 0, count: n)
        var active = [Bool](repeating: true, count: n)
        var leverCost = [Int128](repeating: 0, count: tierCount)
        var results: [LeverResult] = []
        var generator: RandomGenerator? = nil
        if case .draw(let seed, let run) = mode { generator = RandomGenerator(seed: seed, run: run) }

        // The baseline cost structure: every cost-to-serve lever, on the original orders.
        var baselineCostToServe = [Int64](repeating: 0, count: n)
        for target in targeted {
            guard case .costToServe(let t, let perOrder, let perCustomer) = target.lever else { continue }
            for c in 0..<n where Int(tiers[c]) == t && target.admits(c) {
                baselineCostToServe[c] += perOrder * (orders?[c] ?? 0) + perCustomer
            }
        }

        for target in targeted {
            let lever = target.lever
            var result = LeverResult(lever: lever)
            let t = lever.tier
            func add(_ c: Int, _ dRevenue: Int128, _ dProfit: Int128) throws(RequestError) {
                guard let r = Int64(exactly: Int128(revenue[c]) + dRevenue), let p = Int64(exactly: Int128(profit[c]) + dProfit) else {
                    throw RequestError("lever \(results.count + 1) (\(lever.kind)) takes customer \(customerID(c))'s projected revenue or profit past the largest amount abc holds (922,337,203,685,477.5807)")
                }
                revenue[c] = r
                profit[c] = p
                result.deltaRevenue += dRevenue
                result.deltaProfit += dProfit
            }
            switch lever {
            case .costToServe(_, let perOrder, let perCustomer):
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    costToServe[c] += perOrder * (orders?[c] ?? 0) + perCustomer
                    result.costToServe += Int128(perOrder * (orders?[c] ?? 0) + perCustomer)
                    if Int128(profit[c]) - Int128(costToServe[c]) < 0 {
                        result.unprofitableCustomers += 1
                        result.unprofitableRevenue += Int128(revenue[c])
                    }
                }
            case .uplift(_, let lift, let adoption, let cost, let basis):
                let threshold = RandomGenerator.threshold(adoption)
                // Per contact: every targeted customer; per adopter: c·y each (expected) or c
                // per drawn adopter.
                let expectedShare = basis == .perContact ? cost : Int64(clamping: ExactMath.scale(Int128(cost), by: adoption))
                func charge(_ c: Int, _ amount: Int64) {
                    leverCostOf[c] += amount
                    result.cost += Int128(amount)
                }
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    let positive = revenue[c] > 0
                    if generator != nil {
                        if basis == .perContact { charge(c, cost) }
                        guard generator!.bernoulli(threshold) else { continue }
                        result.adopters += 1
                        if basis == .perAdopter { charge(c, cost) }
                        try add(c, ExactMath.scale(Int128(revenue[c]), by: lift),
                            positive ? ExactMath.scale(Int128(profit[c]), by: lift) : 0)
                    } else {
                        charge(c, expectedShare)
                        try add(c, ExactMath.scale(Int128(revenue[c]), by: lift, adoption),
                            positive ? ExactMath.scale(Int128(profit[c]), by: lift, adoption) : 0)
                    }
                }
                if generator == nil { result.expectedAdopters = (Int128(result.targeted), adoption) }
            case .retention(_, let before, let after, let cost):
                let kept = before - after
                // Drawn: a customer who would churn without the programme (u < before) and does
                // not with it (u ≥ after) is kept whole — probability before − after.
                let churnWithout = RandomGenerator.threshold(before), churnWith = RandomGenerator.threshold(after)
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    if generator != nil {
                        let u = generator!.next() >> 11
                        guard u < churnWithout && u >= churnWith else { continue }
                        result.adopters += 1
                        try add(c, Int128(revenue[c]), revenue[c] > 0 ? Int128(profit[c]) : 0)
                    } else {
                        try add(c, ExactMath.scale(Int128(revenue[c]), by: kept),
                            revenue[c] > 0 ? ExactMath.scale(Int128(profit[c]), by: kept) : 0)
                    }
                }
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) { leverCostOf[c] += cost }
                result.cost = Int128(cost) * Int128(result.targeted)
            case .reactivation(_, let days, let response, let extraOrders, let cost):
                let threshold = RandomGenerator.threshold(response)
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    guard recency![c] > Int64(days) else { continue }
                    result.eligible += 1
                    leverCostOf[c] += cost
                    let o = Int128(orders![c])
                    guard o > 0 else { continue }
                    // aov = revenue / orders exactly: Δrevenue = response × k × revenue / orders.
                    var numerator = Int128(extraOrders), denominator = o
                    if generator != nil {
                        guard generator!.bernoulli(threshold) else { continue }
                        result.adopters += 1
                    } else {
                        numerator *= Int128(response.numerator)
                        denominator *= Int128(response.denominator)
                    }
                    try add(c, FixedPoint.divideRoundingHalfEven(Int128(revenue[c]) * numerator, denominator),
                        revenue[c] > 0 ? FixedPoint.divideRoundingHalfEven(Int128(profit[c]) * numerator, denominator) : 0)
                }
                result.cost = Int128(cost) * Int128(result.eligible)
                if generator == nil { result.expectedAdopters = (Int128(result.eligible), response) }
            case .discount(_, let priceCut, let volume):
                let keep = ExactRate.one - priceCut
                let grow = ExactRate.one + volume
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    let cost = Int128(revenue[c]) - Int128(profit[c])
                    let newRevenue = ExactMath.scale(Int128(revenue[c]), by: keep, grow)
                    let newCost = ExactMath.scale(cost, by: grow)
                    try add(c, newRevenue - Int128(revenue[c]), (newRevenue - newCost) - Int128(profit[c]))
                }
            case .drop:
                for c in 0..<n where active[c] && Int(tiers[c]) == t && target.admits(c) {
                    result.targeted += 1
                    if Int128(profit[c]) - Int128(costToServe[c]) < 0 {
                        active[c] = false
                        result.dropped += 1
                        result.deltaRevenue -= Int128(revenue[c])
                        result.deltaProfit -= Int128(profit[c])
                        result.costToServe -= Int128(costToServe[c])
                    }
                }
            }
            leverCost[t] += result.cost
            results.append(result)
        }

        var before = (0..<tierCount).map { _ in TierTotals() }
        var after = (0..<tierCount).map { _ in TierTotals() }
        for c in 0..<n {
            let t = Int(tiers[c])
            before[t].customers += 1
            before[t].revenue += Int128(metrics.revenue[c])
            before[t].profit += Int128(baseProfit[c])
            before[t].costToServe += Int128(baselineCostToServe[c])
            guard active[c] else { continue }
            after[t].customers += 1
            after[t].revenue += Int128(revenue[c])
            after[t].profit += Int128(profit[c])
            after[t].costToServe += Int128(costToServe[c])
        }
        for t in 0..<tierCount { after[t].leverCost = leverCost[t] }

        var outcome = SimulationOutcome(
            levers: results, before: before, after: after, profitBasis: basis,
            projectedRevenue: revenue, projectedProfit: profit, baseProfit: baseProfit, costToServe: costToServe,
            leverCost: leverCostOf, active: active)
        if place && !levers.isEmpty {
            // Assumed profit is an input to the levers only: it never places anyone.
            outcome.projected = try Placement.place(
                metrics: metrics, segmentation: segmentation, revenue: revenue,
                profit: basis == .data ? profit : nil, active: active, profileProfit: basis == .unknown ? nil : profit)
        }
        return outcome
    }
}

/// Money totals of one tier, before or after the levers.
public struct TierTotals: Sendable, Equatable {
    public var customers = 0
    public var revenue: Int128 = 0
    public var profit: Int128 = 0
    public var costToServe: Int128 = 0
    public var leverCost: Int128 = 0

    public init() {}

    /// profit − cost-to-serve − lever cost.
    public var netContribution: Int128 { profit - costToServe - leverCost }

    public static func + (a: TierTotals, b: TierTotals) -> TierTotals {
        var s = TierTotals()
        s.customers = a.customers + b.customers
        s.revenue = a.revenue + b.revenue
        s.profit = a.profit + b.profit
        s.costToServe = a.costToServe + b.costToServe
        s.leverCost = a.leverCost + b.leverCost
        return s
    }
}

/// What one lever did.
public struct LeverResult: Sendable {
    public var lever: Lever
    /// Customers of the target tier still present when the lever applied.
    public var targeted = 0
    /// reactivation: those inactive long enough.
    public var eligible = 0
    /// Monte Carlo: adopters or responders drawn.
    public var adopters = 0
    /// Expected adopters = count × rate (uplift, reactivation).
    public var expectedAdopters: (Int128, ExactRate)?
    public var deltaRevenue: Int128 = 0
    public var deltaProfit: Int128 = 0
    public var cost: Int128 = 0
    /// cost-to-serve added (or removed, by drop).
    public var costToServe: Int128 = 0
    public var unprofitableCustomers = 0
    public var unprofitableRevenue: Int128 = 0
    public var dropped = 0

    public init(lever: Lever) { self.lever = lever }

    /// (Δprofit − cost) / cost, or nil without a cost.
    public var roi: (numerator: Int128, denominator: Int128)? {
        cost == 0 ? nil : (deltaProfit - cost, cost)
    }
}

public struct SimulationOutcome: Sendable {
    public var levers: [LeverResult]
    /// Per pre-lever tier.
    public var before: [TierTotals]
    public var after: [TierTotals]
    /// Where profit comes from: the data, an assumed margin, or nowhere (profit figures n/a).
    public var profitBasis: ProfitBasis
    public var projectedRevenue: [Int64]
    public var projectedProfit: [Int64]
    /// Profit per customer before the levers (the data's, or assumed; 0 when unknown).
    public var baseProfit: [Int64]
    /// Cost-to-serve per customer after the levers.
    public var costToServe: [Int64]
    /// Each customer's share of the levers' costs.
    public var leverCost: [Int64]
    public var active: [Bool]
    public var projected: ProjectedSegmentation?

    public var totalBefore: TierTotals { before.reduce(TierTotals(), +) }
    public var totalAfter: TierTotals { after.reduce(TierTotals(), +) }
}

/// Where the profit of a simulation comes from.
public enum ProfitBasis: Sendable, Equatable {
    /// The data's cost or profit column.
    case data
    /// A margin the scenario assumes (data without cost or profit).
    case assumed(AssumedMargin)
    /// Neither: profit, margin, net contribution and ROI are not known.
    case unknown

    public var isKnown: Bool { self != .unknown }
}

/// A margin assumed for data without cost or profit: one for every customer, or one per tier
/// (of the tiers before the levers).
public enum AssumedMargin: Sendable, Equatable, Hashable {
    case all(ExactRate)
    case perTier([ExactRate])

    /// profit_i = revenue_i × the margin of its tier, rounded half-even once per customer.
    func profit(revenue: [Int64], tiers: [UInt8], tierCount: Int) throws(RequestError) -> [Int64] {
        let rates: [ExactRate]
        switch self {
        case .all(let rate): rates = Array(repeating: rate, count: tierCount)
        case .perTier(let perTier):
            guard perTier.count == tierCount else {
                throw RequestError("the assumed margin names \(perTier.count) tiers, but this tiering has \(tierCount); set margin again")
            }
            rates = perTier
        }
        var profit = [Int64](repeating: 0, count: revenue.count)
        for c in revenue.indices {
            let rate = rates[Int(tiers[c])]
            // |profit| ≤ |revenue| for margins within ±100%, so it fits.
            profit[c] = Int64(clamping: ExactMath.scale(Int128(revenue[c]), by: rate))
        }
        return profit
    }
}
