/// `set format table|markdown|csv|json`: how tables print.
struct SetFormatCommand: ShellCommand {
    static let spec = CommandSpec(
        "set format", group: .output, arguments: "table|markdown|csv|json",
        summary: "how tables are printed",
        example: "set format markdown",
        completion: [.words(OutputFormat.allCases.map(\.rawValue))])

    let format: OutputFormat

    init(parsing invocation: Invocation) throws(CommandError) {
        format = try invocation.choice(OutputFormat.self)
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.setFormat(format)
        return []
    }
}
