import ABCCore
import ABCWorkspace

/// `workspace open PATH`: opens (or creates, mode 0600) the workspace file PATH; from a script
/// it opens read-only unless `abc run`'s command line names it.
struct WorkspaceOpenCommand: CommandWithOneArgument {
    static let isUndoable = false

    static let spec = CommandSpec(
        "workspace open", group: .workspace, arguments: "PATH",
        summary: "open a workspace file, creating it when missing (only you may read it)",
        details: "The workspace keeps snapshots (snapshot save) in one SQLite file; every write is one transaction, so a crash leaves it whole, and a second abc writing it waits for the first. A missing file is created with mode 0600. A file that is not an abc workspace, or one made by a later abc, is refused and left alone. From a script (abc run, run, piped input) a workspace opens read-only unless abc run --workspace PATH names it.",
        example: "workspace open quarters.abcw", completion: [.path])

    let path: Token

    init(argument: Token) { path = argument }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let resolved = context.resolve(path.text)
        let real = session.fileSystem.realPath(ofPossiblyMissing: resolved)
        var readOnlyReason: String?
        if let fence = context.fence {
            let access = fence.workspaceAccess(resolved)
            if access.readOnly {
                try context.check(resolved, for: .read, at: path)
                readOnlyReason = (access.reason ?? "a workspace opens read-only from a script")
                    + (session.allowances.safe ? "; abc run --safe allows no writes" : " (abc run --workspace PATH allows writing)")
                if !session.fileSystem.fileExists(resolved) {
                    throw context.error("'workspace open' may not create workspace '\(real)' from a script: \(readOnlyReason ?? "")", at: path)
                }
            }
        }
        do {
            return try Self.open(resolved, shown: path.text, readOnlyReason: readOnlyReason, in: session)
        } catch {
            throw context.error(error.message, at: path)
        }
    }

    /// Opens the workspace at `resolved` (absolute) in `session`, in place of the one open; what
    /// it prints. `readOnlyReason` opens it read-only and is what a refused write says.
    static func open(_ resolved: String, shown: String, readOnlyReason: String?, in session: Session) throws(RequestError) -> [Block] {
        let existed = session.fileSystem.fileExists(resolved)
        let store = try Workspace(path: resolved, displayName: shown, readOnly: readOnlyReason != nil)
        let count = try store.snapshots().count
        session.workspace?.store.close()
        session.workspace = OpenWorkspace(
            store: store, path: session.fileSystem.realPath(ofPossiblyMissing: resolved), shown: shown, readOnlyReason: readOnlyReason)
        if !existed { session.noteCreated(resolved) }
        let what = existed ? "\(count) snapshot\(count == 1 ? "" : "s")" : "new, empty"
        let restored = session.restoreScenariosFromWorkspace()
        return [.text("Workspace \(shown) open (\(what))" + (readOnlyReason == nil ? "" : ", read-only"))] + restored.map { .text($0) }
    }
}
