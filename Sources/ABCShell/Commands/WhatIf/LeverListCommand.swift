/// `lever list`: the current scenario's levers, numbered.
struct LeverListCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "lever list", group: .whatIf, summary: "the current scenario's levers, numbered, with their assumptions",
        example: "lever list")

    func run(in context: CommandContext) throws -> [Block] {
        let scenario = context.scenario
        guard !scenario.levers.isEmpty else { return [.text("Scenario \(scenario.name) has no levers")] }
        var table = Table("lever_list", title: "Levers of scenario \(scenario.name), applied in this order:",
                          columns: [.count("#", key: "number"), .init("lever", numeric: false)])
        let money = context.session.moneyFormatter()
        for (i, lever) in scenario.levers.enumerated() { table.append([String(i + 1), "lever " + lever.script(money: money)]) }
        return [.table(table)]
    }
}
