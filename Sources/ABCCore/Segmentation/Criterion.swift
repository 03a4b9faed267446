/// A per-customer measure customers can be ranked on.
public enum Criterion: String, Sendable, CaseIterable {
    case revenue, profit, margin, orders, aov, recency, tenure
    /// Forward-looking, from the purchase and spend models (docs/forecasting.md): customer
    /// lifetime value, the probability the customer is still buying, and the purchase days
    /// expected in the horizon. They describe customers before the levers.
    case clv, palive
    case expectedOrders = "expected_orders"

    /// Accepts the aliases `frequency` for orders and `loyalty` for tenure (docs/segmentation.md#criteria-and-weights).
    public init?(name: String) {
        switch name.lowercased() {
        case "frequency": self = .orders
        case "loyalty": self = .tenure
        case "monetary": self = .revenue
        default:
            guard let c = Criterion(rawValue: name.lowercased()) else { return nil }
            self = c
        }
    }

    /// Recency is better when lower.
    public var lowerIsBetter: Bool { self == .recency }

    /// What the data must have for this criterion, for refusals.
    public var requirement: String {
        switch self {
        case .revenue: return "revenue"
        case .profit, .margin: return "cost or profit data"
        case .orders: return "order counts"
        case .aov: return "order counts"
        case .recency: return "purchase dates"
        case .tenure: return "purchase dates"
        case .clv, .palive, .expectedOrders: return "the purchase model (transactions with dates)"
        }
    }

    /// Computed from the fitted purchase and spend models, not from the loaded figures.
    public var isForecast: Bool {
        switch self {
        case .clv, .palive, .expectedOrders: return true
        default: return false
        }
    }
}

/// A criterion with its weight. Weights are used as given (docs/segmentation.md#criteria-and-weights).
public struct WeightedCriterion: Sendable, Equatable {
    public var criterion: Criterion
    public var weight: Double

    public init(_ criterion: Criterion, _ weight: Double) {
        self.criterion = criterion
        self.weight = weight
    }

    /// The default criteria on data that has everything: revenue 0.5, profit 0.3, orders 0.2.
    public static let standardDefaults = [
        WeightedCriterion(.revenue, 0.5), WeightedCriterion(.profit, 0.3), WeightedCriterion(.orders, 0.2),
    ]
}

extension CustomerMetrics {
    /// Whether the data has what `criterion` needs.
    public func has(_ criterion: Criterion) -> Bool {
        switch criterion {
        case .revenue: return true
        case .profit, .margin: return profit != nil
        case .orders, .aov: return orders != nil
        case .recency: return last != nil && referenceDate != nil
        case .tenure: return first != nil && referenceDate != nil
        case .clv, .palive, .expectedOrders: return forecast != nil
        }
    }

    /// Refuses a criterion the data lacks, naming what is missing.
    public func require(_ criterion: Criterion) throws(RequestError) {
        guard has(criterion) else {
            throw RequestError("criterion '\(criterion.rawValue)' needs \(criterion.requirement), which this dataset lacks")
        }
    }

    /// The default criteria: revenue 0.5, profit 0.3, orders 0.2, without those the data lacks,
    /// the rest rescaled to sum to 1.
    public func defaultCriteria() -> [WeightedCriterion] {
        let all = WeightedCriterion.standardDefaults
        let available = all.filter { has($0.criterion) }
        if available.count == all.count { return all }
        let sum = available.reduce(0) { $0 + $1.weight }
        return available.map { WeightedCriterion($0.criterion, $0.weight / sum) }
    }
}
