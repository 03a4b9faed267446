/// The ABC curve of a value (revenue, profit): customers sorted by the value, largest first,
/// with effort x = k/n (share of customers) against yield = the share of the total value the
/// first k hold. Values ≤ 0 count as 0, so the curve rises from (0, 0) to (1, 1) and is
/// concave; with no positive value it stays at 0.
///
/// Both the computed ABC limits and the Pareto chart read this one curve: the limits sample
/// it on their grid, the chart at its own points.
public struct ABCCurve: Sendable, Equatable {
    /// The values, largest first, negatives as 0.
    public let sortedValues: [Int64]
    /// The sum of `sortedValues`, exact.
    public let total: Int128
    /// The curve's points: `yields[k]` is the share of `total` held by the k largest values,
    /// k = 0…n (`yields[0]` = 0, `yields[n]` = 1); all 0 when `total` is 0.
    public let yields: [Double]

    /// The curve of `values`, in any order.
    public init(values: [Int64]) {
        sortedValues = values.map { max(0, $0) }.sorted(by: >)
        let total = sortedValues.reduce(Int128(0)) { $0 + Int128($1) }
        self.total = total
        var yields = [Double](repeating: 0, count: sortedValues.count + 1)
        if total > 0 {
            var running: Int128 = 0
            for (k, v) in sortedValues.enumerated() {
                running += Int128(v)
                yields[k + 1] = Double(running) / Double(total)
            }
        }
        self.yields = yields
        #if DEBUG
        _checkInvariants()
        #endif
    }

    /// Customers on the curve.
    public var count: Int { sortedValues.count }

    /// The yield at effort `x` (0…1), linear between the curve's points, and exactly the
    /// point's yield at x = k/n.
    public func yield(atEffort x: Double) -> Double {
        let n = count
        let position = min(1, max(0, x)) * Double(n)
        let i = Int(position.rounded(.down))
        guard i < n else { return yields[n] }
        return yields[i] + (position - Double(i)) * (yields[i + 1] - yields[i])
    }

    /// The yields at efforts k/samples, k = 0…samples.
    public func sampled(_ samples: Int) -> [Double] {
        (0...samples).map { yield(atEffort: Double($0) / Double(samples)) }
    }

    /// The slope (yield per unit of effort) of the segment under effort `x`: segment k covers
    /// efforts ((k − 1)/n, k/n], and x = 0 takes the first. 0 on an empty curve.
    public func slope(atEffort x: Double) -> Double {
        let n = count
        guard n > 0 else { return 0 }
        let position = x * Double(n)
        let k = min(n, max(1, Int(position.rounded(.up))))
        return (yields[k] - yields[k - 1]) * Double(n)
    }

    /// The value at rank `rank` (1 = the largest), the rank clamped into 1…n. The curve must
    /// not be empty.
    public func value(atRank rank: Int) -> Int64 {
        sortedValues[min(count, max(1, rank)) - 1]
    }

    func _checkInvariants() {
        precondition(yields.count == sortedValues.count + 1 && yields[0] == 0, "the ABC curve starts at (0, 0)")
        precondition(zip(yields, yields.dropFirst()).allSatisfy { $0 <= $1 }, "the ABC curve never falls")
        precondition(total == 0 || yields[sortedValues.count] == 1, "the ABC curve ends at (1, 1)")
    }
}
