import Foundation

/// The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie 2013):
/// a customer's purchase values vary around a mean whose distribution over customers follows
/// from p, q and γ. Fitted on customers with a repeat purchase day; formulas as `lifetimes`'
/// `GammaGammaFitter` (0.11.3), `gamma` being its `v`.
public struct GammaGammaModel: Sendable, Equatable {
    public var p: Double
    public var q: Double
    public var gamma: Double

    public init(p: Double, q: Double, gamma: Double) {
        self.p = p
        self.q = q
        self.gamma = gamma
    }

    /// E[value of a purchase | x repeat purchase days of mean value m]: the customer's mean
    /// shrunk towards the population's mean γp/(q − 1).
    public func expectedValue(frequency x: Double, meanValue m: Double) -> Double {
        let weight = p * x / (p * x + q - 1)
        return (1 - weight) * (gamma * p / (q - 1)) + weight * m
    }

    /// The fitted customers' x (as a Double and an index), m and log m.
    struct Customers: Sendable {
        var xs, logM, ms: [Double]
        var xIndex: [Int]
        var count: Int { xs.count }
    }

    /// The customers a fit needs with a repeat purchase day of positive mean value.
    public static let minimumCustomers = 10

    /// Maximum likelihood on the customers with x > 0 and m > 0 (BFGS on the log parameters,
    /// analytic gradient; each distinct x's gamma functions computed once per evaluation).
    public static func fit(frequency: [Int], meanValue: [Double]) throws(RequestError) -> ModelFit<GammaGammaModel> {
        var xs: [Double] = [], logM: [Double] = [], ms: [Double] = [], xIndex: [Int] = []
        for (x, m) in zip(frequency, meanValue) where x > 0 && m > 0 {
            xs.append(Double(x))
            ms.append(m)
            logM.append(log(m))
            xIndex.append(x)
        }
        guard xs.count >= minimumCustomers else {
            throw RequestError("the spend model needs at least \(minimumCustomers) customers with a repeat purchase day of positive value; this data has \(xs.count)")
        }
        let n = Double(xs.count)
        let maxX = xIndex.max() ?? 1
        let logX = (0...maxX).map { $0 == 0 ? 0 : log(Double($0)) }
        let meanM = ms.reduce(0, +) / n
        let data = Customers(xs: xs, logM: logM, ms: ms, xIndex: xIndex)
        let objective: Minimizer.Objective = { theta in
            let p = exp(theta[0]), q = exp(theta[1]), v = exp(theta[2])
            let lgQ = lg(q), psiQ = SpecialFunctions.digamma(q), logV = log(v)
            var lgPX = [Double](repeating: 0, count: maxX + 1), dPX = lgPX, psiPXQ = lgPX
            for x in 1...maxX {
                let px = p * Double(x)
                lgPX[x] = lg(px + q) - lg(px)
                let psi = SpecialFunctions.digamma(px + q)
                psiPXQ[x] = psi
                dPX[x] = psi - SpecialFunctions.digamma(px)
            }
            let sums = PartialSums.sum(count: data.count, width: 4) { [lgPX, dPX, psiPXQ] range in
                var ll = 0.0, gp = 0.0, gq = 0.0, gv = 0.0
                for i in range {
                    let x = data.xIndex[i], xd = data.xs[i], px = p * xd, m = data.ms[i], logM = data.logM[i]
                    let logXMV = log(xd * m + v)
                    ll += lgPX[x] - lgQ + q * logV + (px - 1) * logM + px * logX[x] - (px + q) * logXMV
                    gp += xd * (dPX[x] + logM + logX[x] - logXMV)
                    gq += psiPXQ[x] - psiQ + logV - logXMV
                    gv += q / v - (px + q) / (xd * m + v)
                }
                return [ll, gp, gq, gv]
            }
            let ll = sums[0], gp = sums[1], gq = sums[2], gv = sums[3]
            guard ll.isFinite, gp.isFinite, gq.isFinite, gv.isFinite else { return nil }
            return (-ll / n, [-gp * p / n, -gq * q / n, -gv * v / n])
        }
        guard let result = Minimizer().minimize(objective, from: [0, 0, log(meanM)]) else {
            throw RequestError("the spend model's fit did not converge: purchase values may not vary enough between customers")
        }
        let params = result.x.map(exp)
        guard params.allSatisfy({ $0.isFinite && $0 < 1e10 && $0 > 1e-10 }) else {
            throw RequestError("the spend model's fit did not converge: a parameter ran off to \(params.contains { $0 >= 1e10 } ? "infinity" : "zero")")
        }
        return ModelFit(
            model: GammaGammaModel(p: params[0], q: params[1], gamma: params[2]), logLikelihood: -result.value * n,
            customers: xs.count, iterations: result.iterations, evaluations: result.evaluations)
    }
}
