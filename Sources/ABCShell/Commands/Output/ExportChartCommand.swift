/// `export chart PATH.svg [--force]`: the current scenario's charts as a standalone SVG.
struct ExportChartCommand: ShellCommand {
    static let spec = CommandSpec(
        "export chart", group: .output, arguments: "PATH.svg",
        summary: "write the current scenario's charts as a standalone SVG file",
        example: "export chart out/pareto.svg",
        options: [.init("force", "replace an existing file")], completion: [.path], needsData: true)

    let target: String
    let force: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        target = invocation.arguments[0].text
        guard target.lowercased().hasSuffix(".svg") else {
            throw invocation.error("the chart is SVG: give a path ending in .svg", at: invocation.arguments[0])
        }
        force = invocation.flag("force")
    }

    func run(in context: CommandContext) throws -> [Block] {
        let svg = try ChartCommand.data(for: context.scenario, evaluator: context.session.evaluator).svg()
        try context.session.fileSystem.write(Array(svg.utf8), to: context.resolve(target), replace: force)
        return [.text("Wrote the charts of scenario \(context.scenario.name) to \(target)")]
    }
}
