/// Places customers after the levers against the tier boundaries of the segmentation before
/// them, never re-ranking them among themselves, so a lever moves only the customers whose
/// own figures it changes (docs/levers.md#placing-customers-after-the-levers).
///
/// - Score tiering: a changed customer's score is recomputed on the pre-lever scales (min-max
///   with the same min and max, not clamped; or its mid-rank among the other customers'
///   values before). Each non-empty tier but the last has a boundary, its last customer
///   before the levers (score, id); the customer goes to the first tier whose boundary it
///   passes (a higher score, or an equal one and an id not after the boundary's), else to
///   the last tier.
/// - Value tiering: the same with the revenue or profit (never net of cost-to-serve); a value
///   ≤ 0 goes to the last tier. Computed limits: the limits before the levers.
/// - Unchanged customers keep their tier; dropped customers leave.
public enum Placement {
    public static func place(
        metrics: CustomerMetrics, segmentation: Segmentation, revenue: [Int64], profit: [Int64]?, active: [Bool],
        profileProfit: [Int64]?
    ) throws(RequestError) -> ProjectedSegmentation {
        let n = metrics.count
        let tierCount = segmentation.tierCount
        let last = UInt8(tierCount - 1)
        // Per customer: changed by a lever at all?
        func changed(_ c: Int) -> Bool {
            revenue[c] != metrics.revenue[c] || (profit != nil && metrics.profit != nil && profit?[c] != metrics.profit?[c])
        }
        var tier = segmentation.tier
        var score = segmentation.score
        // The boundary of each non-empty tier but the last: its last customer along the order.
        var boundary = [Int?](repeating: nil, count: tierCount)
        for c in segmentation.order { boundary[Int(segmentation.tier[Int(c)])] = Int(c) }
        boundary[Int(last)] = nil
        /// The first tier whose boundary `passes`, else the last.
        func placed(_ passes: (Int) -> Bool) -> UInt8 {
            for t in 0..<(tierCount - 1) {
                if let b = boundary[t], passes(b) { return UInt8(t) }
            }
            return last
        }

        switch segmentation.rule {
        case .countShare:
            let scales = try segmentation.criteria.map { item throws(RequestError) in
                CriterionScale(try CriterionValues(item.criterion, in: metrics), scaling: segmentation.scaling,
                               reversed: item.criterion.lowerIsBetter)
            }
            for c in 0..<n where active[c] && changed(c) {
                var p = 0.0
                for (item, scale) in zip(segmentation.criteria, scales) {
                    let (value, own) = projectedValue(item.criterion, c, metrics: metrics, revenue: revenue, profit: profit)
                    p += item.weight * scale.norm(of: value, own: own)
                }
                score[c] = p
                tier[c] = placed { b in p > segmentation.score[b] || (p == segmentation.score[b] && c <= b) }
            }
        case .valueShare(let basis, _):
            let before = try basis.values(in: metrics)
            let after = basis == .revenue ? revenue : (profit ?? before)
            for c in 0..<n where active[c] && changed(c) {
                let p = after[c]
                tier[c] = p <= 0 ? last : placed { b in p > before[b] || (p == before[b] && c <= b) }
            }
        case .computed(let basis):
            let before = try basis.values(in: metrics)
            let after = basis == .revenue ? revenue : (profit ?? before)
            if let limits = segmentation.computedLimits {
                for c in 0..<n where active[c] && changed(c) { tier[c] = limits.tier(of: after[c]) }
            }
        }
        for c in 0..<n where !active[c] { tier[c] = ProjectedSegmentation.dropped }
        return ProjectedSegmentation.make(
            metrics: metrics, segmentation: segmentation, tier: tier, score: score, revenue: revenue,
            profit: profileProfit, active: active)
    }

