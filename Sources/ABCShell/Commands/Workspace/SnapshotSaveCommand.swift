import ABCCore

/// `snapshot save NAME [--force]`: the current scenario's segmentation kept in the workspace.
struct SnapshotSaveCommand: ShellCommand {
    static let saved: SavedAs = .export
    static let isUndoable = false

    static let spec = CommandSpec(
        "snapshot save", group: .workspace, arguments: "NAME",
        summary: "keep the current scenario's segmentation in the workspace under NAME",
        details: "Keeps every customer of the scenario's window with its tier, score, rank and metrics (revenue, profit, orders, first and last purchase), the tier profile, the scenario's settings as script lines, and the dataset's fingerprint: its name, size and CRC-32 content hash (a check against a changed file, not a cryptographic one; the per-customer figures' when there is no file), rows, customers, window and reference date. The segmentation is the one segment shows (before levers; the levers are in the settings). Written in one transaction: whole or not at all. An existing snapshot is replaced only with --force.",
        example: "snapshot save 2025Q3", options: [.init("force", "replace a snapshot of the same name")],
        completion: [.none], needsData: true)

    let name: Token
    let force: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        name = invocation.arguments[0]
        force = invocation.flag("force")
        try SnapshotName.check(name)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let store = try context.workspace().writable(for: "snapshot save")
        if !force, try store.hasSnapshot(named: name.text) {
            throw context.error("snapshot '\(name.text)' exists; add --force to replace it", at: name)
        }
        let snapshot = try SnapshotCapture.snapshot(named: name.text, of: context.scenario, session: session, hashing: true)
        try store.save(snapshot, replacing: force)
        let info = snapshot.info
        let taken = session.timerOn ? "; taken \(SnapshotViews.taken(info.takenAt))" : ""
        return [.text("Saved snapshot \(info.name) of scenario \(info.scenario): \(snapshot.customers.count) customers "
            + "(\(SnapshotViews.tierSizes(snapshot.tiers))), \(info.dataset.name), \(info.window)\(taken)")]
    }
}
