import ABCCore

/// A named set of choices applied to the data: criteria with weights, scaling, the tiering
/// rule, levers, window and an assumed margin.
public struct Scenario: Sendable, Equatable {
    public var name: String
    /// nil: the dataset's default criteria.
    public var criteria: [WeightedCriterion]?
    public var rule: TieringRule
    /// What-if levers, applied in this order.
    public var levers: [ScenarioLever] = []
    /// The scenario it was copied from (for `scenario list`).
    public var parent: String?
    /// Restricts the metrics to a period (`set period`), counted back from the data's end.
    public var period: Period?
    /// Metrics as of this day (`set asof`): later transactions are ignored.
    public var asOf: Int32?
    /// How criteria are normalised (`set scaling`).
    public var scaling: Scaling = .minmax
    /// The margin assumed for data without cost or profit (`set margin`); levers only.
    public var margin: AssumedMargin?
    /// The horizon and discount of customer lifetime value (`set clv`).
    public var clv: LifetimeValueSettings = .standard
    /// The strategy groups' rules and suggested levers (`set playbook`).
    public var playbook: PlaybookSettings = .standard

    public init(name: String, criteria: [WeightedCriterion]? = nil, rule: TieringRule = .standard) {
        self.name = name
        self.criteria = criteria
        self.rule = rule
    }

    /// Whether its criteria need the purchase model.
    public var usesForecast: Bool { criteria?.contains { $0.criterion.isForecast } ?? false }

    /// The criteria in force on `metrics`.
    public func effectiveCriteria(for metrics: CustomerMetrics) -> [WeightedCriterion] {
        criteria ?? metrics.defaultCriteria()
    }
}
