extension Lever {
    /// The same lever on tier `t` (a suggestion made once, placed on the tier of its group).
    public func onTier(_ t: Int) -> Lever {
        switch self {
        case .costToServe(_, let perOrder, let perCustomer): return .costToServe(tier: t, perOrder: perOrder, perCustomer: perCustomer)
        case .uplift(_, let lift, let adoption, let cost, let basis): return .uplift(tier: t, lift: lift, adoption: adoption, cost: cost, basis: basis)
        case .retention(_, let before, let after, let cost): return .retention(tier: t, churnBefore: before, churnAfter: after, cost: cost)
        case .reactivation(_, let days, let response, let orders, let cost):
            return .reactivation(tier: t, inactiveDays: days, response: response, orders: orders, cost: cost)
        case .discount(_, let priceCut, let volume): return .discount(tier: t, priceCut: priceCut, volume: volume)
        case .drop: return .drop(tier: t)
        }
    }
}
