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
        var score = [Double](repeating: 0, count: metrics.count)
        for item in criteria {
            let values = try CriterionValues(item.criterion, in: metrics)
            switch scaling {
            case .minmax: values.addMinMax(item.weight, reversed: item.criterion.lowerIsBetter, into: &score)
            case .rank: values.addRanks(item.weight, reversed: item.criterion.lowerIsBetter, into: &score)
            }
        }
        return score
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
        guard let lo = doubles.min(), let hi = doubles.max(), lo != hi else { return nil }
        var norms = [Double](repeating: 0, count: metrics.count)
        values.addMinMax(1, reversed: criterion.lowerIsBetter, into: &norms)
        return (norms.reduce(0) { $0 + ($1 < limit ? 1 : 0) }, metrics.count)
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
        }
    }

    var asDoubles: [Double] {
        switch self {
        case .integers(let v): return v.map(Double.init)
        case .doubles(let v): return v
        }
    }

    func addMinMax(_ weight: Double, reversed: Bool, into score: inout [Double]) {
        switch self {
        case .integers(let values): Self.addMinMax(values, weight, reversed: reversed, into: &score)
        case .doubles(let values):
            guard let lo = values.min(), let hi = values.max(), hi != lo else { return }
            let range = hi - lo
            for i in values.indices { score[i] += weight * ((reversed ? hi - values[i] : values[i] - lo) / range) }
        }
    }

    static func addMinMax(_ values: [Int64], _ weight: Double, reversed: Bool, into score: inout [Double]) {
        guard let lo = values.min(), let hi = values.max(), hi != lo else { return }
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        values.withUnsafeBufferPointer { v in
            score.withUnsafeMutableBufferPointer { s in
                if !overflow {
                    // Every difference is within the span, so Int64 arithmetic is exact.
                    let range = Double(span)
                    if reversed {
                        for i in 0..<v.count { s[i] += weight * (Double(hi - v[i]) / range) }
                    } else {
                        for i in 0..<v.count { s[i] += weight * (Double(v[i] - lo) / range) }
                    }
                } else {
                    // Extreme values: differences in Int128.
                    let range = Double(Int128(hi) - Int128(lo))
                    for i in 0..<v.count {
                        let d = reversed ? Int128(hi) - Int128(v[i]) : Int128(v[i]) - Int128(lo)
                        s[i] += weight * (Double(d) / range)
                    }
                }
            }
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
