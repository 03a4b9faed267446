import ABCCore

/// `export report PATH.md|PATH.html|PATH.xlsx [--force]`: the scenario summary, then per
/// scenario its settings, tier profile, simulation (with the Monte Carlo bands of its last
/// `simulate --runs`) and charts, the comparison, and the data quality (a workbook: a sheet per
/// table, and the current scenario's customers).
struct ExportReportCommand: ShellCommand {
    static let saved: SavedAs = .export

    static let spec = CommandSpec(
        "export report", group: .output, arguments: "PATH.md|PATH.html|PATH.xlsx",
        summary: "write a workshop report: summary, settings, tier profiles, simulations, charts, comparison, data quality",
        details: """
            The summary of every scenario first; then per scenario its settings, tier profile,
            simulation and charts; the comparison; and the data quality (rows read, used and
            skipped, returns, assumptions). A scenario shows Monte Carlo bands when `simulate
            --runs N` ran for it and its settings have not changed since. The HTML report is one
            self-contained page (inline SVG and CSS, no network, prints on A4). The .xlsx report
            has a sheet per table (summary with the settings and what each sheet holds, each
            scenario's profile, levers, simulation and migration, the comparison, the data
            quality) and the current scenario's customers on `segments`, as export segments
            writes them.
            """,
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
        let report = try Self.report(of: session)
        switch kind {
        case .html: try target.write(Array(report.html().utf8), in: context)
        case .markdown: try target.write(Array(report.markdown().utf8), in: context)
        case .xlsx:
            let evaluator = session.evaluator
            let scenario = context.scenario
            let (data, segmentation, outcome) = try evaluator.simulation(of: scenario)
            let segments = SegmentsRows(
                dataset: data, scope: try evaluator.scope(of: scenario), segmentation: segmentation,
                outcome: scenario.levers.isEmpty ? nil : outcome)
            try target.writeWorkbook(title: report.title, in: context) { book throws(RequestError) in
                try ReportWorkbook.write(report, segments: segments, into: book)
            }
        }
        let count = session.scenarios.count
        return [.text("Wrote a report of \(count) scenario\(count == 1 ? "" : "s") to \(target.path)")]
    }

    /// A file's name without its folders, in each of several names (`/data/q3.csv` → `q3.csv`).
    static func shortName(_ name: String) -> String {
        name.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let trimmed = part.hasPrefix(" ") ? " " : ""
            return trimmed + (part.split(separator: "/").last.map(String.init) ?? String(part))
        }.joined(separator: ",")
    }

    static func report(of session: Session) throws -> Report {
        let evaluator = session.evaluator
        let dataset = try evaluator.requireDataset()
        let name = shortName(dataset.name)
        // Titles name the dataset by its file name, not its full path.
        func short(_ text: String) -> String { name == dataset.name ? text : text.replacingOccurrences(of: dataset.name, with: name) }
        func short(_ blocks: [Block]) -> [Report.Item] {
            blocks.map { block in
                switch block {
                case .text(let text): return .text(short(text))
                case .table(var table):
                    table.title = table.title.map(short)
                    return .table(table)
                }
            }
        }
        let scenarios = session.scenarios
        var report = Report(title: "ABC segmentation of \(name)")
        let kind = dataset.kind == .transactions ? "transactions" : "customer summary"
        var lead = "\(kind), \(PeopleNumbers.grouped(String(dataset.customerCount))) customers"
        if let first = dataset.report.firstDate, let last = dataset.report.lastDate {
            lead += ", \(CivilDate.iso(first)) to \(CivilDate.iso(last))"
        }
        report.lead = [lead + "; \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s"): "
                       + scenarios.map(\.name).joined(separator: ", ")]

        report.sections.append(.init(
            heading: "Summary of scenarios", anchor: "summary",
            items: short([.table(try SummaryCommand.table(of: scenarios, session: session, monteCarlo: nil))])))

        let money = session.moneyFormatter()
        for (i, s) in scenarios.enumerated() {
            var settings = ["criteria: " + SegmentationViews.criteriaDescription(s.effectiveCriteria(for: dataset.metrics)),
                            "scaling: " + s.scaling.rawValue,
                            "tiers: " + SegmentationViews.ruleDescription(s.rule)]
            if let period = s.period { settings.append("period: " + period.script) }
            if let asOf = s.asOf { settings.append("as of: " + CivilDate.iso(asOf)) }
            if let margin = s.margin { settings.append("margin: assumed " + margin.text(separator: ", ")) }
            if s.levers.isEmpty { settings.append("levers: none") }
            for (l, lever) in s.levers.enumerated() { settings.append("lever \(l + 1): " + lever.script(money: money)) }
            var simulation: [Report.Item]
            if s.levers.isEmpty {
                simulation = [.text("No levers: the tiers as segmented are the result.")]
            } else {
                simulation = short(try SimulateCommand.blocks(of: s, evaluator: evaluator, annualise: false))
                if let runs = evaluator.keptMonteCarlo(of: s) {
                    let (_, _, outcome) = try evaluator.simulation(of: s)
                    let plain = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
                    simulation.append(.table(SimulationViews.monteCarlo(runs, levers: s.levers, money: plain)))
                    simulation.append(.bands(BandChart(runs, before: outcome.totalBefore, profitKnown: outcome.profitBasis.isKnown, money: plain)))
                } else {
                    simulation.append(.text("Monte Carlo: not run for this scenario as it stands (`simulate --runs N` before `export report` adds its P10/P50/P90 bands)."))
                }
            }
            var chart = try ChartCommand.data(for: s, evaluator: evaluator)
            chart.title = short(chart.title)
            report.sections.append(.init(heading: "Scenario \(s.name)", anchor: "scenario-\(i + 1)", subsections: [
                .init(heading: "Settings", anchor: "scenario-\(i + 1)-settings", items: [.list(settings)]),
                .init(heading: "Tier profile", anchor: "scenario-\(i + 1)-profile", items: short(try SegmentCommand.blocks(of: s, evaluator: evaluator))),
                .init(heading: "Simulation", anchor: "scenario-\(i + 1)-simulation", items: simulation),
                .init(heading: "Charts", anchor: "scenario-\(i + 1)-charts", items: [.chart(chart)]),
            ]))
        }
        if scenarios.count > 1 {
            let names = scenarios.map { Token($0.name, column: 1) }
            report.sections.append(.init(heading: "Comparison", anchor: "comparison",
                                         items: short(try CompareCommand.blocks(comparing: names, session: session))))
        }
        report.sections.append(.init(heading: "Data quality", anchor: "data-quality",
                                     items: DataQualityView.items(dataset, name: name, scenarios: scenarios)))
        if session.timerOn { report.footer = "Written " + Self.timestamp(session.environment.now()) }
        return report
    }

    /// `2025-03-01 14:05:09 UTC` (only with `timer on`: otherwise the report has no time).
    static func timestamp(_ seconds: Double) -> String {
        let whole = Int64(seconds.rounded(.down))
        let day = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let rest = Int(whole - day * 86_400)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return CivilDate.iso(Int32(day)) + " \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) UTC"
    }
}
