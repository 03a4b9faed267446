import Foundation

/// `save PATH [--force]`: a script that recreates this session.
struct SaveCommand: ShellCommand {
    static let spec = CommandSpec(
        "save", group: .session, arguments: "PATH",
        summary: "write a script that recreates this session (data, scenarios, levers)",
        details: "Written atomically; an existing file is replaced only with --force. Replay with `run PATH` or `abc run PATH`.",
        example: "save workshop.abc", options: [.init("force", "replace an existing file")],
        completion: [.path])

    let target: String
    let force: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        target = invocation.arguments[0].text
        force = invocation.flag("force")
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let path = context.resolve(target)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        let script = ScenarioScript.text(of: session, scriptFolder: folder)
        try session.fileSystem.write(Array(script.utf8), to: path, replace: force)
        let count = session.scenarios.count
        return [.text("Saved \(count) scenario\(count == 1 ? "" : "s") to \(target)")]
    }
}
