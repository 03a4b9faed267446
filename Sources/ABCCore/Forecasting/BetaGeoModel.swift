import Foundation

/// The BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
/// Way"): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α), and after each
/// purchase leaves with probability p ~ Beta(a, b). Times in days. The formulas are those of
/// `lifetimes`' `BetaGeoFitter` (0.11.3), which the tests hold this to.
public struct BetaGeoModel: Sendable, Equatable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// P(alive | x, tₓ, T); 1 for customers without a repeat purchase, as in `lifetimes`.
    public func probabilityAlive(frequency x: Double, recency tx: Double, age T: Double) -> Double {
        guard x > 0 else { return 1 }
        let logDiv = (r + x) * log((alpha + T) / (alpha + tx)) + log(a / (b + x - 1))
        return 1 / (1 + exp(logDiv))
    }

    /// E[purchases in (T, T + t] | x, tₓ, T]; nil when the hypergeometric series does not settle.
    ///
    /// `lifetimes` writes the series as ₂F₁(r+x, b+x; a+b+x−1; z)·(1−z)^(r+x) with
    /// z = t/(α+T+t); Euler's transformation turns it into (1−z)^(a−1)·₂F₁(a+b−1−r, a−1;
    /// a+b+x−1; z), the same value, whose terms shrink at once however large x is.
    public func expectedPurchases(in t: Double, frequency x: Double, recency tx: Double, age T: Double) -> Double? {
        guard t > 0 else { return 0 }
        let z = t / (alpha + T + t)
        guard let series = SpecialFunctions.hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z) else { return nil }
        let first = (a + b + x - 1) / (a - 1)
        let second = 1 - series * pow((alpha + T) / (alpha + T + t), a - 1)
        let denominator = 1 + (x > 0 ? (a / (b + x - 1)) * pow((alpha + T) / (alpha + tx), r + x) : 0)
        return first * second / denominator
    }

    /// Expected purchases over `months` 30-day months, and the same with each month's purchases
    /// discounted by (1 + discount)^month (`lifetimes`' `customer_lifetime_value` before the
    /// spend and margin); nil when a month's series does not settle.
    public func discountedPurchases(
        months: Int, discount: Double, frequency x: Double, recency tx: Double, age T: Double
    ) -> (expected: Double, discounted: Double)? {
        var previous = 0.0, sum = 0.0
        for month in stride(from: 1, through: months, by: 1) {
            guard let e = expectedPurchases(in: Double(month) * 30, frequency: x, recency: tx, age: T) else { return nil }
            sum += (e - previous) / pow(1 + discount, Double(month))
            previous = e
        }
        return (previous, sum)
    }

    /// P(X(t) = n): the chance that a new customer makes n repeat purchases in t days (eq. 8
    /// of the paper; `lifetimes`' `probability_of_n_purchases_up_to_time`).
    public func probabilityOfPurchases(_ n: Int, in t: Double) -> Double {
        let x = Double(n)
        let logBetaAB = Self.logBeta(a, b)
        let share = alpha / (alpha + t), rest = t / (alpha + t)
        let logFirst: Double = Self.logBeta(a, b + x) - logBetaAB + lg(r + x) - lg(r) - lg(x + 1)
        let logPowers: Double = r * log(share) + (n == 0 ? 0 : x * log(rest))
        let first = exp(logFirst + logPowers)
        guard n > 0 else { return first }
        var partial = 0.0
        for j in 0..<n {
            let jd = Double(j)
            partial += exp(lg(r + jd) - lg(r) - lg(jd + 1) + (j == 0 ? 0 : jd * log(rest)))
        }
        let second = exp(Self.logBeta(a + 1, b + x - 1) - logBetaAB) * (1 - pow(share, r) * partial)
        return first + second
    }

    static func logBeta(_ x: Double, _ y: Double) -> Double { lg(x) + lg(y) - lg(x + y) }
}

/// Customers sharing (x, tₓ, T) and how many they are: the likelihood and the predictions are
/// evaluated once per group.
public struct HistoryGroups: Sendable {
    public var frequency: [Int] = []
    public var recency: [Double] = []
    public var age: [Double] = []
    public var count: [Double] = []
    /// Each customer's group (−1: not a buyer).
    public var groupOf: [Int32] = []

