/// Weighted min-max scores (docs/segmentation.md#scoring).
public enum Scoring {
    /// score = Σ weightᵢ × normᵢ, left to right; normᵢ = Double(x − min) / Double(max − min)
    /// with the difference taken in exact integers (0 when max == min), reversed for recency.
    public static func scores(
        metrics: CustomerMetrics, criteria: [WeightedCriterion]
    ) throws(RequestError) -> [Double] {
        var score = [Double](repeating: 0, count: metrics.count)
        for item in criteria {
            try metrics.require(item.criterion)
            switch item.criterion {
            case .revenue: addNormalised(metrics.revenue, item.weight, reversed: false, into: &score)
            case .profit: addNormalised(metrics.profit!, item.weight, reversed: false, into: &score)
            case .orders: addNormalised(metrics.orders!, item.weight, reversed: false, into: &score)
            case .aov: addNormalised(metrics.aov!, item.weight, reversed: false, into: &score)
            case .recency: addNormalised(metrics.recency!, item.weight, reversed: true, into: &score)
            case .tenure: addNormalised(metrics.tenure!, item.weight, reversed: false, into: &score)
            case .margin: addNormalised(metrics.margin!, item.weight, into: &score)
            }
        }
        return score
    }

    static func addNormalised(_ values: [Int64], _ weight: Double, reversed: Bool, into score: inout [Double]) {
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

    static func addNormalised(_ values: [Double], _ weight: Double, into score: inout [Double]) {
        guard let lo = values.min(), let hi = values.max(), hi != lo else { return }
        let range = hi - lo
        for i in values.indices { score[i] += weight * ((values[i] - lo) / range) }
    }
}
