import Dispatch

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
            // Tier t holds positions ends[t - 1]..<ends[t] of the order.
            var ends: [Int] = []
            var cumulative = 0
            for (t, share) in shares.enumerated() {
                cumulative += share
                ends.append(t == shares.count - 1 ? n : n * cumulative / 100)
            }
            return finish(ranking, tier: &tier, tierOfPosition: ends, metrics: metrics, criteria: criteria, rule: rule, scaling: scaling)
        case .valueShare(let basis, let shares):
            let values = try basis.values(in: metrics)
            var total: Int128 = 0
            for v in values where v > 0 { total += Int128(v) }
            // A customer whose revenue before it is below share% of the total is in that
            // share's tier (the customer who crosses a line belongs to the upper tier):
            // before × 100 < total × cumulative ⟺ before < ⌈total × cumulative / 100⌉, as
            // `before` is a whole number, so the loop compares without multiplying.
            var thresholds: [Int128] = []
            var cumulative = 0
            for share in shares.dropLast() {
                cumulative += share
                let line = total * Int128(cumulative)
                thresholds.append((line + 99) / 100)
            }
            // Where each tier's positive customers end along the order: one read-only pass
            // (the tiers are written by position on two threads in `finish`).
            var ends: [Int] = []
            values.withUnsafeBufferPointer { values in
                order.withUnsafeBufferPointer { o in
                    var before: Int128 = 0
                    for position in 0..<n {
                        let v = values[Int(o[position])]
                        guard v > 0 else { continue }
                        // `before` only grows along the order, so the tier only moves down.
                        while ends.count < thresholds.count && before >= thresholds[ends.count] { ends.append(position) }
                        before += Int128(v)
                    }
                }
            }
            while ends.count < shares.count { ends.append(n) }
            return finish(
                ranking, tier: &tier, tierOfPosition: ends, positive: values, metrics: metrics, criteria: criteria,
                rule: rule, scaling: scaling)
        }
        return finish(
            ranking, tier: &tier, tierOfPosition: nil, metrics: metrics, criteria: criteria, rule: rule, scaling: scaling,
            limits: limits)
    }

    /// The ranks (and, given `ends`, the tiers by position: customers without a positive
    /// value among `values` in the last tier), on two threads for large inputs: `order` is a
    /// permutation, so each thread writes other customers' entries.
    private static func finish(
        _ ranking: Ranking, tier: inout [UInt8], tierOfPosition ends: [Int]?, positive values: [Int64]? = nil,
        metrics: CustomerMetrics,
        criteria: [WeightedCriterion], rule: TieringRule, scaling: Scaling, limits: ComputedLimits? = nil
    ) -> Segmentation {
        let n = metrics.count, order = ranking.order
        let rank = [UInt32](unsafeUninitializedCapacity: n) { rank, count in
            order.withUnsafeBufferPointer { o in
                tier.withUnsafeMutableBufferPointer { tier in
                    (values ?? []).withUnsafeBufferPointer { values in
                        let job = RankJob(order: o, rank: rank, tier: tier, ends: ends ?? [], values: values)
                        let workers = n >= RadixSort.parallelThreshold ? 2 : 1
                        let chunk = (n + workers - 1) / workers
                        DispatchQueue.concurrentPerform(iterations: workers) { w in
                            job.run(from: w * chunk, to: min(n, (w + 1) * chunk))
                        }
                    }
                }
            }
            count = n
        }
        let profile = TierProfile(metrics: metrics, rule: rule, order: order, tier: tier, score: ranking.score)
        let result = Segmentation(
            rule: rule, criteria: criteria, scaling: scaling, order: order, rank: rank, tier: tier, score: ranking.score,
            profile: profile, computedLimits: limits)
        #if DEBUG
        result._checkInvariants()
        #endif
        return result
    }

    /// What the rank-writing threads share; each writes the entries of its own positions.
    private struct RankJob: @unchecked Sendable {
        let order: UnsafeBufferPointer<UInt32>
        let rank: UnsafeMutableBufferPointer<UInt32>
        let tier: UnsafeMutableBufferPointer<UInt8>
        /// Where each tier's positions end; empty when the tiers are set.
        let ends: [Int]
        /// When not empty, customers whose value is not positive go to the last tier.
        let values: UnsafeBufferPointer<Int64>

        func run(from start: Int, to end: Int) {
            for position in start..<end { rank[Int(order[position])] = UInt32(position + 1) }
            let last = UInt8(truncatingIfNeeded: ends.count - 1)
            var low = 0
            for (t, high) in ends.enumerated() {
                let from = max(low, start), to = min(high, end)
                if from < to {
                    if values.isEmpty {
                        for position in from..<to { tier[Int(order[position])] = UInt8(t) }
                    } else {
                        for position in from..<to {
                            let c = Int(order[position])
                            tier[c] = values[c] > 0 ? UInt8(t) : last
                        }
                    }
                }
                low = high
            }
        }
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
