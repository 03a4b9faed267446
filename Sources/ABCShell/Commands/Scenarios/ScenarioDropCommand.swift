/// `scenario drop NAME`: deletes a scenario other than base.
struct ScenarioDropCommand: CommandWithOneArgument {
    static let spec = CommandSpec(
        "scenario drop", group: .scenarios, arguments: "NAME",
        summary: "delete a scenario (not base)", example: "scenario drop lean", completion: [.scenario])

    let name: Token

    init(argument: Token) { name = argument }

    func run(in context: CommandContext) throws -> [Block] {
        _ = try ScenarioName.lookup(name, in: context.session)
        guard name.text != "base" else { throw context.error("base cannot be dropped", at: name) }
        context.session.removeScenario(name.text)
        return [.text("Dropped scenario \(name.text)")]
    }
}
