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

    let target: String
    let force: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        target = invocation.arguments[0].text
        force = invocation.flag("force")
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let (dataset, segmentation) = try evaluator.segmentation(of: context.scenario)
        let scope = try evaluator.scope(of: context.scenario)
        let bytes = SegmentsCSV.bytes(dataset: dataset, scope: scope, segmentation: segmentation)
        try context.session.fileSystem.write(bytes, to: context.resolve(target), replace: force)
        return [.text("Wrote \(scope.metrics.count) customers to \(target)")]
    }
}
