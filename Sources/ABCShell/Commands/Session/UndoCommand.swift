/// `undo`: the scenarios as they were before the last command that changed them.
struct UndoCommand: CommandWithoutArguments {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "undo", group: .session,
        summary: "take back the last change to the scenarios (repeatable)",
        details: "One step per command that changed scenarios, settings or levers; a `run` is one step. Loading data, formats and exports are not undone.",
        example: "undo")

    static let isUndoable = false

    func run(in context: CommandContext) throws -> [Block] {
        guard let command = context.session.undo() else { return [.text("Nothing to undo")] }
        let s = context.scenario
        return [.text("Undone: \(command) (scenario \(s.name) now has \(s.levers.count) lever\(s.levers.count == 1 ? "" : "s"))")]
    }
}
