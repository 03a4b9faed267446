import ABCCore

/// `scenario show [NAME]`: what a scenario changes compared with base.
struct ScenarioShowCommand: ShellCommand {
    static let spec = CommandSpec(
        "scenario show", group: .scenarios, arguments: "[NAME]",
        summary: "what a scenario changes compared with base", example: "scenario show lean",
        completion: [.scenario])

    let name: Token?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...1)
        name = invocation.arguments.first
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let shown = try name.map { token throws(CommandError) in try ScenarioName.lookup(token, in: session) } ?? session.scenario
        let base = session.scenarios[0]
        func criteria(_ s: Scenario) -> String { s.criteria.map(SegmentationViews.criteriaDescription) ?? "default" }
        var lines = ["Scenario \(shown.name)" + (shown.parent.map { " (copied from \($0))" } ?? "") + ":"]
        if shown.name == "base" {
            lines.append("  criteria  " + criteria(shown))
            lines.append("  tiers     " + shown.rule.script)
        } else {
            var differs = false
            if shown.criteria != base.criteria {
                lines.append("  criteria  " + criteria(shown) + "   (base: " + criteria(base) + ")")
                differs = true
            }
            if shown.rule != base.rule {
                lines.append("  tiers     \(shown.rule.script)   (base: \(base.rule.script))")
                differs = true
            }
            if shown.period != base.period || shown.asOf != base.asOf {
                lines.append("  window    " + [shown.period.map { "period " + $0.script }, shown.asOf.map { "as of " + CivilDate.iso($0) }]
                    .compactMap { $0 }.joined(separator: ", ") + (shown.period == nil && shown.asOf == nil ? "all data" : ""))
                differs = true
            }
            if shown.clv != base.clv {
                lines.append("  clv       \(SetCLVCommand.describe(shown.clv))   (base: \(SetCLVCommand.describe(base.clv)))")
                differs = true
            }
            if shown.playbook != base.playbook {
                let changes = SetPlaybookCommand.script(shown.playbook, from: base.playbook, money: session.moneyFormatter())
                lines.append("  playbook  " + changes.joined(separator: "; "))
                differs = true
            }
            if shown.levers != base.levers {
                differs = true
            } else if !differs {
                lines.append("  the same as base")
            }
        }
        let money = session.moneyFormatter()
        for (i, lever) in shown.levers.enumerated() where shown.name == "base" || shown.levers != base.levers {
            lines.append("  lever \(i + 1)   \(lever.script(money: money))")
        }
        return [.text(lines.joined(separator: "\n"))]
    }
}
