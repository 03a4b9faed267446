/// A what-if action on one tier (docs/levers.md#the-levers).
public enum Lever: Sendable, Equatable {
    public enum CostBasis: String, Sendable, Equatable {
        case perAdopter = "per-adopter"
        case perContact = "per-contact"
    }

    /// cts = perOrder × orders + perCustomer; net = profit − cts.
    case costToServe(tier: Int, perOrder: Int64, perCustomer: Int64)
    /// Δrevenue = revenue × lift × adoption (expected), or × lift for drawn adopters.
    case uplift(tier: Int, lift: ExactRate, adoption: ExactRate, cost: Int64, basis: CostBasis)
    /// Kept revenue = revenue × (churn before − churn after); cost per targeted customer.
    case retention(tier: Int, churnBefore: ExactRate, churnAfter: ExactRate, cost: Int64)
    /// Customers inactive more than `inactiveDays`: Δrevenue = response × orders × aov.
    case reactivation(tier: Int, inactiveDays: Int, response: ExactRate, orders: Int, cost: Int64)
    /// revenue × (1 − price cut) × (1 + volume), cost × (1 + volume).
    case discount(tier: Int, priceCut: ExactRate, volume: ExactRate)
    /// Customers of the tier whose net (after cost-to-serve) is below zero leave.
    case drop(tier: Int)

    public var tier: Int {
        switch self {
        case .costToServe(let t, _, _), .uplift(let t, _, _, _, _), .retention(let t, _, _, _),
             .reactivation(let t, _, _, _, _), .discount(let t, _, _), .drop(let t):
            return t
        }
    }

    public var kind: String {
        switch self {
        case .costToServe: return "cost-to-serve"
        case .uplift: return "uplift"
        case .retention: return "retention"
        case .reactivation: return "reactivation"
        case .discount: return "discount"
        case .drop: return "drop"
        }
    }

    /// What the lever needs that `metrics` lacks, as a sentence for the user; nil when it can
    /// run. Only `drop` needs profit (real or assumed: `profitKnown`); the others run on
    /// revenue alone and their profit figures are then not known.
    public func missingData(in metrics: CustomerMetrics, profitKnown: Bool) -> String? {
        switch self {
        case .drop where !profitKnown:
            return "lever 'drop' needs profit: this dataset has no cost or profit; assume a margin first (set margin 30%)"
        case .reactivation where metrics.recency == nil || metrics.orders == nil:
            return "lever 'reactivation' needs purchase dates and order counts, which this dataset lacks"
        case .costToServe(_, let perOrder, _) where perOrder != 0 && metrics.orders == nil:
            return "'per-order' needs order counts, which this dataset lacks; use per-customer"
        default:
            return nil
        }
    }
}
