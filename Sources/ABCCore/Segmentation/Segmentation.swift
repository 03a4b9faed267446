/// A tiering rule applied to customer metrics: every customer's score, rank and tier, and
/// the tier profile.
public struct Segmentation: Sendable {
    public let rule: TieringRule
    public let criteria: [WeightedCriterion]
    public let scaling: Scaling
    /// Customers best first: by score for count shares, by value for value shares.
    public let order: [UInt32]
    /// Per customer, 1-based position in `order`.
    public let rank: [UInt32]
    /// Per customer, 0 = A, 1 = B, …
    public let tier: [UInt8]
    /// Per customer weighted score.
    public let score: [Double]
    public let profile: TierProfile
    /// The limits found, for computed tiering.
    public var computedLimits: ComputedLimits? = nil

    public var tierCount: Int { rule.tierCount }
}

/// Segments customers (docs/segmentation.md#count-share-tiering, #value-share-tiering).
public enum Segmenter {
    public static func segment(
        metrics: CustomerMetrics, criteria: [WeightedCriterion], rule: TieringRule, scaling: Scaling = .minmax
    ) throws(RequestError) -> Segmentation {
        let ranking = try rank(metrics: metrics, criteria: criteria, rule: rule, scaling: scaling)
        return try tier(ranking, metrics: metrics, criteria: criteria, rule: rule, scaling: scaling)
    }

    /// Scores and the ranking order: by score (count shares) or by value (value shares).
    public struct Ranking: Sendable {
        public var score: [Double]
        public var order: [UInt32]
    }

    /// Normalise, score and rank every customer.
    public static func rank(
        metrics: CustomerMetrics, criteria: [WeightedCriterion], rule: TieringRule, scaling: Scaling = .minmax
    ) throws(RequestError) -> Ranking {
        if case .computed = rule {} else { try TieringRule.validate(shares: rule.shares) }
        let byScore = rule.valueBasis == nil
        let (score, keys) = try Scoring.scoresAndKeys(metrics: metrics, criteria: criteria, scaling: scaling, withKeys: byScore)
        switch rule {
        case .computed(let basis):
            let values = try basis.values(in: metrics)
            return Ranking(score: score, order: RadixSort.sortedIndices(keys: values.map(RadixSort.descendingKey)))
        case .countShare:
            // Ascending keys = descending score; the radix sort is stable and starts in
            // index (= id) order, so ties go by customer_id.
            return Ranking(score: score, order: RadixSort.sortedIndices(keys: keys))
        case .valueShare(let basis, _):
            let values = try basis.values(in: metrics)
            return Ranking(score: score, order: RadixSort.sortedIndices(keys: values.map(RadixSort.descendingKey)))
        }
    }

    /// Tiers along a ranking, the rank of every customer, and the tier profile.
    public static func tier(
        _ ranking: Ranking, metrics: CustomerMetrics, criteria: [WeightedCriterion], rule: TieringRule,
        scaling: Scaling = .minmax
    ) throws(RequestError) -> Segmentation {
        let n = metrics.count
        let order = ranking.order
        var tier = [UInt8](repeating: 0, count: n)
        var limits: ComputedLimits?
        switch rule {
        case .computed(let basis):
            let values = try basis.values(in: metrics)
            let computed = try ComputedLimits.compute(values)
            for c in 0..<n { tier[c] = computed.tier(of: values[c]) }
            limits = computed
        case .countShare(let shares):
            order.withUnsafeBufferPointer { o in
                tier.withUnsafeMutableBufferPointer { tier in
                    var start = 0
                    var cumulative = 0
                    for (t, share) in shares.enumerated() {
                        cumulative += share
                        let end = t == shares.count - 1 ? n : n * cumulative / 100
                        for position in start..<end { tier[Int(o[position])] = UInt8(t) }
                        start = end
                    }
                }
            }
        case .valueShare(let basis, let shares):
            let values = try basis.values(in: metrics)
            var total: Int128 = 0
            for v in values where v > 0 { total += Int128(v) }
            var before: Int128 = 0
            let last = UInt8(shares.count - 1)
            var lines: [Int128] = []
            var cumulative = 0
            for share in shares.dropLast() {
                cumulative += share
                lines.append(total * Int128(cumulative))
            }
            for position in 0..<n {
                let c = Int(order[position])
                let v = values[c]
                guard v > 0 else {
                    tier[c] = last
                    continue
                }
                // The customer who crosses a line belongs to the upper tier.
                let scaled = before * 100
                var t = last
                for (k, line) in lines.enumerated() where scaled < line {
                    t = UInt8(k)
                    break
                }
                tier[c] = t
                before += Int128(v)
            }
        }
        // `order` is a permutation, so every rank is written.
        let rank = [UInt32](unsafeUninitializedCapacity: n) { rank, count in
            order.withUnsafeBufferPointer { o in
                for position in 0..<n { rank[Int(o[position])] = UInt32(position + 1) }
            }
            count = n
        }
        let profile = TierProfile(metrics: metrics, rule: rule, order: order, tier: tier, score: ranking.score)
        let result = Segmentation(
            rule: rule, criteria: criteria, scaling: scaling, order: order, rank: rank, tier: tier, score: ranking.score, profile: profile,
            computedLimits: limits)
        #if DEBUG
        result._checkInvariants()
        #endif
        return result
    }
}

extension TieringRule.ValueBasis {
    /// Every customer's revenue or profit; an error naming what is missing when the data has no profit.
    public func values(in metrics: CustomerMetrics) throws(RequestError) -> [Int64] {
        switch self {
        case .revenue: return metrics.revenue
        case .profit:
            try metrics.require(.profit)
            return metrics.profit ?? []
        }
    }
}

extension Segmentation {
    /// Tiers are contiguous runs of `order`, tier numbers never decrease along it, `rank` is
    /// the inverse permutation of `order`, and the profile counts every customer once.
    func _checkInvariants() {
        var previous: UInt8 = 0
        for (position, c) in order.enumerated() {
            precondition(rank[Int(c)] == UInt32(position + 1), "rank is not the inverse of order")
            precondition(tier[Int(c)] >= previous, "tiers are not contiguous along the ranking")
            previous = tier[Int(c)]
        }
        precondition(profile.tiers.reduce(0) { $0 + $1.customers } == order.count)
    }
}
