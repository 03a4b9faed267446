import ABCCore

/// `segment [by ATTRIBUTE]`: the current scenario's tier profile, or its tiers per value of
/// an attribute.
struct SegmentCommand: ShellCommand {
    static let spec = CommandSpec(
        "segment", group: .segmentation, arguments: "[by ATTRIBUTE]",
        summary: "segment the customers and show the tier profile",
        details: """
            Per tier: customers, revenue and its share, profit, margin, orders, average order value,
            average recency and tenure, and the last customer of the tier with its score or value.
            `by ATTRIBUTE` (a text column of the data, see the load report) gives the tiers of the
            whole segmentation per value: the ten values with most customers, the rest as
            "other", customers without a value as "(none)"; shares are within each value, the
            "all" row's of all customers.
            """,
        example: "segment by country", completion: [.words(["by"]), .attribute], needsData: true)

    let attribute: Token?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...2)
        let arguments = invocation.arguments
        guard let first = arguments.first else {
            attribute = nil
            return
        }
        guard first.text.lowercased() == "by", !first.quoted else {
            throw invocation.error("expected 'by ATTRIBUTE', found '\(first.text)'; usage: \(Self.spec.usage)", at: first)
        }
        guard arguments.count == 2 else { throw invocation.missing("missing the attribute after 'by'; usage: \(Self.spec.usage)") }
        attribute = arguments[1]
    }

    func run(in context: CommandContext) throws -> [Block] {
        guard let attribute else { return try Self.blocks(of: context.scenario, evaluator: context.session.evaluator) }
        let evaluator = context.session.evaluator
        let (dataset, segmentation) = try evaluator.segmentation(of: context.scenario)
        let scope = try evaluator.scope(of: context.scenario)
        let found = try AttributeName.attribute(attribute, in: dataset)
        let profile = AttributeProfile(segmentation, metrics: scope.metrics, attribute: found, global: scope.global)
        return [.table(CustomerViews.attributeProfile(
            profile, attribute: found, segmentation: segmentation, dataset: dataset, scope: scope, scenario: context.scenario))]
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
