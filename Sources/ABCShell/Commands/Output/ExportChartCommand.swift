/// `export chart PATH.svg [--force]`: the current scenario's charts as a standalone SVG.
struct ExportChartCommand: ShellCommand {
    static let saved: SavedAs = .export

    static let spec = CommandSpec(
        "export chart", group: .output, arguments: "PATH.svg",
        summary: "write the current scenario's charts as a standalone SVG file",
        example: "export chart out/pareto.svg",
        options: [.init("force", "replace an existing file")], completion: [.path], needsData: true)

    let target: OutputPath

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
        guard target.path.lowercased().hasSuffix(".svg") else {
            throw invocation.error("the chart is SVG: give a path ending in .svg", at: invocation.arguments[0])
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let svg = try ChartCommand.data(for: context.scenario, evaluator: context.session.evaluator).svg()
        try target.write(Array(svg.utf8), in: context)
        return [.text("Wrote the charts of scenario \(context.scenario.name) to \(target.path)")]
    }
}
