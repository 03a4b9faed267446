import Dispatch

/// How a criterion's values become normalised values in [0, 1] (docs/segmentation.md#scoring).
public enum Scaling: String, Sendable, Equatable, CaseIterable {
    /// (x − min) / (max − min): the reference semantics.
    case minmax
    /// Mid-rank / (N − 1): customers with a smaller value plus half the others with an equal
    /// one, so a weight means the same on skewed data.
    case rank
}

/// Weighted scores (docs/segmentation.md#scoring).
public enum Scoring {
    /// score = Σ weightᵢ × normᵢ, left to right. Min-max: normᵢ = Double(x − min) /
    /// Double(max − min) with the difference taken in exact integers (0 when max == min);
    /// rank: mid-rank / (N − 1). Reversed for recency.
    public static func scores(
        metrics: CustomerMetrics, criteria: [WeightedCriterion], scaling: Scaling = .minmax
    ) throws(RequestError) -> [Double] {
        try scoresAndKeys(metrics: metrics, criteria: criteria, scaling: scaling, withKeys: false).score
    }

    /// The scores and, `withKeys`, each score's `RadixSort.descendingKey` for ranking.
    ///
    /// Min-max scores are summed a block of customers at a time, every criterion into the
    /// block while it is in L1, on two threads for large inputs: one pass over memory instead
    /// of one per criterion (issue 16). Each score is still 0 + w₁n₁ + w₂n₂ + … in that order.
    static func scoresAndKeys(
        metrics: CustomerMetrics, criteria: [WeightedCriterion], scaling: Scaling, withKeys: Bool
    ) throws(RequestError) -> (score: [Double], keys: [UInt64]) {
        let n = metrics.count
        var columns: [CriterionValues] = []
        for item in criteria { columns.append(try CriterionValues(item.criterion, in: metrics)) }
        if scaling == .rank {
            var score = [Double](repeating: 0, count: n)
            for (item, values) in zip(criteria, columns) {
                values.addRanks(item.weight, reversed: item.criterion.lowerIsBetter, into: &score)
            }
            return (score, withKeys ? score.map(RadixSort.descendingKey) : [])
        }
        let terms = zip(criteria, columns).compactMap { item, values in
            MinMaxTerm(values, weight: item.weight, reversed: item.criterion.lowerIsBetter)
        }
        var score = [Double](unsafeUninitializedCapacity: n) { _, count in count = n }
        var keys = withKeys ? [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n } : []
        score.withUnsafeMutableBufferPointer { s in
            keys.withUnsafeMutableBufferPointer { k in
                let job = ScoreBlocks(terms: terms, score: s, keys: withKeys ? k : nil)
                let workers = n >= RadixSort.parallelThreshold ? 2 : 1
                let chunk = (n + workers - 1) / workers
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    job.run(from: w * chunk, to: min(n, (w + 1) * chunk))
                }
            }
        }
        return (score, keys)
    }

    /// The blocked min-max accumulation of `scoresAndKeys`, shared by its threads: each
    /// writes only its own range of customers.
    private struct ScoreBlocks: @unchecked Sendable {
        let terms: [MinMaxTerm]
        let score: UnsafeMutableBufferPointer<Double>
        let keys: UnsafeMutableBufferPointer<UInt64>?
        /// 4,096 scores (32 KB) stay in L1 while every criterion adds to them.
        static let block = 4096

        func run(from start: Int, to end: Int) {
            var low = start
            while low < end {
                let block = low..<min(end, low + Self.block)
                for i in block { score[i] = 0 }
                for term in terms { term.add(into: score, block) }
                if let keys { for i in block { keys[i] = RadixSort.descendingKey(score[i]) } }
                low = block.upperBound
            }
        }
    }
}

