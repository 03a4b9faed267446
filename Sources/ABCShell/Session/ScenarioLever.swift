import ABCCore

/// A lever of a scenario as declared: the lever, and the `where` clauses that narrow it to part
/// of its tier (docs/levers.md#levers-on-groups). A lever is named by its kind, tier and filter
/// as written; the customers the filter picks are found when the scenario is evaluated, on the
/// segmentation before the levers.
public struct ScenarioLever: Sendable, Equatable {
    public var lever: Lever
    /// Empty: every customer of the tier.
    var filter: CustomerFilter

    init(_ lever: Lever, filter: CustomerFilter = CustomerFilter()) {
        self.lever = lever
        self.filter = filter
    }

    public var kind: String { lever.kind }
    public var tier: Int { lever.tier }

    /// The lever as the command that declares it, without the word `lever`: its kind, tier, the
    /// filter, then its figures (`retention A where at-risk churn 20% -> 10% cost 5.00`).
    func script(money: (Int64) -> String) -> String {
        let plain = LeverKinds.script(lever, money: money)
        guard !filter.isEmpty else { return plain }
        var words = plain.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        words.insert(filter.script, at: min(2, words.count))
        return words.joined(separator: " ")
    }
}
