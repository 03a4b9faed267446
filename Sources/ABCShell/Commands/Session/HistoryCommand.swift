/// `history`: the commands typed at the prompt, numbered.
struct HistoryCommand: CommandWithoutArguments {
    static let saved: SavedAs = .omitted

    static let spec = CommandSpec(
        "history", group: .session, summary: "the commands typed at the prompt, oldest first (kept across sessions)",
        example: "history")

    func run(in context: CommandContext) throws -> [Block] {
        guard let entries = context.session.historyProvider?() else { return [.text("no history outside the interactive shell")] }
        let width = String(entries.count).count
        return [.text(entries.enumerated().map { i, entry in
            String(repeating: " ", count: width - String(i + 1).count) + "\(i + 1)  \(entry)"
        }.joined(separator: "\n"))]
    }
}
