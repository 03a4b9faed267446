import ABCCore
import Foundation

/// `show criteria`: the current scenario's criteria, weights and tiering rule.
struct ShowCriteriaCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "show criteria", group: .segmentation,
        summary: "the current scenario's criteria, weights and tiering rule",
        example: "show criteria", needsData: true)

    func run(in context: CommandContext) throws -> [Block] {
        let scenario = context.scenario
        let criteria = scenario.effectiveCriteria(for: try context.dataset.metrics)
        let sum = criteria.reduce(0) { $0 + $1.weight }
        var table = Table(
            "criteria", title: "Scenario \(scenario.name): score = Σ weight × \(scenario.scaling == .minmax ? "min-max" : "rank") normalised criterion"
                + (scenario.criteria == nil ? " (default criteria)" : ""),
            columns: [.init("criterion", numeric: false), .init("weight"), .init("share"), .init("direction", numeric: false)])
        for item in criteria {
            let share = sum > 0 ? String(format: "%.2f%%", 100 * item.weight / sum) : ""
            table.append([item.criterion.rawValue, NumberFormatting.weight(item.weight), share,
                          item.criterion.lowerIsBetter ? "lower is better" : "higher is better"])
        }
        var blocks: [Block] = [.table(table), .text("tiering: \(SegmentationViews.ruleDescription(scenario.rule))")]
        if scenario.scaling == .minmax {
            let metrics = try context.session.evaluator.scope(of: scenario).metrics
            for item in criteria {
                guard let (below, of) = try Scoring.minMaxBelow(0.1, criterion: item.criterion, metrics: metrics) else {
                    blocks.append(.text("note: \(item.criterion.rawValue) is the same for every customer; its weight changes no score"))
                    continue
                }
                // 90% or more of the customers below 0.1: one outlier sets the scale.
                if of > 0 && below * 10 >= of * 9 {
                    blocks.append(.text("note: \(item.criterion.rawValue): \(NumberFormatting.percent(Int128(below), Int128(of))) of customers are below 0.1 after min-max, so a few large values set the scale; `set scaling rank` weighs customers by rank"))
                }
            }
        }
        return blocks
    }
}
