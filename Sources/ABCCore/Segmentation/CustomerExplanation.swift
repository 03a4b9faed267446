/// One customer's place in a segmentation and the smallest change of each of its figures
/// that would move it up a tier (docs/segmentation.md#explaining-a-customer).
public struct CustomerExplanation: Sendable {
    /// A criterion's part of the score.
    public struct Term: Sendable {
        public let criterion: Criterion
        public let weight: Double
        /// The customer's value: money in units, orders, days; margin as a ratio in `ratio`.
        public let units: Int64?
        public let ratio: Double?
        public let normalised: Double
        /// weight × normalised.
        public let contribution: Double
    }

    /// The last customer of a tier: to be in that tier a customer must pass it.
    public struct Boundary: Sendable {
        public let tier: UInt8
        /// Its index among the segmented customers.
        public let customer: Int
        /// Its score (score tiering) or value (revenue or profit tiering).
        public let score: Double?
        public let value: Int64?
    }

    /// The smallest change of one figure that passes the next boundary up, the others held.
    public struct Move: Sendable {
        public let figure: MovableFigure
        /// In the figure's units (money units, orders, days); negative for recency. Nil: no
        /// change within the figure's range reaches a higher tier.
        public let change: Int64?
        /// The tier the change reaches.
        public let reaches: UInt8?
    }

    public let customer: Int
    public let tier: UInt8
    public let rank: UInt32
    public let score: Double
    /// Score tiering: each criterion's part; empty for value tiering.
    public let terms: [Term]
    /// The boundary of the tier above (nil in the first tier).
    public let above: Boundary?
    /// The boundary of the customer's own tier (nil in the last tier, which has none).
    public let below: Boundary?
    public let moves: [Move]
}

/// The per-customer figures a change can be asked about.
public enum MovableFigure: String, Sendable, CaseIterable {
    case revenue, profit, orders, recency, tenure

    /// The criteria whose values this figure changes.
    var criteria: [Criterion] {
        switch self {
        case .revenue: return [.revenue, .aov, .margin]
        case .profit: return [.profit, .margin]
        case .orders: return [.orders, .aov]
        case .recency: return [.recency]
        case .tenure: return [.tenure]
        }
    }

    /// One display unit of the figure in its stored units: a cent (or 1/10,000 when the data
    /// has finer amounts), an order, a day.
    public func step(moneyDecimals: Int) -> Int64 {
        switch self {
        case .revenue, .profit:
            var step: Int64 = 1
            for _ in 0..<max(0, FixedPoint.digits - moneyDecimals) { step *= 10 }
            return step
        case .orders, .recency, .tenure: return 1
        }
    }
}

public enum CustomerExplainer {
    /// Explains customer `c` (an index among the segmented customers) of `segmentation`,
    /// made from `metrics`: the placing rule is the fixed-boundary rule of the levers, with
    /// the scales before any change.
    public static func explain(
        customer c: Int, metrics: CustomerMetrics, segmentation: Segmentation, moneyDecimals: Int
    ) throws(RequestError) -> CustomerExplanation {
        let tierCount = segmentation.tierCount
        let last = UInt8(tierCount - 1)
        var boundary = [Int?](repeating: nil, count: tierCount)
        for i in segmentation.order { boundary[Int(segmentation.tier[Int(i)])] = Int(i) }
        boundary[Int(last)] = nil
        let own = Figures(metrics, c)
        let tier = segmentation.tier[c]

        let basis = segmentation.rule.valueBasis
        let values = try basis.map { b throws(RequestError) in try b.values(in: metrics) }
        func describe(_ t: Int) -> CustomerExplanation.Boundary? {
            guard t >= 0, t < tierCount, let b = boundary[t] else { return nil }
            return .init(tier: UInt8(t), customer: b, score: values == nil ? segmentation.score[b] : nil, value: values?[b])
        }

        // The tier a customer with figures `f` is placed in.
        let place: (Figures) -> UInt8
        var terms: [CustomerExplanation.Term] = []
        var figures: [MovableFigure]
        switch segmentation.rule {
        case .countShare:
            let scales = try segmentation.criteria.map { item throws(RequestError) in
                CriterionScale(try CriterionValues(item.criterion, in: metrics), scaling: segmentation.scaling,
                               reversed: item.criterion.lowerIsBetter)
            }
            func score(_ f: Figures) -> Double {
                var p = 0.0
                for (item, scale) in zip(segmentation.criteria, scales) {
                    p += item.weight * scale.norm(of: f.value(item.criterion), own: own.value(item.criterion))
                }
                return p
            }
            place = { f in
                let p = score(f)
                for t in 0..<(tierCount - 1) {
                    if let b = boundary[t], p > segmentation.score[b] || (p == segmentation.score[b] && c <= b) {
                        return UInt8(t)
                    }
                }
                return last
            }
            for (item, scale) in zip(segmentation.criteria, scales) {
                let value = own.value(item.criterion)
                let norm = scale.norm(of: value, own: value)
                var units: Int64?, ratio: Double?
                switch value {
                case .integer(let v): units = v
                case .double(let v): ratio = v
                }
                terms.append(.init(criterion: item.criterion, weight: item.weight, units: units, ratio: ratio,
                                   normalised: norm, contribution: item.weight * norm))
            }
            let used = Set(segmentation.criteria.filter { $0.weight != 0 }.map(\.criterion))
            figures = MovableFigure.allCases.filter { !used.isDisjoint(with: $0.criteria) }
        case .valueShare(let basis, _):
            let before = values ?? []
            place = { f in
                let v = basis == .revenue ? f.revenue : f.profit
                if v <= 0 { return last }
                for t in 0..<(tierCount - 1) {
                    if let b = boundary[t], v > before[b] || (v == before[b] && c <= b) { return UInt8(t) }
                }
                return last
            }
            figures = [basis == .revenue ? .revenue : .profit]
        case .computed(let basis):
            guard let limits = segmentation.computedLimits else { throw RequestError("the computed limits are missing") }
            place = { f in limits.tier(of: basis == .revenue ? f.revenue : f.profit) }
            figures = [basis == .revenue ? .revenue : .profit]
        }
        figures = figures.filter { $0.isKnown(in: metrics) }

        var moves: [CustomerExplanation.Move] = []
        if tier > 0 {
            for figure in figures {
                let step = figure.step(moneyDecimals: moneyDecimals)
                let found = smallestSteps(limit: figure.maxSteps(own, step: step)) { k in
                    place(own.changed(figure, by: k * step)) < tier
                }
                moves.append(.init(
                    figure: figure, change: found.map { $0 * step * figure.direction },
                    reaches: found.map { place(own.changed(figure, by: $0 * step)) }))
            }
        }
        return CustomerExplanation(
            customer: c, tier: tier, rank: segmentation.rank[c], score: segmentation.score[c], terms: terms,
            above: describe(Int(tier) - 1), below: describe(Int(tier)), moves: moves)
    }

