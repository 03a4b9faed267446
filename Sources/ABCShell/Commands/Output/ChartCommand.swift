import ABCCore

/// `chart [pareto|tiers]`: the Pareto curve with the tier boundaries, and a bar per tier.
struct ChartCommand: ShellCommand {
    static let spec = CommandSpec(
        "chart", group: .output, arguments: "[pareto|tiers]",
        summary: "draw the Pareto (ABC) curve with the tier boundaries, and a bar per tier",
        example: "chart pareto", completion: [.words(["pareto", "tiers"])], needsData: true)

    enum Kind: String { case pareto, tiers, all }

    let kind: Kind

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...1)
        let word = invocation.arguments.first?.text.lowercased() ?? "all"
        guard let kind = Kind(rawValue: word) else {
            throw invocation.error("expected pareto or tiers, found '\(word)'", at: invocation.arguments.first)
        }
        self.kind = kind
    }

    func run(in context: CommandContext) throws -> [Block] {
        let data = try Self.data(for: context.scenario, evaluator: context.session.evaluator)
        let width = max(30, min(100, (context.session.environment.terminalWidth ?? 80) - 10))
        switch kind {
        case .pareto: return [.text(data.terminalCurve(width: width))]
        case .tiers: return [.text(data.terminalBars(width: min(50, width - 20)))]
        case .all: return [.text(data.terminalCurve(width: width)), .text(""), .text(data.terminalBars(width: min(50, width - 20)))]
        }
    }

    /// The chart data of a scenario (its period applied); a window covered in part is marked
    /// with its coverage in the title.
    static func data(for scenario: Scenario, evaluator: ScenarioEvaluator) throws -> ChartData {
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        var title = "\(dataset.name), scenario \(scenario.name): \(SegmentationViews.ruleDescription(scenario.rule))"
        if scope.coverage?.isPartial == true { title += "; window " + WindowViews.describe(scenario, scope: scope) }
        return ChartData(segmentation: segmentation, metrics: scope.metrics, title: title)
    }
}
