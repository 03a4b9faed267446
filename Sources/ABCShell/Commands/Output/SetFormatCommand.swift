import ABCCore

/// `set format table|markdown|csv|json [--all]`: how command output prints.
struct SetFormatCommand: ShellCommand {
    static let spec = CommandSpec(
        "set format", group: .output, arguments: "table|markdown|csv|json",
        summary: "how tables are printed",
        details: """
            table and markdown print the tables with the text between them. json prints one JSON
            Lines document per command: {"command": …, "tables": [{"name": …, "title": …, "rows":
            [{…}]}], "notes": […]}, typed records (docs/json-schema.json). csv prints the command's
            main table; its text and other tables go to standard error. --all (csv, after
            `output DIR`) writes every table of each command as a CSV file of its own.
            """,
        example: "set format markdown",
        options: [.init("all", "csv: a file per table, into the folder `output DIR` names")],
        completion: [.words(OutputFormat.allCases.map(\.rawValue))])

    let format: OutputFormat
    let all: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        format = try invocation.choice(OutputFormat.self)
        all = invocation.flag("all")
        if all && format != .csv { throw invocation.error("--all is for csv (a file per table)") }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        if all {
            guard case .folder = session.outputRedirect.target else {
                throw RequestError("--all writes a file per table: name a folder with `output DIR` first")
            }
        }
        session.setFormat(format)
        session.outputRedirect.csvAll = all
        return []
    }
}