    public init(frequency: [Int], recency: [Double], age: [Double], include: [Bool]? = nil) {
        struct Key: Hashable { let x: Int; let tx: UInt64; let T: UInt64 }
        var index: [Key: Int32] = [:]
        index.reserveCapacity(min(frequency.count, 1 << 16))
        groupOf = [Int32](repeating: -1, count: frequency.count)
        for i in 0..<frequency.count where include?[i] ?? true {
            let key = Key(x: frequency[i], tx: recency[i].bitPattern, T: age[i].bitPattern)
            if let g = index[key] {
                count[Int(g)] += 1
                groupOf[i] = g
            } else {
                let g = Int32(self.frequency.count)
                index[key] = g
                self.frequency.append(frequency[i])
                self.recency.append(recency[i])
                self.age.append(age[i])
                count.append(1)
                groupOf[i] = g
            }
        }
    }

    /// Whole days, as a purchase history has them: the key packs x, tₓ and T into 64 bits
    /// (customers whose figures do not fit are keyed by the general form).
    public init(frequency: [Int32], recency: [Int32], age: [Int32], include: [Bool]) {
        var index: [UInt64: Int32] = [:]
        index.reserveCapacity(min(frequency.count, 1 << 20))
        groupOf = [Int32](repeating: -1, count: frequency.count)
        var wide: [Int] = []
        for i in 0..<frequency.count where include[i] {
            let x = frequency[i], tx = recency[i], T = age[i]
            guard x >= 0, x < 1 << 20, tx >= 0, tx < 1 << 22, T >= 0, T < 1 << 22 else {
                wide.append(i)
                continue
            }
            let key = UInt64(x) << 44 | UInt64(tx) << 22 | UInt64(T)
            if let g = index[key] {
                count[Int(g)] += 1
                groupOf[i] = g
            } else {
                let g = Int32(self.frequency.count)
                index[key] = g
                self.frequency.append(Int(x))
                self.recency.append(Double(tx))
                self.age.append(Double(T))
                count.append(1)
                groupOf[i] = g
            }
        }
        // Figures beyond the packed ranges (centuries of days): one group each.
        for i in wide {
            groupOf[i] = Int32(self.frequency.count)
            self.frequency.append(Int(frequency[i]))
            self.recency.append(Double(recency[i]))
            self.age.append(Double(age[i]))
            count.append(1)
        }
    }

    public var groups: Int { frequency.count }
    public var customers: Double { count.reduce(0, +) }
}

/// A fitted model with what the fit found.
public struct ModelFit<Model: Sendable>: Sendable {
    public var model: Model
    /// Σ log-likelihood over the customers fitted.
    public var logLikelihood: Double
    public var customers: Int
    public var iterations: Int
    public var evaluations: Int
}

extension BetaGeoModel {
    /// The customers needed with a repeat purchase day before a fit is tried.
    public static let minimumRepeatBuyers = 10

    /// Maximum likelihood over the groups: BFGS on the log parameters with the analytic
    /// gradient, each distinct x's gamma functions computed once per evaluation.
    public static func fit(_ groups: HistoryGroups) throws(RequestError) -> ModelFit<BetaGeoModel> {
        let repeaters = zip(groups.frequency, groups.count).reduce(0.0) { $0 + ($1.0 > 0 ? $1.1 : 0) }
        guard Int(repeaters) >= minimumRepeatBuyers else {
            throw RequestError("the purchase model needs at least \(minimumRepeatBuyers) customers with a repeat purchase day (two days with purchases); this data has \(Int(repeaters))")
        }
        let total = groups.customers
        let maxX = groups.frequency.max() ?? 0
        let meanAge = zip(groups.age, groups.count).reduce(0.0) { $0 + $1.0 * $1.1 } / total
        let objective: Minimizer.Objective = { theta in
            let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
            guard let (ll, g) = Self.logLikelihood(groups, r: r, alpha: alpha, a: a, b: b, maxX: maxX) else { return nil }
            // Mean negative log-likelihood; gradient on the log parameters.
            return (-ll / total, [-g[0] * r / total, -g[1] * alpha / total, -g[2] * a / total, -g[3] * b / total])
        }
        let start = [0.0, log(max(1, meanAge / 10)), 0.0, 0.0]
        guard let result = Minimizer().minimize(objective, from: start) else {
            throw RequestError("the purchase model's fit did not converge: the data may show no sign of customers leaving, or too few repeat purchases")
        }
        let p = result.x.map(exp)
        guard p.allSatisfy({ $0.isFinite && $0 < 1e10 && $0 > 1e-10 }) else {
            throw RequestError("the purchase model's fit did not converge: a parameter ran off to \(p.contains { $0 >= 1e10 } ? "infinity" : "zero")")
        }
        return ModelFit(
            model: BetaGeoModel(r: p[0], alpha: p[1], a: p[2], b: p[3]), logLikelihood: -result.value * total,
            customers: Int(total), iterations: result.iterations, evaluations: result.evaluations)
    }

