import ABCCore

/// `export segments PATH [--force]`: every customer's tier, score and rank as CSV.
struct ExportSegmentsCommand: ShellCommand {
    static let saved: SavedAs = .export

    static let spec = CommandSpec(
        "export segments", group: .output, arguments: "PATH",
        summary: "write every customer's tier, score and rank as CSV (and, with levers, the customer after them)",
        details: "One row per customer, sorted by customer_id. A scenario with levers adds projected_tier (or dropped), projected_revenue, projected_profit, cost_to_serve, lever_cost (the customer's share), net and profit_basis; they add up to simulate's totals. Written atomically; an existing file is replaced only with --force.",
        example: "export segments out/segments.csv",
        options: [.init("force", "replace an existing file")],
        completion: [.path], needsData: true)

    let target: OutputPath

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let scenario = context.scenario
        let (dataset, segmentation, outcome) = try evaluator.simulation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        let bytes = SegmentsCSV.bytes(
            dataset: dataset, scope: scope, segmentation: segmentation, outcome: scenario.levers.isEmpty ? nil : outcome)
        try target.write(bytes, in: context)
        return [.text("Wrote \(scope.metrics.count) customers to \(target.path)")]
    }
}
