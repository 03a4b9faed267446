import ABCCore

/// A scenario's playbook (`set playbook`, docs/forecasting.md#the-playbooks-suggestions): the
/// strategy groups' rule figures and the lever suggested for each group.
public struct PlaybookSettings: Sendable, Equatable {
    public var rules: PlaybookGroup.Rules = .standard
    /// The suggestions' figures, on tier A; each is placed on its group's tier when used.
    /// `costly` is always `drop unprofitable`, which has none.
    public var retention: Lever = .retention(
        tier: 0, churnBefore: ExactRate(numerator: 20, denominator: 100), churnAfter: ExactRate(numerator: 10, denominator: 100),
        cost: 5 * FixedPoint.scale)
    public var uplift: Lever = .uplift(
        tier: 0, lift: ExactRate(numerator: 10, denominator: 100), adoption: ExactRate(numerator: 30, denominator: 100),
        cost: 2 * FixedPoint.scale, basis: .perAdopter)
    public var reactivation: Lever = .reactivation(
        tier: 0, inactiveDays: 90, response: ExactRate(numerator: 10, denominator: 100), orders: 1, cost: 3 * FixedPoint.scale)

    public static let standard = PlaybookSettings()

    /// The lever kind suggested for `group`: retention for at-risk, uplift for growth,
    /// reactivation for reactivate, drop for costly.
    static func kind(of group: PlaybookGroup) -> any LeverKind.Type {
        switch group {
        case .atRisk: return RetentionLever.self
        case .growth: return UpliftLever.self
        case .reactivate: return ReactivationLever.self
        case .costly: return DropLever.self
        }
    }

    /// The suggestion's figures for `group` (on tier A).
    func figures(of group: PlaybookGroup) -> Lever {
        switch group {
        case .atRisk: return retention
        case .growth: return uplift
        case .reactivate: return reactivation
        case .costly: return .drop(tier: 0)
        }
    }

    mutating func setFigures(_ lever: Lever, of group: PlaybookGroup) {
        switch group {
        case .atRisk: retention = lever
        case .growth: uplift = lever
        case .reactivate: reactivation = lever
        case .costly: break
        }
    }

    /// The lever suggested for `group` on its tier, narrowed to the group: `lever retention A
    /// where at-risk churn 20% -> 10% cost 5.00`.
    func suggestion(for group: PlaybookGroup, tierCount: Int) -> ScenarioLever {
        ScenarioLever(
            figures(of: group).onTier(group.tier(of: tierCount)),
            filter: CustomerFilter(clauses: [.group(group, Token(group.rawValue, column: 1))]))
    }
}
