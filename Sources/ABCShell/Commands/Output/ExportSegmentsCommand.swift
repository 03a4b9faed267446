import ABCCore

/// `export segments PATH [--force] [--sep S] [--decimal D] [--snapshot NAME]`: every customer's
/// tier, score and rank as CSV, or as an Excel workbook when PATH ends in `.xlsx`; of the current
/// scenario, or of a workspace snapshot.
struct ExportSegmentsCommand: ShellCommand {
    static let saved: SavedAs = .export

    static let spec = CommandSpec(
        "export segments", group: .output, arguments: "PATH",
        summary: "write every customer's tier, score and rank as CSV or .xlsx (and, with levers, the customer after them)",
        details: "One row per customer, sorted by customer_id. A scenario with levers adds projected_tier (or dropped), projected_revenue, projected_profit, cost_to_serve, lever_cost (the customer's share), net and profit_basis; they add up to simulate's totals. A PATH ending in .xlsx writes a workbook with the same columns as typed cells (numbers, dates, ids as text) under a frozen header, continuing on further sheets beyond 1,048,575 customers. --sep semicolon --decimal comma writes a CSV for spreadsheets in comma-decimal locales. When the scenario weighs clv, palive or expected_orders, or with --forecast (which fits the purchase and spend models for the export), palive, expected_orders and clv follow (docs/forecasting.md). --snapshot NAME writes a snapshot of the open workspace instead (its customers as they were; its data may be gone), with the same base columns. Written atomically; an existing file is replaced only with --force.",
        example: "export segments out/segments.xlsx",
        options: [.init("force", "replace an existing file"),
                  .init("sep", value: "comma|semicolon|tab", completion: .words(SegmentsCSV.Separator.allCases.map(\.rawValue)),
                        "the CSV's field separator (default comma)"),
                  .init("decimal", value: "point|comma", completion: .words(SegmentsCSV.DecimalMark.allCases.map(\.rawValue)),
                        "the CSV's decimal mark (default point; comma needs another separator)"),
                  .init("snapshot", value: "NAME", completion: .snapshot, "a snapshot of the open workspace instead of the current scenario"),
                  .init("forecast", "add palive, expected_orders and clv, fitting the models when the scenario does not weigh them")],
        completion: [.path])

    let target: OutputPath
    let xlsx: Bool
    let separator: SegmentsCSV.Separator
    let decimal: SegmentsCSV.DecimalMark
    let snapshot: Token?
    let forecast: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
        let xlsx = target.path.lowercased().hasSuffix(".xlsx")
        self.xlsx = xlsx
        func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type, default value: T) throws(CommandError) -> T
        where T.RawValue == String {
            guard let token = invocation.value(name) else { return value }
            if xlsx { throw invocation.error("--\(name) is for CSV files; a workbook has typed cells", at: invocation.options[name]?.option) }
            guard let chosen = T(rawValue: token.text.lowercased()) else {
                throw invocation.error("expected \(T.allCases.map(\.rawValue).joined(separator: " or ")) for --\(name), found '\(token.text)'", at: token)
            }
            return chosen
        }
        let separator = try choice("sep", SegmentsCSV.Separator.self, default: .comma)
        let decimal = try choice("decimal", SegmentsCSV.DecimalMark.self, default: .point)
        self.separator = separator
        self.decimal = decimal
        snapshot = invocation.value("snapshot")
        forecast = invocation.flag("forecast")
        if forecast, let snapshot {
            throw invocation.error("--forecast is for the current scenario; a snapshot keeps no forecast", at: snapshot)
        }
        if decimal == .comma && separator == .comma {
            throw invocation.error("a decimal comma needs another separator: add --sep semicolon", at: invocation.options["decimal"]?.option)
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        if let snapshot {
            let rows = SnapshotSegmentsRows(snapshot: try SnapshotName.load(snapshot, from: try context.workspace()))
            let info = rows.snapshot.info
            try write(rows, title: "Segments of snapshot \(info.name), \(info.dataset.name)", in: context)
            return [.text("Wrote \(rows.count) customers of snapshot \(info.name) to \(target.path)")]
        }
        _ = try context.dataset
        let evaluator = context.session.evaluator
        let scenario = context.scenario
        let (dataset, segmentation, outcome) = try evaluator.simulation(of: scenario)
        var scope = try evaluator.scope(of: scenario)
        if forecast && scope.metrics.forecast == nil {
            scope.metrics.forecast = ForecastColumns(try evaluator.forecast(of: scenario).forecast)
        }
        let rows = SegmentsRows(
            dataset: dataset, scope: scope, segmentation: segmentation, outcome: scenario.levers.isEmpty ? nil : outcome)
        try write(rows, title: "Segments of scenario \(scenario.name), \(dataset.name)", in: context)
        return [.text("Wrote \(scope.metrics.count) customers to \(target.path)")]
    }

    /// The rows as a workbook or a CSV, as the path's extension says.
    private func write(_ rows: some SegmentsTable, title: String, in context: CommandContext) throws {
        if xlsx {
            try target.writeWorkbook(title: title, in: context) { book throws(RequestError) in
                var names = XlsxSheetNames()
                try SegmentsWorkbook.write(rows, into: book, names: &names)
            }
        } else {
            try target.write(SegmentsCSV.bytes(rows, separator: separator, decimal: decimal), in: context)
        }
    }
}
