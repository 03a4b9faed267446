import ABCCore

/// `set margin` words: how an assumed margin is typed, written back in scripts and shown.
extension AssumedMargin {
    /// `30%`, or per tier `A 40% B 30% C 20%` (as `set margin` reads it); tables join the
    /// tiers with `", "`.
    func text(separator: String = " ") -> String {
        switch self {
        case .all(let rate): return "\(rate)"
        case .perTier(let rates): return rates.enumerated().map { "\(TierName.name($0.offset)) \($0.element)" }.joined(separator: separator)
        }
    }
}
