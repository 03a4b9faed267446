/// BFGS on a smooth function of a few variables with an analytic gradient, then Newton steps
/// on a Hessian differenced from that gradient to settle the last digits.
///
/// Written by hand: no Swift package on this machine has an optimiser (swift-numerics has no
/// linear algebra or minimisation), and the models have four and three parameters.
struct Minimizer {
    /// f(x) and its gradient; f is nil where it is not finite.
    typealias Objective = ([Double]) -> (value: Double, gradient: [Double])?

    struct Result {
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var iterations: Int
        /// Evaluations of f and its gradient.
        var evaluations: Int
    }

    var maxIterations = 500
    /// Converged when every gradient component is below this.
    var gradientTolerance = 1e-9

    func minimize(_ objective: @escaping Objective, from start: [Double]) -> Result? {
        var evaluations = 0
        let f: Objective = { x in
            evaluations += 1
            return objective(x)
        }
        let n = start.count
        var x = start
        guard var (fx, g) = f(x) else { return nil }
        var h = Self.identity(n)
        var iterations = 0
        while iterations < maxIterations {
            if Self.maxAbs(g) < gradientTolerance { break }
            iterations += 1
            var direction = Self.multiply(h, g).map { -$0 }
            var slope = Self.dot(direction, g)
            if !(slope < 0) {  // not a descent direction: restart from steepest descent
                h = Self.identity(n)
                direction = g.map { -$0 }
                slope = Self.dot(direction, g)
            }
            // Backtracking (Armijo) line search. Near the minimum f's rounding hides the decrease
            // the slope promises: a step that keeps f within rounding and shrinks the gradient is
            // taken too.
            var step = 1.0
            var accepted: (x: [Double], value: Double, gradient: [Double])?
            for _ in 0..<40 {
                let candidate = zip(x, direction).map { $0 + step * $1 }
                if let (fc, gc) = f(candidate),
                   fc <= fx + 1e-4 * step * slope || (fc <= fx + 1e-13 * abs(fx) && Self.maxAbs(gc) < Self.maxAbs(g)) {
                    accepted = (candidate, fc, gc)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else { break }
            let s = zip(next.x, x).map { $0 - $1 }
            let y = zip(next.gradient, g).map { $0 - $1 }
            let sy = Self.dot(s, y)
            x = next.x
            let improvement = fx - next.value
            fx = next.value
            g = next.gradient
            if sy > 1e-300 {
                // The first step sets the scale of H (Nocedal & Wright, eq. 6.20).
                if iterations == 1 { h = Self.identity(n).map { $0.map { $0 * sy / Self.dot(y, y) } } }
                // H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ
                let rho = 1 / sy
                let hy = Self.multiply(h, y)
                let yhy = Self.dot(y, hy)
                for i in 0..<n {
                    for j in 0..<n {
                        h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
                    }
                }
            }
            if improvement == 0 && Self.maxAbs(s) == 0 { break }
        }
        // Newton polish, when BFGS stalled short of the tolerance: steps on the differenced Hessian.
        for _ in 0..<8 {
            if Self.maxAbs(g) < gradientTolerance { break }
            guard let hessian = Self.hessian(f, at: x), let step = Self.solve(hessian, g) else { break }
            let candidate = zip(x, step).map { $0 - $1 }
            guard let (fc, gc) = f(candidate), fc <= fx + 1e-12 * abs(fx), Self.maxAbs(gc) < Self.maxAbs(g) else { break }
            x = candidate
            fx = fc
            g = gc
            iterations += 1
        }
        guard Self.maxAbs(g) < gradientTolerance else { return nil }
        return Result(x: x, value: fx, gradient: g, iterations: iterations, evaluations: evaluations)
    }

    static func identity(_ n: Int) -> [[Double]] {
        (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    static func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] { m.map { dot($0, v) } }

    static func maxAbs(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }

    /// Central differences of the gradient, symmetrised.
    static func hessian(_ f: Objective, at x: [Double]) -> [[Double]]? {
        let n = x.count
        var columns: [[Double]] = []
        for j in 0..<n {
            let e = 1e-5 * max(1, abs(x[j]))
            var plus = x, minus = x
            plus[j] += e
            minus[j] -= e
            guard let gp = f(plus)?.gradient, let gm = f(minus)?.gradient else { return nil }
            columns.append(zip(gp, gm).map { ($0 - $1) / (2 * e) })
        }
        return (0..<n).map { i in (0..<n).map { j in (columns[i][j] + columns[j][i]) / 2 } }
    }

    /// Solves m·x = v by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ m: [[Double]], _ v: [Double]) -> [Double]? {
        let n = v.count
        var a = m, b = v
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), a[pivot][col] != 0 else { return nil }
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<n {
                let factor = a[row][col] / a[col][col]
                for k in col..<n { a[row][k] -= factor * a[col][k] }
                b[row] -= factor * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}