    /// Σ log-likelihood and its gradient in (r, α, a, b); nil where not finite.
    static func logLikelihood(
        _ groups: HistoryGroups, r: Double, alpha: Double, a: Double, b: Double, maxX: Int
    ) -> (Double, [Double])? {
        // Per x: the parts of A₁ and A₂ that do not depend on tₓ or T.
        let lgR = lg(r), psiR = SpecialFunctions.digamma(r)
        let lgB = lg(b), psiB = SpecialFunctions.digamma(b)
        let lgAB = lg(a + b), psiAB = SpecialFunctions.digamma(a + b)
        var base = [Double](repeating: 0, count: maxX + 1)
        var dR = base, dA = base, dB = base
        for x in 0...maxX {
            let xd = Double(x)
            base[x] = lg(r + xd) - lgR + r * log(alpha) + lgAB + lg(b + xd) - lgB - lg(a + b + xd)
            dR[x] = SpecialFunctions.digamma(r + xd) - psiR + log(alpha)
            let psiABX = SpecialFunctions.digamma(a + b + xd)
            dA[x] = psiAB - psiABX
            dB[x] = psiAB + SpecialFunctions.digamma(b + xd) - psiB - psiABX
        }
        // For x > 0: log a − log(b + x − 1), and 1/(b + x − 1).
        var logShare = base, invBX = base
        for x in 1..<(maxX + 1) {
            logShare[x] = log(a) - log(b + Double(x) - 1)
            invBX[x] = 1 / (b + Double(x) - 1)
        }
        let tables = Tables(base: base, dR: dR, dA: dA, dB: dB, logShare: logShare, invBX: invBX)
        let sums = PartialSums.sum(count: groups.groups, width: 5) { range in
            Self.sums(groups, range, tables, r: r, alpha: alpha, a: a)
        }
        let ll = sums[0], gr = sums[1], galpha = sums[2], ga = sums[3], gb = sums[4]
        guard ll.isFinite, gr.isFinite, galpha.isFinite, ga.isFinite, gb.isFinite else { return nil }
        return (ll, [gr, galpha, ga, gb])
    }

    /// What the likelihood needs per number of repeat purchase days x.
    struct Tables: Sendable {
        var base, dR, dA, dB, logShare, invBX: [Double]
    }

    /// Σ over the groups in `range` of the log-likelihood and its derivatives in (r, α, a, b).
    /// With A₃ = −(r+x)·log(α+T) and, for x > 0, A₄ = log a − log(b+x−1) − (r+x)·log(α+tₓ), a
    /// group adds A₁ + A₂ + log(e^A₃ + e^A₄): one exp and one log1p about the larger.
    static func sums(_ groups: HistoryGroups, _ range: Range<Int>, _ t: Tables, r: Double, alpha: Double, a: Double) -> [Double] {
        var ll = 0.0, gr = 0.0, galpha = 0.0, ga = 0.0, gb = 0.0
        for g in range {
            let x = groups.frequency[g], w = groups.count[g]
            let T = groups.age[g], rx = r + Double(x)
            let logAT = log(alpha + T)
            let a3 = -rx * logAT
            if x == 0 {
                ll += w * (t.base[0] + a3)
                gr += w * (t.dR[0] - logAT)
                galpha += w * (r / alpha - rx / (alpha + T))
                ga += w * t.dA[0]
                gb += w * t.dB[0]
                continue
            }
            let tx = groups.recency[g]
            let logATx = log(alpha + tx)
            let a4 = t.logShare[x] - rx * logATx
            // w4 = e^A₄ / (e^A₃ + e^A₄), computed from the smaller exponent.
            let e = exp(-abs(a4 - a3))
            let w4 = a4 > a3 ? 1 / (1 + e) : e / (1 + e), w3 = 1 - w4
            ll += w * (t.base[x] + max(a3, a4) + log1p(e))
            gr += w * (t.dR[x] - w3 * logAT - w4 * logATx)
            galpha += w * (r / alpha - w3 * rx / (alpha + T) - w4 * rx / (alpha + tx))
            ga += w * (t.dA[x] + w4 / a)
            gb += w * (t.dB[x] - w4 * t.invBX[x])
        }
        return [ll, gr, galpha, ga, gb]
    }
}
