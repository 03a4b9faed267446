/// `workspace [show]`: which workspace is open (and whether read-only), or that none is.
struct WorkspaceCommand: ShellCommand {
    static let saved: SavedAs = .omitted
    static let isUndoable = false

    static let spec = CommandSpec(
        "workspace", group: .workspace, arguments: "[show]",
        summary: "which workspace is open, and its snapshots",
        details: "A workspace is one SQLite file that keeps segmentation snapshots, so next quarter's data can be compared with this quarter's tiers after the old file is gone. Without one, nothing is written. Open one with 'workspace open PATH' or abc --workspace PATH.",
        example: "workspace", completion: [.words(["show", "open", "close"])])

    init(parsing invocation: Invocation) throws(CommandError) {
        if let word = invocation.arguments.first, word.text != "show" {
            throw invocation.error("expected 'workspace show', 'workspace open PATH' or 'workspace close', found '\(word.text)'", at: word)
        }
        try invocation.expectArguments(0...1)
    }

    func run(in context: CommandContext) throws -> [Block] {
        guard let open = context.session.workspace else {
            return [.text("No workspace is open: nothing is kept. Open one with 'workspace open PATH'.")]
        }
        let count = try open.store.snapshots().count
        let access = open.readOnlyReason.map { " (read-only: \($0))" } ?? ""
        return [.text("Workspace \(open.shown)\(access): \(count) snapshot\(count == 1 ? "" : "s")")]
    }
}