    /// A customer's value of `criterion` after the levers, and before.
    static func projectedValue(
        _ criterion: Criterion, _ c: Int, metrics: CustomerMetrics, revenue: [Int64], profit: [Int64]?
    ) -> (CriterionValue, CriterionValue) {
        let r = revenue[c], r0 = metrics.revenue[c]
        let p = profit?[c] ?? metrics.profit?[c] ?? 0, p0 = metrics.profit?[c] ?? 0
        func aov(_ revenue: Int64) -> Int64 {
            let o = metrics.orders?[c] ?? 0
            return o == 0 ? 0 : Int64(FixedPoint.divideRoundingHalfEven(Int128(revenue), Int128(o)))
        }
        func margin(_ p: Int64, _ r: Int64) -> Double { r <= 0 ? 0 : Double(p) / Double(r) }
        switch criterion {
        case .revenue: return (.integer(r), .integer(r0))
        case .profit: return (.integer(p), .integer(p0))
        case .aov: return (.integer(aov(r)), .integer(aov(r0)))
        case .margin: return (.double(margin(p, r)), .double(margin(p0, r0)))
        case .orders:
            let o = metrics.orders?[c] ?? 0
            return (.integer(o), .integer(o))
        case .recency:
            let v = metrics.referenceDate.flatMap { ref in metrics.last.map { Int64(ref) - Int64($0[c]) } } ?? 0
            return (.integer(v), .integer(v))
        case .tenure:
            let v = metrics.referenceDate.flatMap { ref in metrics.first.map { Int64(ref) - Int64($0[c]) } } ?? 0
            return (.integer(v), .integer(v))
        case .clv, .palive, .expectedOrders:
            // Forecasts describe customers before the levers: no lever changes them.
            let v = metrics.forecast?.value(criterion, c) ?? 0
            return (.double(v), .double(v))
        }
    }
}

/// The customers after the levers, placed against the fixed boundaries (dropped customers
/// have no tier).
public struct ProjectedSegmentation: Sendable {
    public static let dropped: UInt8 = 255
    /// Per original customer: the tier after the levers, or `dropped`.
    public var tier: [UInt8]
    /// Per original customer: 1-based position after the levers (tier, then score or value,
    /// then id), 0 when dropped.
    public var rank: [UInt32]
    /// The tier profile after the levers (the customers that stay, their projected figures).
    public var profile: TierProfile
    /// Original indices of the customers that stay.
    public var customers: [Int]

    static func make(
        metrics: CustomerMetrics, segmentation: Segmentation, tier: [UInt8], score: [Double], revenue: [Int64],
        profit: [Int64]?, active: [Bool]
    ) -> ProjectedSegmentation {
        let kept = (0..<metrics.count).filter { active[$0] }
        func pick<T>(_ values: [T]?) -> [T]? { values.map { v in kept.map { v[$0] } } }
        let keptMetrics = CustomerMetrics(
            revenue: kept.map { revenue[$0] }, profit: pick(profit), orders: pick(metrics.orders),
            first: pick(metrics.first), last: pick(metrics.last), referenceDate: metrics.referenceDate)
        let keptTier = kept.map { tier[$0] }
        let keptScore = kept.map { score[$0] }
        // Order: by tier, then by what ranks (score, or the tiering's value), then id.
        let keys: [UInt64]
        switch segmentation.rule {
        case .countShare: keys = keptScore.map(RadixSort.descendingKey)
        case .valueShare(let basis, _), .computed(let basis):
            let values = basis == .revenue ? keptMetrics.revenue : (keptMetrics.profit ?? keptMetrics.revenue)
            keys = values.map(RadixSort.descendingKey)
        }
        let byKey = RadixSort.sortedIndices(keys: keys)
        var counts = [Int](repeating: 0, count: segmentation.tierCount + 1)
        for t in keptTier { counts[Int(t) + 1] += 1 }
        for t in 1..<counts.count { counts[t] += counts[t - 1] }
        var order = [UInt32](repeating: 0, count: kept.count)
        for i in byKey {
            let t = Int(keptTier[Int(i)])
            order[counts[t]] = i
            counts[t] += 1
        }
        var rank = [UInt32](repeating: 0, count: metrics.count)
        for (position, i) in order.enumerated() { rank[kept[Int(i)]] = UInt32(position + 1) }
        let profile = TierProfile(metrics: keptMetrics, rule: segmentation.rule, order: order, tier: keptTier, score: keptScore)
        return ProjectedSegmentation(tier: tier, rank: rank, profile: profile, customers: kept)
    }
}
