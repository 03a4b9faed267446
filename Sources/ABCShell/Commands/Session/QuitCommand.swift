/// `quit` (also `exit`, Ctrl-D): leaves the shell or stops a script.
struct QuitCommand: CommandWithoutArguments {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "quit", group: .session, summary: "leave the shell (also: exit, Ctrl-D); with unsaved scenarios it asks once (quit! leaves)",
        example: "quit")

    func run(in context: CommandContext) throws -> [Block] {
        context.session.quitRequested = true
        return []
    }
}
