/// `quit` (also `exit`, Ctrl-D): leaves the shell or stops a script.
struct QuitCommand: ShellCommand {
    static let spec = CommandSpec(
        "quit", group: .session, summary: "leave the shell (also: exit, Ctrl-D)", example: "quit")

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...0)
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.quitRequested = true
        return []
    }
}
