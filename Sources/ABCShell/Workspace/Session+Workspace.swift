extension Session {
    /// Opens the workspace the command line names (`abc --workspace PATH`, `abc run --workspace
    /// PATH`): writable, and the one scripts may write. A failure is one line on `output`.
    public func openCommandLineWorkspace(_ path: String, output: OutputSink) -> Bool {
        let absolute = path.hasPrefix("/") ? path : environment.workingDirectory + "/" + path
        if !allowances.workspaces.contains(absolute) { allowances.workspaces.append(absolute) }
        do {
            let blocks = try WorkspaceOpenCommand.open(absolute, shown: path, readOnlyReason: nil, in: self)
            output.note(blocks.compactMap { if case .text(let text) = $0 { text + "\n" } else { nil } }.joined())
            return true
        } catch {
            output.report(Diagnostic(error.message))
            return false
        }
    }
}
