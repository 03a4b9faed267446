import ABCCore

/// `once FILE [--force]`: the next command's output to FILE (sqlite3's `.once`).
struct OnceCommand: ShellCommand {
    static let spec = CommandSpec(
        "once", group: .output, arguments: "FILE",
        summary: "send the next command's output to a file",
        details: """
            The next command's output, in the format in force, is written to FILE once it
            succeeds (an existing file is replaced only with --force); errors and notes stay on
            the screen, and so does the output of the commands after it. Inside scripts the path
            follows the same rules as exports.
            """,
        example: "once out/segment.csv",
        options: [.init("force", "replace an existing file")],
        completion: [.path])

    let target: OutputPath

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let path = try target.resolve(in: context)
        let entry = context.session.fileSystem.entry(at: path)
        if entry.isDirectory { throw RequestError("cannot write '\(path)': it is a folder") }
        if entry.exists && !target.force { throw RequestError("'\(path)' exists; add --force to replace it") }
        context.session.outputRedirect.once = (path, target.force)
        return []
    }
}
