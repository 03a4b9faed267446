/// A what-if action on one tier (PRODUCT.md "Levers: exact arithmetic").
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

    /// Whether the lever needs profit (cost) data: every lever does, since its effect is
    /// reported as profit, net contribution and ROI.
    public var needsProfit: Bool { true }

    /// The lever as the command that declares it (`lever …` without the word `lever`);
    /// `money` formats amounts in the dataset's precision.
    public func script(money: (Int64) -> String) -> String {
        let t = TieringRule.tierNames[tier]
        switch self {
        case .costToServe(_, let perOrder, let perCustomer):
            var parts = ["cost-to-serve", t]
            if perOrder != 0 || perCustomer == 0 { parts += ["per-order", money(perOrder)] }
            if perCustomer != 0 { parts += ["per-customer", money(perCustomer)] }
            return parts.joined(separator: " ")
        case .uplift(_, let lift, let adoption, let cost, let basis):
            return "uplift \(t) revenue +\(lift) adoption \(adoption) cost \(money(cost)) \(basis.rawValue)"
        case .retention(_, let before, let after, let cost):
            return "retention \(t) churn \(before) -> \(after) cost \(money(cost))"
        case .reactivation(_, let days, let response, let orders, let cost):
            return "reactivation \(t) inactive \(days) days response \(response) orders \(orders) cost \(money(cost))"
        case .discount(_, let price, let volume):
            return "discount \(t) price -\(price) volume +\(volume)"
        case .drop:
            return "drop \(t) unprofitable"
        }
    }
}
