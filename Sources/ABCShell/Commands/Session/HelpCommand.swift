/// `help [COMMAND]`: the command list, or one command in full.
struct HelpCommand: ShellCommand {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "help", group: .session, arguments: "[COMMAND]",
        summary: "list the commands, or show one in full",
        example: "help set tiers", completion: [.words([])])

    let words: [Token]

    init(parsing invocation: Invocation) throws(CommandError) {
        words = invocation.arguments
    }

    func run(in context: CommandContext) throws -> [Block] {
        guard let first = words.first else { return [.text(HelpText.overview())] }
        let name = first.text.lowercased()
        let group = CommandTable.all.filter { $0.words[0] == name && $0.words.count > 1 }
        if words.count == 1 && !group.isEmpty && !CommandTable.all.contains(where: { $0.name == name }) {
            return [.text(HelpText.group(first.text, group))]
        }
        guard let spec = CommandTable.spec(for: words.map(\.text)) else {
            let text = words.map(\.text).joined(separator: " ")
            var message = "no command '\(text)'"
            if let s = CommandTable.suggestion(for: text) { message += "; did you mean '\(s)'?" }
            throw context.error(message, at: first)
        }
        return [.text(HelpText.details(spec))]
    }
}
