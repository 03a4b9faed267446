extension Session {
    /// Whether a writable workspace keeps this session's scenarios (then no journal is needed).
    public var keepsScenariosInWorkspace: Bool { workspace.map { $0.readOnlyReason == nil && $0.scenarioRevision != nil } ?? false }

    /// Opens the workspace the command line names (`abc --workspace PATH`, `abc run --workspace
    /// PATH`): writable, and the one scripts may write. Quiet, as the command line asked for it
    /// (a replay prints what its script prints); a failure is one line on `output`.
    public func openCommandLineWorkspace(_ path: String, output: OutputSink) -> Bool {
        let absolute = path.hasPrefix("/") ? path : environment.workingDirectory + "/" + path
        if !allowances.workspaces.contains(absolute) { allowances.workspaces.append(absolute) }
        do {
            // What it restored is said beside the output (stderr), which stays the script's.
            for case .text(let line) in try WorkspaceOpenCommand.open(absolute, shown: path, readOnlyReason: nil, in: self).dropFirst() {
                output.note(line + "\n")
            }
            return true
        } catch {
            output.report(Diagnostic(error.message))
            return false
        }
    }
}
