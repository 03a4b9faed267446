/// `scenario list`: every scenario with the window it covers, the current one marked.
struct ScenarioListCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "scenario list", group: .scenarios, summary: "list the scenarios and the window each covers", example: "scenario list")

    func run(in context: CommandContext) throws -> [Block] {
        var table = Table("scenarios", columns: [.init("", kind: .flag, key: "current"), .init("scenario", numeric: false), .init("copied from", numeric: false, key: "copied_from"),
                                    .init("criteria", numeric: false), .init("tiers", numeric: false), .init("window", numeric: false),
                                    .init("levers")])
        for s in context.session.scenarios {
            let criteria = s.criteria.map(SegmentationViews.criteriaDescription) ?? "default"
            table.append([s.name == context.scenario.name ? "*" : "", s.name, s.parent ?? "", criteria, s.rule.script, WindowViews.setting(s),
                          String(s.levers.count)])
        }
        return [.table(table)]
    }
}
