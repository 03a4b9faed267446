import ABCCore

/// `segment`: the current scenario's tier profile.
struct SegmentCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "segment", group: .segmentation,
        summary: "segment the customers and show the tier profile",
        details: "Per tier: customers, revenue and its share, profit, margin, orders, average order value, average recency and tenure, and the last customer of the tier with its score or value.",
        example: "segment", needsData: true)

    func run(in context: CommandContext) throws -> [Block] {
        try Self.blocks(of: context.scenario, evaluator: context.session.evaluator)
    }

    /// The tier profile of any scenario (the report shows every one).
    static func blocks(of scenario: Scenario, evaluator: ScenarioEvaluator) throws -> [Block] {
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        var heading = "Segmentation of \(dataset.name), scenario \(scenario.name): "
        switch scenario.rule {
        case .countShare:
            heading += "score \(SegmentationViews.criteriaDescription(segmentation.criteria)); "
        case .valueShare, .computed: break
        }
        heading += SegmentationViews.ruleDescription(scenario.rule)
        let scope = try evaluator.scope(of: scenario)
        var blocks: [Block] = [.table(SegmentationViews.profile(segmentation, dataset: dataset, scope: scope, title: heading))]
        if let limits = segmentation.computedLimits, let basis = scenario.rule.valueBasis {
            blocks.append(.text(SegmentationViews.computedLimits(limits, basis: basis, profile: segmentation.profile, dataset: dataset)))
        }
        if let window = SegmentationViews.window(scenario, dataset: dataset, scope: scope) { blocks.append(.text(window)) }
        return blocks
    }
}
