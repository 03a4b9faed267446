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
            title: "Scenario \(scenario.name): score = Σ weight × min-max normalised criterion"
                + (scenario.criteria == nil ? " (default criteria)" : ""),
            columns: [.init("criterion", numeric: false), .init("weight"), .init("share"), .init("direction", numeric: false)])
        for item in criteria {
            let share = sum > 0 ? String(format: "%.2f%%", 100 * item.weight / sum) : ""
            table.append([item.criterion.rawValue, NumberFormatting.weight(item.weight), share,
                          item.criterion.lowerIsBetter ? "lower is better" : "higher is better"])
        }
        return [.table(table), .text("tiering: \(SegmentationViews.ruleDescription(scenario.rule))")]
    }
}
