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

    public static func run(
        metrics: CustomerMetrics, segmentation: Segmentation, levers: [Lever], mode: Mode = .expected,
        resegment: Bool = true
    ) throws(RequestError) -> SimulationOutcome {
        let n = metrics.count
        let tiers = segmentation.tier
        let tierCount = segmentation.tierCount
        for lever in levers {
            guard lever.tier < tierCount else {
                throw RequestError("lever '\(lever.kind)' targets tier \(TieringRule.tierNames[lever.tier]), but this tiering has \(tierCount) tiers")
            }
            if let missing = lever.missingData(in: metrics) { throw RequestError(missing) }
        }
        var revenue = metrics.revenue
        var profit = metrics.profit ?? [Int64](repeating: 0, count: n)
        let orders = metrics.orders
        let recency = metrics.recency
        var costToServe = [Int64](repeating: 0, count: n)
        var active = [Bool](repeating: true, count: n)
        var leverCost = [Int128](repeating: 0, count: tierCount)
        var results: [LeverResult] = []
        var generator: RandomGenerator? = nil
        if case .draw(let seed, let run) = mode { generator = RandomGenerator(seed: seed, run: run) }

        // The baseline cost structure: every cost-to-serve lever, on the original orders.
        var baselineCostToServe = [Int64](repeating: 0, count: n)
        for case .costToServe(let t, let perOrder, let perCustomer) in levers {
            for c in 0..<n where Int(tiers[c]) == t {
                baselineCostToServe[c] += perOrder * (orders?[c] ?? 0) + perCustomer
            }
        }

        for lever in levers {
            var result = LeverResult(lever: lever)
            let t = lever.tier
            func add(_ c: Int, _ dRevenue: Int128, _ dProfit: Int128) {
                revenue[c] = Int64(clamping: Int128(revenue[c]) + dRevenue)
                profit[c] = Int64(clamping: Int128(profit[c]) + dProfit)
                result.deltaRevenue += dRevenue
                result.deltaProfit += dProfit
            }
            switch lever {
            case .costToServe(_, let perOrder, let perCustomer):
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
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
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
                    result.targeted += 1
                    let positive = revenue[c] > 0
                    if generator != nil {
                        guard generator!.bernoulli(threshold) else { continue }
                        result.adopters += 1
                        add(c, ExactMath.scale(Int128(revenue[c]), by: lift),
                            positive ? ExactMath.scale(Int128(profit[c]), by: lift) : 0)
                    } else {
                        add(c, ExactMath.scale(Int128(revenue[c]), by: lift, adoption),
                            positive ? ExactMath.scale(Int128(profit[c]), by: lift, adoption) : 0)
                    }
                }
                switch (basis, generator) {
                case (.perContact, _): result.cost = Int128(cost) * Int128(result.targeted)
                case (.perAdopter, nil): result.cost = ExactMath.scale(Int128(cost) * Int128(result.targeted), by: adoption)
                case (.perAdopter, _): result.cost = Int128(cost) * Int128(result.adopters)
                }
                if generator == nil { result.expectedAdopters = (Int128(result.targeted), adoption) }
            case .retention(_, let before, let after, let cost):
                let kept = before - after
                // Drawn: a customer who would churn without the programme (u < before) and does
                // not with it (u ≥ after) is kept whole — probability before − after.
                let churnWithout = RandomGenerator.threshold(before), churnWith = RandomGenerator.threshold(after)
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
                    result.targeted += 1
                    if generator != nil {
                        let u = generator!.next() >> 11
                        guard u < churnWithout && u >= churnWith else { continue }
                        result.adopters += 1
                        add(c, Int128(revenue[c]), revenue[c] > 0 ? Int128(profit[c]) : 0)
                    } else {
                        add(c, ExactMath.scale(Int128(revenue[c]), by: kept),
                            revenue[c] > 0 ? ExactMath.scale(Int128(profit[c]), by: kept) : 0)
                    }
                }
                result.cost = Int128(cost) * Int128(result.targeted)
            case .reactivation(_, let days, let response, let extraOrders, let cost):
                let threshold = RandomGenerator.threshold(response)
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
                    result.targeted += 1
                    guard recency![c] > Int64(days) else { continue }
                    result.eligible += 1
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
                    add(c, FixedPoint.divideRoundingHalfEven(Int128(revenue[c]) * numerator, denominator),
                        revenue[c] > 0 ? FixedPoint.divideRoundingHalfEven(Int128(profit[c]) * numerator, denominator) : 0)
                }
                result.cost = Int128(cost) * Int128(result.eligible)
                if generator == nil { result.expectedAdopters = (Int128(result.eligible), response) }
            case .discount(_, let priceCut, let volume):
                let keep = ExactRate.one - priceCut
                let grow = ExactRate.one + volume
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
                    result.targeted += 1
                    let cost = Int128(revenue[c]) - Int128(profit[c])
                    let newRevenue = ExactMath.scale(Int128(revenue[c]), by: keep, grow)
                    let newCost = ExactMath.scale(cost, by: grow)
                    add(c, newRevenue - Int128(revenue[c]), (newRevenue - newCost) - Int128(profit[c]))
                }
            case .drop:
                for c in 0..<n where active[c] && Int(tiers[c]) == t {
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
            before[t].profit += Int128(metrics.profit?[c] ?? 0)
            before[t].costToServe += Int128(baselineCostToServe[c])
            guard active[c] else { continue }
            after[t].customers += 1
            after[t].revenue += Int128(revenue[c])
            after[t].profit += Int128(profit[c])
            after[t].costToServe += Int128(costToServe[c])
        }
        for t in 0..<tierCount { after[t].leverCost = leverCost[t] }

        var outcome = SimulationOutcome(
            levers: results, before: before, after: after, hasProfit: metrics.profit != nil,
            projectedRevenue: revenue, projectedProfit: profit, active: active)
        if resegment && !levers.isEmpty {
            outcome.projected = try projectedSegmentation(
                metrics: metrics, revenue: revenue, profit: profit, active: active, segmentation: segmentation)
        }
        return outcome
    }

    /// The projected customers segmented again with the scenario's rules.
    static func projectedSegmentation(
        metrics: CustomerMetrics, revenue: [Int64], profit: [Int64], active: [Bool], segmentation: Segmentation
    ) throws(RequestError) -> ProjectedSegmentation {
        let kept = (0..<metrics.count).filter { active[$0] }
        func pick<T>(_ values: [T]?) -> [T]? { values.map { v in kept.map { v[$0] } } }
        let projectedMetrics = CustomerMetrics(
            revenue: kept.map { revenue[$0] },
            profit: metrics.profit == nil ? nil : kept.map { profit[$0] },
            orders: pick(metrics.orders), first: pick(metrics.first), last: pick(metrics.last),
            referenceDate: metrics.referenceDate)
        var tier = [UInt8](repeating: ProjectedSegmentation.dropped, count: metrics.count)
        guard !kept.isEmpty else { return ProjectedSegmentation(tier: tier, segmentation: nil, customers: kept) }
        let result = try Segmenter.segment(
            metrics: projectedMetrics, criteria: segmentation.criteria, rule: segmentation.rule)
        for (i, c) in kept.enumerated() { tier[c] = result.tier[i] }
        return ProjectedSegmentation(tier: tier, segmentation: result, customers: kept)
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

/// The customers after the levers, segmented again (dropped customers have no tier).
public struct ProjectedSegmentation: Sendable {
    public static let dropped: UInt8 = 255
    /// Per original customer: projected tier, or `dropped`.
    public var tier: [UInt8]
    /// The segmentation of the remaining customers (indices into `customers`).
    public var segmentation: Segmentation?
    /// Original indices of the remaining customers.
    public var customers: [Int]
}

public struct SimulationOutcome: Sendable {
    public var levers: [LeverResult]
    /// Per pre-lever tier.
    public var before: [TierTotals]
    public var after: [TierTotals]
    public var hasProfit: Bool
    public var projectedRevenue: [Int64]
    public var projectedProfit: [Int64]
    public var active: [Bool]
    public var projected: ProjectedSegmentation?

    public var totalBefore: TierTotals { before.reduce(TierTotals(), +) }
    public var totalAfter: TierTotals { after.reduce(TierTotals(), +) }
}
