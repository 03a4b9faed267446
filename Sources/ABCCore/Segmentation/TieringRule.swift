/// How customers are split into tiers.
public enum TieringRule: Sendable, Equatable {
    /// Rank by score; the first share of customers is A, and so on (docs/segmentation.md#count-share-tiering).
    case countShare([Int])
    /// Rank by a value; A until the cumulative value reaches its share (Pareto).
    case valueShare(ValueBasis, [Int])
    /// A, B and C by the computed ABC limits of a value (Ultsch & Lötsch; `ComputedLimits`).
    case computed(ValueBasis)

    public enum ValueBasis: String, Sendable, CaseIterable {
        case revenue, profit
    }

    public static let standard = TieringRule.countShare([20, 30, 50])

    /// The shares of a share rule; [] for computed limits.
    public var shares: [Int] {
        switch self {
        case .countShare(let s), .valueShare(_, let s): return s
        case .computed: return []
        }
    }

    public var tierCount: Int {
        if case .computed = self { return 3 }
        return shares.count
    }

    /// The value customers are ordered by (nil: the score).
    public var valueBasis: ValueBasis? {
        switch self {
        case .countShare: return nil
        case .valueShare(let basis, _), .computed(let basis): return basis
        }
    }

    /// Tier names A, B, C, D, E.
    public static let tierNames = ["A", "B", "C", "D", "E"]

    /// Checks 2–5 shares, each positive, summing to 100.
    public static func validate(shares: [Int]) throws(RequestError) {
        guard (2...5).contains(shares.count) else {
            throw RequestError("expected 2 to 5 tier shares, found \(shares.count)")
        }
        guard shares.allSatisfy({ $0 > 0 }) else { throw RequestError("every tier share must be above 0") }
        let sum = shares.reduce(0, +)
        guard sum == 100 else {
            throw RequestError("tier shares must add up to 100, these add up to \(sum)")
        }
    }
}

