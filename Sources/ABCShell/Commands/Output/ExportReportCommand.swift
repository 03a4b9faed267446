import ABCCore

/// `export report PATH.md|PATH.html|PATH.xlsx [--force]`: every scenario's settings, tier
/// profile, simulation and chart, and their comparison (a workbook: a sheet per table, and the
/// current scenario's customers).
struct ExportReportCommand: ShellCommand {
    static let spec = CommandSpec(
        "export report", group: .output, arguments: "PATH.md|PATH.html|PATH.xlsx",
        summary: "write a workshop report: settings, tier profiles, simulations, comparison, charts",
        details: "The HTML report is one self-contained page (inline SVG, no external files). The .xlsx report has a sheet per table: summary (settings, and what each sheet holds), each scenario's profile, levers, simulation and migration, the comparison, and the current scenario's customers on segments, as export segments writes them.",
        example: "export report workshop.html",
        options: [.init("force", "replace an existing file")], completion: [.path], needsData: true)

    let target: OutputPath
    enum Kind { case markdown, html, xlsx }
    let kind: Kind

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try OutputPath(invocation)
        let lowered = target.path.lowercased()
        if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") { kind = .html }
        else if lowered.hasSuffix(".md") { kind = .markdown }
        else if lowered.hasSuffix(".xlsx") { kind = .xlsx }
        else { throw invocation.error("the report is markdown, HTML or a workbook: give a path ending in .md, .html or .xlsx", at: invocation.arguments[0]) }
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
        switch kind {
        case .html: try target.write(Array(ReportWriter.html(title: title, sections: sections).utf8), in: context)
        case .markdown: try target.write(Array(ReportWriter.markdown(title: title, sections: sections).utf8), in: context)
        case .xlsx:
            let scenario = context.scenario
            let (data, segmentation, outcome) = try evaluator.simulation(of: scenario)
            let segments = SegmentsRows(
                dataset: data, scope: try evaluator.scope(of: scenario), segmentation: segmentation,
                outcome: scenario.levers.isEmpty ? nil : outcome)
            try target.writeWorkbook(title: title, in: context) { book throws(RequestError) in
                try ReportWorkbook.write(title: title, sections: sections, segments: segments, into: book)
            }
        }
        let count = session.scenarios.count
        return [.text("Wrote a report of \(count) scenario\(count == 1 ? "" : "s") to \(target.path)")]
    }
}
