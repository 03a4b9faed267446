import ABCCore

/// `set asof DATE|off`: every metric as of a day.
struct SetAsOfCommand: ShellCommand {
    static let spec = CommandSpec(
        "set asof", group: .segmentation, arguments: "DATE|off",
        summary: "compute every metric as of a day: later transactions are ignored",
        example: "set asof 2025-06-30", completion: [.words(["off"])])

    /// nil: the end of the data.
    let day: Int32?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        let token = invocation.arguments[0]
        if token.text.lowercased() == "off" {
            day = nil
            return
        }
        guard let day = CivilDate.parseISO(token.text) else {
            throw invocation.error("expected a date like 2024-06-30, or off, found '\(token.text)'", at: token)
        }
        self.day = day
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        s.asOf = day
        try context.session.setScenario(checkingWindow: s)
        return [.text("As of: " + (s.asOf.map(CivilDate.iso) ?? "the end of the data"))]
    }
}
