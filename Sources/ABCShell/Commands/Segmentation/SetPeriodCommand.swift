import ABCCore

/// `set period FROM TO | last N months|days|years | year Y | quarter YQn | month Y-M | all`.
struct SetPeriodCommand: ShellCommand {
    static let spec = CommandSpec(
        "set period", group: .segmentation, arguments: "FROM TO | last N months|days|years | year Y | quarter YQn | month Y-M | all",
        summary: "restrict the metrics to a period (counted back from the data's last date)",
        details: """
            Only transactions in the period count; recency and tenure are measured from its end,
            and only customers who bought in it are segmented. `last 12 months`, `year 2024`,
            `quarter 2024Q3` are counted back from the dataset's reference date, never from
            today. `set period all` returns to all the data. Needs transactions with dates.
            """,
        example: "set period last 12 months",
        completion: [.words(["last", "year", "quarter", "month", "all"]), .none, .words(["months", "days", "years"])])

    /// nil: all the data.
    let period: Period?

    init(parsing invocation: Invocation) throws(CommandError) {
        let words = invocation.arguments.map(\.text)
        if words.count == 1 && words[0].lowercased() == "all" {
            period = nil
            return
        }
        guard let period = Period(words: words) else {
            throw CommandError(
                "expected FROM TO (2024-01-01 2024-06-30), last N months|days|years, year 2024, quarter 2024Q3, month 2024-03 or all",
                column: invocation.arguments.first?.column ?? invocation.endColumn + 1)
        }
        self.period = period
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        s.period = period
        try context.session.setScenario(checkingWindow: s)
        return [.text("Period: " + (s.period.map { $0.script } ?? "all data"))]
    }
}
