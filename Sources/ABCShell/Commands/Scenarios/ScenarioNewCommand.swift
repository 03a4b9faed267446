/// `scenario new NAME [from OTHER]`: a copy of the current scenario (or of OTHER).
struct ScenarioNewCommand: ShellCommand {
    static let spec = CommandSpec(
        "scenario new", group: .scenarios, arguments: "NAME [from OTHER]",
        summary: "make a scenario, a copy of the current one (or of OTHER), and switch to it",
        details: "A scenario holds criteria and weights, the tiering rule and levers. `base` always exists.",
        example: "scenario new lean from base", completion: [.none, .words(["from"]), .scenario])

    let name: Token
    let parent: Token?

    init(parsing invocation: Invocation) throws(CommandError) {
        let args = invocation.arguments
        if args.count > 1 && args[1].text != "from" { throw invocation.error("expected 'from OTHER' after the name", at: args[1]) }
        if args.count == 2 { throw invocation.missing("missing the scenario to copy after 'from'; usage: \(Self.spec.usage)") }
        try invocation.expectArguments(args.count <= 1 ? 1...1 : 3...3)
        try ScenarioName.checkNew(args[0])
        name = args[0]
        parent = args.count == 3 ? args[2] : nil
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        if session.scenario(named: name.text) != nil {
            throw context.error("scenario '\(name.text)' exists; pick another name or `scenario use \(name.text)`", at: name)
        }
        var copy = try parent.map { token throws(CommandError) in try ScenarioName.lookup(token, in: session) } ?? session.scenario
        copy.parent = copy.name
        copy.name = name.text
        session.addScenario(copy)
        return [.text("Scenario \(name.text): a copy of \(copy.parent ?? "base")")]
    }
}
