/// `workspace close`: closes the open workspace; nothing is kept until another is opened.
struct WorkspaceCloseCommand: CommandWithoutArguments {
    static let isUndoable = false

    static let spec = CommandSpec(
        "workspace close", group: .workspace,
        summary: "close the open workspace (nothing is kept until another is opened)",
        example: "workspace close")

    func run(in context: CommandContext) throws -> [Block] {
        let open = try context.workspace()
        open.store.close()
        context.session.workspace = nil
        return [.text("Closed workspace \(open.shown)")]
    }
}