extension Scoring {
    /// How many of the customers min-max puts below `limit` on `criterion` (heavy tails put
    /// most customers near 0 and let one outlier set the scale); nil when every customer has
    /// the same value (the criterion then adds nothing to any score).
    public static func minMaxBelow(
        _ limit: Double, criterion: Criterion, metrics: CustomerMetrics
    ) throws(RequestError) -> (below: Int, of: Int)? {
        let values = try CriterionValues(criterion, in: metrics)
        let doubles = values.asDoubles
        guard let lo = doubles.min(), let hi = doubles.max(), lo != hi,
            let term = MinMaxTerm(values, weight: 1, reversed: criterion.lowerIsBetter)
        else { return nil }
        var norms = [Double](repeating: 0, count: metrics.count)
        norms.withUnsafeMutableBufferPointer { term.add(into: $0, 0..<metrics.count) }
        return (norms.reduce(0) { $0 + ($1 < limit ? 1 : 0) }, metrics.count)
    }
}

/// One criterion's min-max contribution, weight × norm, with its min and max found once.
struct MinMaxTerm {
    enum Scale {
        /// max − min fits Int64, so every difference is exact in Int64.
        case exact(values: [Int64], lo: Int64, hi: Int64)
        /// Extreme values: differences in Int128.
        case wide(values: [Int64], lo: Int128, hi: Int128)
        case doubles(values: [Double], lo: Double, hi: Double)
    }

    let scale: Scale
    let range: Double
    let weight: Double
    let reversed: Bool

    /// Nil when max == min: the criterion adds nothing (not even a −0 to a score of +0).
    init?(_ values: CriterionValues, weight: Double, reversed: Bool) {
        self.weight = weight
        self.reversed = reversed
        switch values {
        case .integers(let v):
            guard let (lo, hi) = Self.bounds(v), hi != lo else { return nil }
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            if overflow {
                scale = .wide(values: v, lo: Int128(lo), hi: Int128(hi))
                range = Double(Int128(hi) - Int128(lo))
            } else {
                scale = .exact(values: v, lo: lo, hi: hi)
                range = Double(span)
            }
        case .doubles(let v):
            guard let (lo, hi) = Self.bounds(v), hi != lo else { return nil }
            scale = .doubles(values: v, lo: lo, hi: hi)
            range = hi - lo
        }
    }

    /// The values `min()` and `max()` return, found in one pass.
    static func bounds<T: Comparable>(_ values: [T]) -> (T, T)? {
        values.withUnsafeBufferPointer { v in
            guard var lo = v.first else { return nil }
            var hi = lo
            // As selects (the same comparisons as min() and max()), which vectorise.
            for x in v {
                lo = x < lo ? x : lo
                hi = hi < x ? x : hi
            }
            return (lo, hi)
        }
    }

    /// score[i] += weight × norm(i) for the customers in `block`.
    func add(into score: UnsafeMutableBufferPointer<Double>, _ block: Range<Int>) {
        let weight = weight, range = range
        switch scale {
        case .exact(let values, let lo, let hi):
            values.withUnsafeBufferPointer { v in
                if reversed {
                    for i in block { score[i] += weight * (Double(hi - v[i]) / range) }
                } else {
                    for i in block { score[i] += weight * (Double(v[i] - lo) / range) }
                }
            }
        case .wide(let values, let lo, let hi):
            values.withUnsafeBufferPointer { v in
                for i in block {
                    let d = reversed ? hi - Int128(v[i]) : Int128(v[i]) - lo
                    score[i] += weight * (Double(d) / range)
                }
            }
        case .doubles(let values, let lo, let hi):
            values.withUnsafeBufferPointer { v in
                for i in block { score[i] += weight * ((reversed ? hi - v[i] : v[i] - lo) / range) }
            }
        }
    }
}

/// One criterion's values: exact integers, or Doubles for margin.
enum CriterionValues {
    case integers([Int64])
    case doubles([Double])

    init(_ criterion: Criterion, in metrics: CustomerMetrics) throws(RequestError) {
        try metrics.require(criterion)
        switch criterion {
        case .revenue: self = .integers(metrics.revenue)
        case .profit: self = .integers(metrics.profit ?? [])
        case .orders: self = .integers(metrics.orders ?? [])
        case .aov: self = .integers(metrics.aov ?? [])
        case .recency: self = .integers(metrics.recency ?? [])
        case .tenure: self = .integers(metrics.tenure ?? [])
        case .margin: self = .doubles(metrics.margin ?? [])
        case .clv: self = .doubles(metrics.forecast?.lifetimeValue ?? [])
        case .palive: self = .doubles(metrics.forecast?.probabilityAlive ?? [])
        case .expectedOrders: self = .doubles(metrics.forecast?.expectedOrders ?? [])
        }
    }

