/// `output [FILE|DIR] [--force]`: every later command's output to FILE, or a file per command
/// into the folder DIR; `output` alone returns to the screen (sqlite3's `.output`).
struct OutputCommand: ShellCommand {
    static let spec = CommandSpec(
        "output", group: .output, arguments: "[FILE|DIR]",
        summary: "send the output of every later command to a file (or a file per command into a folder); alone: back to the screen",
        details: """
            FILE is created at once (an existing file only with --force) and each later command's
            output, in the format in force then, is added once the command succeeds; errors and
            notes stay on the screen. DIR, an existing folder, gets a file per command numbered in
            order (1-segment.txt, 2-simulate.jsonl), or with `set format csv --all` a CSV file per
            table (3-simulate-before_after.csv). Inside scripts the path follows the same rules as
            exports.
            """,
        example: "output out/workshop.jsonl",
        options: [.init("force", "replace an existing file")],
        completion: [.path])

    let target: OutputPath?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...1)
        target = invocation.arguments.isEmpty ? nil : try OutputPath(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        var blocks: [Block] = []
        guard let target else {
            session.outputRedirect.target = nil
            if session.outputRedirect.csvAll {
                session.outputRedirect.csvAll = false
                blocks.append(.text("set format csv --all ends: output is on the screen"))
            }
            return blocks
        }
        let path = context.resolve(target.path)
        if session.fileSystem.entry(at: path).isDirectory {
            try context.check(path, for: .write(replacing: false), at: target.token)
            session.outputRedirect.target = .folder(path: path, written: 0)
            return blocks
        }
        try target.write([], in: context)
        session.outputRedirect.target = .file(path: path, written: [])
        if session.outputRedirect.csvAll {
            session.outputRedirect.csvAll = false
            blocks.append(.text("set format csv --all ends: a file per table needs `output DIR`"))
        }
        return blocks
    }
}
