/// Computed ABC limits (Ultsch & Lötsch 2015, "Computed ABC Analysis for Rational Selection
/// of Most Informative Variables in Multivariate Data", PLOS ONE 10(6): e0129767), as the R
/// package ABCanalysis and its Python port `abc-analysis` compute them.
///
/// The ABC curve of the values (`ABCCurve`: negative values count as 0) is effort x = i/n
/// against yield = cumulative share, sampled on a grid of 101 points (fewer than 101
/// customers) or 1001.
/// Interpolation: **linear** between the curve's points — exact for the piecewise-linear
/// curve that the data define. (`abc-analysis` fits an interpolating cubic spline instead;
/// on smooth data both give the same grid points to a fraction of a percent, so the limits
/// agree; see Tests/Fixtures/computed-abc/README.md.) On the grid:
/// - the Pareto point is the grid point nearest to (0, 1);
/// - the break-even point is where the curve's slope is nearest to 1, the last such point (the
///   slope sampled at (j + 1)/(points), as the reference implementation samples its derivative);
/// - the A|B boundary is whichever of the two has the smaller effort, the other is "B";
/// - the B|C boundary is the grid point nearest to (B's effort, 1).
/// Limits in value: the values of the customers at rank round(effort × n). Classes by value:
/// A above the A|B limit (strictly), C below the B|C limit, B between — ties never split.
public struct ComputedLimits: Sendable, Equatable {
    /// Values at the A|B and B|C boundaries (units).
    public var abLimit: Int64
    public var bcLimit: Int64
    /// Efforts (shares of customers) of the A|B and B|C points on the grid.
    public var abEffort: Double
    public var bcEffort: Double
    /// Whether break-even came before Pareto (the two points were exchanged).
    public var exchanged: Bool

    /// The fewest customers an ABC curve has limits for.
    public static let minimumCustomers = 3

    /// Whether limits can be computed for `values` (of `what`: `revenue`, `profit`): at least
    /// `minimumCustomers` customers, and some positive value; the error says how many there are.
    public static func check(_ values: [Int64], of what: String = "value") throws(RequestError) {
        let n = values.count
        guard n >= minimumCustomers else {
            throw RequestError(
                "computed ABC limits need at least \(minimumCustomers) customers, and there \(n == 1 ? "is" : "are") \(n)")
        }
        guard values.contains(where: { $0 > 0 }) else {
            throw RequestError("computed ABC limits need customers with a positive \(what), and none of the \(n) has one")
        }
    }

    /// Computes the limits for `values` (any order).
    public static func compute(_ values: [Int64]) throws(RequestError) -> ComputedLimits {
        let n = values.count
        try check(values)
        let curve = ABCCurve(values: values)
        guard curve.total > 0 else { throw RequestError("computed ABC limits need some positive values") }
        let grid = n < 101 ? 100 : 1000
        var effort = [Double](repeating: 0, count: grid + 1)
        var yield = [Double](repeating: 0, count: grid + 1)
        var slope = [Double](repeating: 0, count: grid + 1)
        for j in 0...grid {
            let x = Double(j) / Double(grid)
            effort[j] = x
            yield[j] = min(1, max(0, curve.yield(atEffort: x)))
            // The slope one grid step further on, as the reference implementation samples it.
            slope[j] = curve.slope(atEffort: Double(j + 1) / Double(grid + 1))
        }
        func nearest(to point: (Double, Double)) -> Int {
            var best = 0
            var bestDistance = Double.infinity
            for j in 0...grid {
                let dx = effort[j] - point.0, dy = yield[j] - point.1
                let d = dx * dx + dy * dy
                if d < bestDistance { bestDistance = d; best = j }
            }
            return best
        }
        let pareto = nearest(to: (0, 1))
        var breakEven = 0
        var bestGap = Double.infinity
        for j in 0...grid {
            let gap = abs(slope[j] - 1)
            if gap <= bestGap { bestGap = gap; breakEven = j }
        }
        let exchanged = effort[breakEven] < effort[pareto]
        let a = exchanged ? breakEven : pareto
        let b = exchanged ? pareto : breakEven
        let c = nearest(to: (effort[b], 1))
        func limit(_ e: Double) -> Int64 {
            // round half to even, as the reference implementation's Python round() does
            curve.value(atRank: Int((e * Double(n)).rounded(.toNearestOrEven)))
        }
        return ComputedLimits(abLimit: limit(effort[a]), bcLimit: limit(effort[c]), abEffort: effort[a],
                              bcEffort: effort[c], exchanged: exchanged)
    }

    /// The class of a value: 0 = A, 1 = B, 2 = C.
    @inline(__always)
    public func tier(of value: Int64) -> UInt8 {
        value > abLimit ? 0 : value >= bcLimit ? 1 : 2
    }
}
