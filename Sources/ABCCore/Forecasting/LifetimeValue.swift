import Dispatch
import Foundation

/// How far ahead customer lifetime value looks and how it discounts, as `lifetimes`'
/// `customer_lifetime_value` (months of 30 days, each month's purchases discounted by
/// (1 + d)^month). Default: 12 months at 1% a month.
public struct LifetimeValueSettings: Sendable, Equatable, Hashable {
    public var months: Int
    /// The monthly discount rate.
    public var discount: ExactRate

    public init(months: Int = 12, discount: ExactRate = ExactRate(numerator: 1, denominator: 100)) {
        self.months = months
        self.discount = discount
    }

    public static let standard = LifetimeValueSettings()

    /// The horizon in days.
    public var days: Double { Double(months) * 30 }
}

/// Both models fitted on a purchase history, with the fit check.
public struct LifetimeValueModel: Sendable {
    public var purchases: ModelFit<BetaGeoModel>
    public var spend: ModelFit<GammaGammaModel>
    /// Per number of repeat purchase days (the last row: that many or more), the customers
    /// who made them and the number the model expects over the same ages.
    public var fitCheck: [FitCheckRow]

    public struct FitCheckRow: Sendable, Equatable {
        public var frequency: Int
        public var orMore: Bool
        public var actual: Int
        public var expected: Double
    }

    /// Fits the purchase model on every buyer (`groups`: the history's, `history.groups`) and
    /// the spend model on the repeat buyers.
    public static func fit(_ history: PurchaseHistory, groups: HistoryGroups) throws(RequestError) -> LifetimeValueModel {
        let purchases = try BetaGeoModel.fit(groups)
        let spend = try GammaGammaModel.fit(
            frequency: history.frequency.map(Int.init), meanValue: (0..<history.count).map(history.meanRepeatValue))
        return LifetimeValueModel(purchases: purchases, spend: spend, fitCheck: fitCheck(purchases.model, groups))
    }

    /// Actual against expected customers per repeat purchase days 0…6 and 7 or more
    /// (`lifetimes`' `plot_period_transactions`): Σ over customers of P(X(T) = n).
    static func fitCheck(_ model: BetaGeoModel, _ groups: HistoryGroups, rows: Int = 8) -> [FitCheckRow] {
        var actual = [Int](repeating: 0, count: rows)
        var expected = [Double](repeating: 0, count: rows)
        var byAge: [Double: Double] = [:]
        for g in 0..<groups.groups {
            actual[min(groups.frequency[g], rows - 1)] += Int(groups.count[g])
            byAge[groups.age[g], default: 0] += groups.count[g]
        }
        for (age, count) in byAge.sorted(by: { $0.key < $1.key }) {
            var below = 0.0
            for n in 0..<(rows - 1) {
                let p = model.probabilityOfPurchases(n, in: age)
                expected[n] += count * p
                below += p
            }
            expected[rows - 1] += count * max(0, 1 - below)
        }
        return (0..<rows).map { FitCheckRow(frequency: $0, orMore: $0 == rows - 1, actual: actual[$0], expected: expected[$0]) }
    }
}

extension PurchaseHistory {
    /// The buyers grouped by (x, tₓ, T), found by one packed integer key each.
    public var groups: HistoryGroups {
        HistoryGroups(frequency: frequency, recency: recency, age: age, include: isBuyer)
    }
}

/// Per customer: P(alive), expected purchase days in the horizon, the expected value of a
/// purchase, and CLV = Σ over the horizon's months of expected value × that month's expected
/// purchases / (1 + d)^month × margin. Customers without a purchase day have 0 for each.
public struct CustomerForecast: Sendable {
    public var probabilityAlive: [Double]
    public var expectedOrders: [Double]
    public var expectedValue: [Double]
    public var lifetimeValue: [Double]
}

extension LifetimeValueModel {
    /// Scores every customer of `history`; `margin(i)` is customer i's profit margin (1 for
    /// revenue). Predictions are computed once per (x, tₓ, T) group, on two threads for many.
    public func forecast(
        _ history: PurchaseHistory, groups: HistoryGroups, settings: LifetimeValueSettings, margin: (Int) -> Double
    ) throws(RequestError) -> CustomerForecast {
        let model = purchases.model
        let months = settings.months
        let discount = settings.discount.doubleValue
        var alive = [Double](repeating: 0, count: groups.groups)
        var expected = alive, discounted = alive
        var failed = false
        let workers = groups.groups >= 20_000 ? 2 : 1
        let chunk = (groups.groups + workers - 1) / workers
        alive.withUnsafeMutableBufferPointer { aliveOut in
            expected.withUnsafeMutableBufferPointer { expectedOut in
                discounted.withUnsafeMutableBufferPointer { discountedOut in
                    let out = GroupOutputs(alive: aliveOut, expected: expectedOut, discounted: discountedOut)
                    let failures = FailureFlags(workers)
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        for g in (w * chunk)..<min(groups.groups, (w + 1) * chunk) {
                            let x = Double(groups.frequency[g]), tx = groups.recency[g], T = groups.age[g]
                            out.alive[g] = model.probabilityAlive(frequency: x, recency: tx, age: T)
                            guard let purchases = model.discountedPurchases(
                                months: months, discount: discount, frequency: x, recency: tx, age: T)
                            else {
                                failures.set(w)
                                return
                            }
                            out.expected[g] = purchases.expected
                            out.discounted[g] = purchases.discounted
                        }
                    }
                    failed = failures.any
                }
            }
        }
        if failed {
            throw RequestError("the purchase model's predictions did not converge over \(months) months: choose a shorter horizon")
        }
        let n = history.count
        var result = CustomerForecast(
            probabilityAlive: [Double](repeating: 0, count: n), expectedOrders: [Double](repeating: 0, count: n),
            expectedValue: [Double](repeating: 0, count: n), lifetimeValue: [Double](repeating: 0, count: n))
        let spendModel = spend.model
        for i in 0..<n {
            let g = Int(groups.groupOf[i])
            guard g >= 0 else { continue }
            let value = spendModel.expectedValue(frequency: Double(history.frequency[i]), meanValue: history.meanRepeatValue(i))
            result.probabilityAlive[i] = alive[g]
            result.expectedOrders[i] = expected[g]
            result.expectedValue[i] = value
            result.lifetimeValue[i] = value * discounted[g] * margin(i)
        }
        return result
    }

    private struct GroupOutputs: @unchecked Sendable {
        let alive: UnsafeMutableBufferPointer<Double>
        let expected: UnsafeMutableBufferPointer<Double>
        let discounted: UnsafeMutableBufferPointer<Double>
    }

    /// One flag per worker, each written only by its own.
    private final class FailureFlags: @unchecked Sendable {
        var flags: [Bool]
        init(_ n: Int) { flags = [Bool](repeating: false, count: n) }
        func set(_ w: Int) { flags[w] = true }
        var any: Bool { flags.contains(true) }
    }
}
