/// `scenario use NAME`: the scenario commands apply to.
struct ScenarioUseCommand: CommandWithOneArgument {
    static let spec = CommandSpec(
        "scenario use", group: .scenarios, arguments: "NAME",
        summary: "switch to a scenario", example: "scenario use base", completion: [.scenario])

    let name: Token

    init(argument: Token) { name = argument }

    func run(in context: CommandContext) throws -> [Block] {
        _ = try ScenarioName.lookup(name, in: context.session)
        context.session.useScenario(name.text)
        return []
    }
}
