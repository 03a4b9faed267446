/// `scenario rename OLD NEW`: a scenario under a new name; copies made from it follow.
struct ScenarioRenameCommand: ShellCommand {
    static let spec = CommandSpec(
        "scenario rename", group: .scenarios, arguments: "OLD NEW",
        summary: "give a scenario another name (not base)", example: "scenario rename lean lean-c",
        completion: [.scenario, .none])

    let old: Token
    let new: Token

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(2...2)
        old = invocation.arguments[0]
        new = invocation.arguments[1]
        try ScenarioName.checkNew(new)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        _ = try ScenarioName.lookup(old, in: session)
        guard old.text != "base" else { throw context.error("base cannot be renamed", at: old) }
        if session.scenario(named: new.text) != nil {
            throw context.error("scenario '\(new.text)' exists; pick another name", at: new)
        }
        let renamed = session.scenarios.map { s in
            var s = s
            if s.name == old.text { s.name = new.text }
            if s.parent == old.text { s.parent = new.text }
            return s
        }
        let current = session.scenario.name == old.text ? new.text : session.scenario.name
        session.replaceScenarios(renamed, current: current)
        return [.text("Renamed scenario \(old.text) to \(new.text)")]
    }
}
