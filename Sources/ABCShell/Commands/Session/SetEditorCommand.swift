/// `set editor emacs|vi`: the line editor's key bindings (the interactive driver applies them).
struct SetEditorCommand: ShellCommand {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "set editor", group: .session, arguments: "emacs|vi",
        summary: "key bindings of the line editor (interactive shell)",
        example: "set editor vi", completion: [.words(["emacs", "vi"])])

    enum Mode: String, CaseIterable { case emacs, vi }

    let mode: String

    init(parsing invocation: Invocation) throws(CommandError) {
        mode = try invocation.choice(Mode.self).rawValue
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.editorMode = mode
        return []
    }
}
