/// `lever clear`: removes every lever of the current scenario.
struct LeverClearCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "lever clear", group: .whatIf, summary: "remove every lever of the current scenario",
        example: "lever clear")

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        let count = s.levers.count
        s.levers = []
        context.session.setScenario(s)
        return [.text("Removed \(count) lever\(count == 1 ? "" : "s") of scenario \(s.name)")]
    }
}