    var asDoubles: [Double] {
        switch self {
        case .integers(let v): return v.map(Double.init)
        case .doubles(let v): return v
        }
    }

/// Adds weight × mid-rank / (N − 1): with the values sorted, a run of k equal values
    /// starting after `less` smaller ones has mid-rank less + (k − 1)/2 (greater + … reversed).
    func addRanks(_ weight: Double, reversed: Bool, into score: inout [Double]) {
        let n = score.count
        guard n > 1 else { return }
        let order: [UInt32]
        switch self {
        case .integers(let v): order = RadixSort.sortedIndices(keys: v.map { UInt64(bitPattern: $0) ^ (1 << 63) })
        case .doubles(let v): order = RadixSort.sortedIndices(keys: v.map { ~RadixSort.descendingKey($0) })
        }
        let values = asDoubles
        let denominator = Double(2 * (n - 1))
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && values[Int(order[end])] == values[Int(order[start])] { end += 1 }
            let k = end - start
            let below = reversed ? n - end : start
            let norm = Double(2 * below + k - 1) / denominator
            for position in start..<end { score[Int(order[position])] += weight * norm }
            start = end
        }
    }
}

/// A criterion's scale as it was before the levers, to place a changed value on it:
/// min-max with the same min and max (not clamped), or the value's mid-rank among the other
/// customers' values (docs/levers.md#placing-customers-after-the-levers).
struct CriterionScale {
    let scaling: Scaling
    let reversed: Bool
    /// Sorted values (rank), or [min, max] (min-max).
    let sorted: [Double]
    let lo: Int128, hi: Int128
    let isInteger: Bool

    init(_ values: CriterionValues, scaling: Scaling, reversed: Bool) {
        self.scaling = scaling
        self.reversed = reversed
        let doubles = values.asDoubles
        // A radix sort: 1M values in a few milliseconds (a comparison sort takes ten times longer).
        sorted = scaling == .rank ? RadixSort.sortedIndices(keys: doubles.map { ~RadixSort.descendingKey($0) }).map { doubles[Int($0)] } : []
        if case .integers(let v) = values {
            lo = Int128(v.min() ?? 0)
            hi = Int128(v.max() ?? 0)
            isInteger = true
        } else {
            lo = 0
            hi = 0
            isInteger = false
        }
        minDouble = doubles.min() ?? 0
        maxDouble = doubles.max() ?? 0
    }

    private let minDouble: Double, maxDouble: Double

    /// The normalised value of `value` for a customer whose value before was `own`.
    func norm(of value: CriterionValue, own: CriterionValue) -> Double {
        switch scaling {
        case .minmax:
            if case .integer(let x) = value, isInteger {
                guard hi != lo else { return 0 }
                let d = reversed ? hi - Int128(x) : Int128(x) - lo
                return Double(d) / Double(hi - lo)
            }
            guard maxDouble != minDouble else { return 0 }
            let x = value.double
            return (reversed ? maxDouble - x : x - minDouble) / (maxDouble - minDouble)
        case .rank:
            let n = sorted.count
            guard n > 1 else { return 0 }
            let x = value.double, mine = own.double
            var less = lowerBound(x), equal = upperBound(x) - less
            // Among the others: leave the customer's own value before out.
            if mine < x { less -= 1 } else if mine == x { equal -= 1 }
            let greater = (n - 1) - less - equal
            return Double(2 * (reversed ? greater : less) + equal) / Double(2 * (n - 1))
        }
    }

    private func lowerBound(_ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let m = (lo + hi) / 2; if sorted[m] < x { lo = m + 1 } else { hi = m } }
        return lo
    }

    private func upperBound(_ x: Double) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi { let m = (lo + hi) / 2; if sorted[m] <= x { lo = m + 1 } else { hi = m } }
        return lo
    }
}

enum CriterionValue {
    case integer(Int64)
    case double(Double)

    var double: Double {
        switch self {
        case .integer(let v): return Double(v)
        case .double(let v): return v
        }
    }
}
