import Foundation

/// `save PATH [--force] [--with-exports | --scenarios-only]`: a script that replays this
/// session: the commands that ran, in order, or the scenarios as they stand.
struct SaveCommand: ShellCommand {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "save", group: .session, arguments: "PATH",
        summary: "write a script of this session: the commands that ran, in order (or the scenarios alone)",
        details: """
            The script holds every command that succeeded, in the order it ran, one per line, so \
            `abc run PATH` prints what they printed; failed and undone commands are left out, and \
            so are help, history, timer, save and set editor. Exports are written commented out \
            unless --with-exports; paths are relative to the script's folder. --scenarios-only \
            writes the data and the scenarios as they stand instead (base first, then each \
            scenario as a copy of its parent). Written atomically; an existing file is replaced \
            only with --force. Replay with `run PATH` or `abc run PATH`.
            """,
        example: "save workshop.abc",
        options: [
            .init("force", "replace an existing file"),
            .init("with-exports", "keep the export commands (they write their files again on replay)"),
            .init("scenarios-only", "the data and scenarios as they stand, not the commands that ran"),
        ],
        completion: [.path])

    let target: OutputPath
    let withExports: Bool
    let scenariosOnly: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
        withExports = invocation.flag("with-exports")
        scenariosOnly = invocation.flag("scenarios-only")
        if withExports, scenariosOnly, let option = invocation.options["scenarios-only"]?.option {
            throw invocation.error("--scenarios-only writes no commands, so no exports: give one of --with-exports and --scenarios-only", at: option)
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let folder = URL(fileURLWithPath: context.resolve(target.path)).deletingLastPathComponent().standardizedFileURL.path
        let script = scenariosOnly
            ? ScenarioScript.scenarios(of: session, scriptFolder: folder)
            : ScenarioScript.session(of: session, scriptFolder: folder, withExports: withExports)
        try target.write(Array(script.utf8), in: context)
        session.markSaved()
        let count = session.scenarios.count
        let scenarios = "\(count) scenario\(count == 1 ? "" : "s")"
        if scenariosOnly { return [.text("Saved \(scenarios) to \(target.path)")] }
        let commands = session.record.count
        return [.text("Saved \(commands) command\(commands == 1 ? "" : "s") (\(scenarios)) to \(target.path)")]
    }
}
