/// `set format table|markdown|csv|json`: how tables print.
struct SetFormatCommand: ShellCommand {
    static let spec = CommandSpec(
        "set format", group: .output, arguments: "table|markdown|csv|json",
        summary: "how tables are printed",
        example: "set format markdown",
        completion: [.words(OutputFormat.allCases.map(\.rawValue))])

    let format: OutputFormat

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        let token = invocation.arguments[0]
        guard let format = OutputFormat(rawValue: token.text.lowercased()) else {
            throw invocation.error("expected table, markdown, csv or json, found '\(token.text)'", at: token)
        }
        self.format = format
    }

    func run(in context: CommandContext) throws -> [Block] {
        context.session.setFormat(format)
        return []
    }
}
