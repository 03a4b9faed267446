/// `snapshot drop NAME`: removes a snapshot from the workspace.
struct SnapshotDropCommand: CommandWithOneArgument {
    static let saved: SavedAs = .export
    static let isUndoable = false

    static let spec = CommandSpec(
        "snapshot drop", group: .workspace, arguments: "NAME",
        summary: "remove a snapshot from the workspace", example: "snapshot drop 2025Q3", completion: [.snapshot])

    let name: Token

    init(argument: Token) { name = argument }

    func run(in context: CommandContext) throws -> [Block] {
        let open = try context.workspace()
        let store = try open.writable(for: "snapshot drop")
        guard try store.dropSnapshot(named: name.text) else { throw SnapshotName.unknown(name, in: open) }
        return [.text("Dropped snapshot \(name.text)")]
    }
}
