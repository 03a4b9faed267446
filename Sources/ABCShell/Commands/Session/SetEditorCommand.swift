/// `set editor emacs|vi`: the line editor's key bindings (the interactive driver applies them).
struct SetEditorCommand: ShellCommand {
    static let spec = CommandSpec(
        "set editor", group: .session, arguments: "emacs|vi",
        summary: "key bindings of the line editor (interactive shell)",
        example: "set editor vi", completion: [.words(["emacs", "vi"])])

    let mode: String

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        let token = invocation.arguments[0]
        guard ["emacs", "vi"].contains(token.text.lowercased()) else {
            throw invocation.error("expected emacs or vi, found '\(token.text)'", at: token)
        }
        mode = token.text.lowercased()
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.editorMode = mode
        return []
    }
}