    /// The smallest k in 1...limit with `passes(k)`, found by doubling then bisection (the
    /// placing is monotone in each figure, except that revenue lowers margin and orders lower
    /// the average order value: then the k found passes and k − 1 does not).
    static func smallestSteps(limit: Int64, _ passes: (Int64) -> Bool) -> Int64? {
        guard limit >= 1 else { return nil }
        var lo: Int64 = 0, hi: Int64 = 1
        while !passes(hi) {
            guard hi < limit else { return nil }
            lo = hi
            hi = hi > limit / 2 ? limit : hi * 2
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if passes(mid) { hi = mid } else { lo = mid }
        }
        return hi
    }
}

/// One customer's figures, from which its criteria values follow as the metrics define them.
struct Figures {
    var revenue: Int64
    var profit: Int64
    var orders: Int64
    var recency: Int64
    var tenure: Int64
    /// The customer's forecast criteria, which no figure moves.
    var forecast: (palive: Double, expectedOrders: Double, clv: Double)

    init(_ metrics: CustomerMetrics, _ c: Int) {
        forecast = metrics.forecast.map { ($0.probabilityAlive[c], $0.expectedOrders[c], $0.lifetimeValue[c]) } ?? (0, 0, 0)
        revenue = MovableFigure.revenue.value(of: c, in: metrics)
        profit = MovableFigure.profit.value(of: c, in: metrics)
        orders = MovableFigure.orders.value(of: c, in: metrics)
        recency = MovableFigure.recency.value(of: c, in: metrics)
        tenure = MovableFigure.tenure.value(of: c, in: metrics)
    }

    func value(_ criterion: Criterion) -> CriterionValue {
        switch criterion {
        case .revenue: return .integer(revenue)
        case .profit: return .integer(profit)
        case .orders: return .integer(orders)
        case .recency: return .integer(recency)
        case .tenure: return .integer(tenure)
        case .aov:
            return .integer(orders == 0 ? 0 : Int64(FixedPoint.divideRoundingHalfEven(Int128(revenue), Int128(orders))))
        case .margin: return .double(revenue <= 0 ? 0 : Double(profit) / Double(revenue))
        case .palive: return .double(forecast.palive)
        case .expectedOrders: return .double(forecast.expectedOrders)
        case .clv: return .double(forecast.clv)
        }
    }

    /// The figures with one changed by `amount` in its better direction.
    func changed(_ figure: MovableFigure, by amount: Int64) -> Figures {
        var f = self
        switch figure {
        case .revenue: f.revenue += amount
        case .profit: f.profit += amount
        case .orders: f.orders += amount
        case .recency: f.recency -= amount
        case .tenure: f.tenure += amount
        }
        return f
    }
}

extension MovableFigure {
    /// Money (revenue, profit) rather than a count of orders or days.
    public var isMoney: Bool { self == .revenue || self == .profit }

    /// Customer `c`'s figure in its units (0 when the data lacks it: see `isKnown`).
    public func value(of c: Int, in metrics: CustomerMetrics) -> Int64 {
        let reference = Int64(metrics.referenceDate ?? 0)
        switch self {
        case .revenue: return metrics.revenue[c]
        case .profit: return metrics.profit?[c] ?? 0
        case .orders: return metrics.orders?[c] ?? 0
        case .recency: return metrics.last.map { reference - Int64($0[c]) } ?? 0
        case .tenure: return metrics.first.map { reference - Int64($0[c]) } ?? 0
        }
    }

    /// +1 when more is better, −1 for recency (a later last purchase).
    var direction: Int64 { self == .recency ? -1 : 1 }

    public func isKnown(in metrics: CustomerMetrics) -> Bool {
        switch self {
        case .revenue: return true
        case .profit: return metrics.profit != nil
        case .orders: return metrics.orders != nil
        case .recency: return metrics.last != nil && metrics.referenceDate != nil
        case .tenure: return metrics.first != nil && metrics.referenceDate != nil
        }
    }

    /// How many steps the figure can move: recency down to 0 days, tenure up to a century,
    /// orders to a billion, money far beyond any real amount but clear of overflow.
    func maxSteps(_ f: Figures, step: Int64) -> Int64 {
        switch self {
        case .revenue: return (Int64.max / 4 - max(0, f.revenue)) / step
        case .profit: return (Int64.max / 4 - max(0, f.profit)) / step
        case .orders: return 1_000_000_000
        case .recency: return f.recency
        case .tenure: return max(0, 36_525 - f.tenure)
        }
    }
}
