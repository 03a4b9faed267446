import ABCCore
import ABCWorkspace

/// The workspace a session has open (`workspace open`, `abc --workspace`): the store, where it
/// is, and why it is read-only when it is (opened by a script without being named on `abc
/// run`'s command line).
struct OpenWorkspace {
    let store: Workspace
    /// Absolute, and as the user named it (what messages print, so scripts print the same
    /// bytes wherever they run).
    let path: String
    let shown: String
    /// Why writing is refused, nil when it is allowed: the refusal says what allows it.
    let readOnlyReason: String?
    /// The scenario revision this shell last read or wrote (`Workspace.saveScenarios`); nil
    /// while the workspace holds scenarios of another session this shell has not taken in:
    /// they are then never written over.
    var scenarioRevision: Int? = 0
    /// A refused scenario write is told once.
    var scenarioWarningGiven = false

    /// The store, once writing is allowed; else the one-line refusal naming what allows it.
    func writable(for command: String) throws(RequestError) -> Workspace {
        if let readOnlyReason {
            throw RequestError("'\(command)' may not write workspace '\(path)': \(readOnlyReason)")
        }
        return store
    }
}

extension CommandContext {
    /// The open workspace, or the error saying how to open one.
    func workspace() throws(RequestError) -> OpenWorkspace {
        guard let open = session.workspace else {
            throw RequestError("no workspace is open; open one with 'workspace open PATH' (or start with abc --workspace PATH)")
        }
        return open
    }
}
