/// `snapshot list`: the workspace's snapshots in the order they were taken.
struct SnapshotListCommand: CommandWithoutArguments {
    static let saved: SavedAs = .omitted
    static let isUndoable = false

    static let spec = CommandSpec(
        "snapshot list", group: .workspace,
        summary: "the workspace's snapshots: name, reference date, dataset, window, customers, tier sizes",
        details: "In the order they were taken. With timer on, also when each was taken.",
        example: "snapshot list")

    func run(in context: CommandContext) throws -> [Block] {
        let open = try context.workspace()
        let snapshots = try open.store.snapshots()
        if snapshots.isEmpty { return [.text("No snapshots in \(open.shown) yet; keep one with 'snapshot save NAME'.")] }
        return [.table(SnapshotViews.list(snapshots, withTimes: context.session.timerOn))]
    }
}
