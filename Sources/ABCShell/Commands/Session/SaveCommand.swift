import Foundation

/// `save PATH [--force]`: a script that recreates this session.
struct SaveCommand: ShellCommand {
    static let spec = CommandSpec(
        "save", group: .session, arguments: "PATH",
        summary: "write a script that recreates this session (data, scenarios, levers)",
        details: "Written atomically; an existing file is replaced only with --force. Replay with `run PATH` or `abc run PATH`.",
        example: "save workshop.abc", options: [.init("force", "replace an existing file")],
        completion: [.path])

    let target: OutputPath

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let folder = URL(fileURLWithPath: context.resolve(target.path)).deletingLastPathComponent().standardizedFileURL.path
        let script = ScenarioScript.text(of: session, scriptFolder: folder)
        try target.write(Array(script.utf8), in: context)
        session.markSaved()
        let count = session.scenarios.count
        return [.text("Saved \(count) scenario\(count == 1 ? "" : "s") to \(target.path)")]
    }
}
