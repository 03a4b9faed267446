import ABCCore

/// `export report PATH.md|PATH.html [--force]`: every scenario's settings, tier profile,
/// simulation and chart, and their comparison.
struct ExportReportCommand: ShellCommand {
    static let saved: SavedAs = .export

    static let spec = CommandSpec(
        "export report", group: .output, arguments: "PATH.md|PATH.html",
        summary: "write a workshop report: settings, tier profiles, simulations, comparison, charts",
        details: "The HTML report is one self-contained page (inline SVG, no external files).",
        example: "export report workshop.html",
        options: [.init("force", "replace an existing file")], completion: [.path], needsData: true)

    let target: OutputPath
    let html: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
        let lowered = target.path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { html = true }
        else if lowered.hasSuffix(".md") { html = false }
        else { throw invocation.error("the report is markdown or HTML: give a path ending in .md or .html", at: invocation.arguments[0]) }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let evaluator = session.evaluator
        let dataset = try context.dataset
        let money = session.moneyFormatter()
        var sections: [ReportWriter.Section] = []
        for s in session.scenarios {
            var settings = ["criteria: " + SegmentationViews.criteriaDescription(s.effectiveCriteria(for: dataset.metrics)),
                            "tiers: " + SegmentationViews.ruleDescription(s.rule)]
            if let period = s.period { settings.append("period: " + period.script) }
            if let asOf = s.asOf { settings.append("as of: " + CivilDate.iso(asOf)) }
            for (i, lever) in s.levers.enumerated() { settings.append("lever \(i + 1): " + LeverKinds.script(lever, money: money)) }
            var blocks: [Block] = [.text(settings.joined(separator: "\n"))]
            blocks += try SegmentCommand.blocks(of: s, evaluator: evaluator)
            if !s.levers.isEmpty { blocks += try SimulateCommand.blocks(of: s, evaluator: evaluator, annualise: false).dropFirst() }
            sections.append(.init(heading: "Scenario \(s.name)", blocks: blocks, chart: try ChartCommand.data(for: s, evaluator: evaluator)))
        }
        if session.scenarios.count > 1 {
            let names = session.scenarios.map { Token($0.name, column: 1) }
            sections.append(.init(heading: "Comparison", blocks: try CompareCommand.blocks(comparing: names, session: session), chart: nil))
        }
        let title = "ABC segmentation of \(dataset.name)"
        let text = html ? ReportWriter.html(title: title, sections: sections) : ReportWriter.markdown(title: title, sections: sections)
        try target.write(Array(text.utf8), in: context)
        let count = session.scenarios.count
        return [.text("Wrote a report of \(count) scenario\(count == 1 ? "" : "s") to \(target.path)")]
    }
}
