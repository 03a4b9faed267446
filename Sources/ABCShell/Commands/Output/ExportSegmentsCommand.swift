import ABCCore

/// `export segments PATH [--force]`: every customer's tier, score and rank as CSV.
struct ExportSegmentsCommand: ShellCommand {
    static let spec = CommandSpec(
        "export segments", group: .output, arguments: "PATH",
        summary: "write every customer's tier, score and rank as CSV",
        details: "One row per customer, sorted by customer_id. Written atomically; an existing file is replaced only with --force.",
        example: "export segments out/segments.csv",
        options: [.init("force", "replace an existing file")],
        completion: [.path], needsData: true)

    let target: OutputPath

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let (dataset, segmentation) = try evaluator.segmentation(of: context.scenario)
        let scope = try evaluator.scope(of: context.scenario)
        let bytes = SegmentsCSV.bytes(dataset: dataset, scope: scope, segmentation: segmentation)
        try target.write(bytes, in: context)
        return [.text("Wrote \(scope.metrics.count) customers to \(target.path)")]
    }
}
