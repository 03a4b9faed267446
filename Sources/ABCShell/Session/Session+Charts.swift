import ABCCore
import Foundation

extension Session {
    /// The chart data of the current scenario (its period applied).
    func chartData(for scenario: Scenario) throws -> ChartData {
        let (dataset, segmentation) = try segmentation(of: scenario)
        let scope = try self.scope(of: scenario)
        return ChartData(
            segmentation: segmentation, metrics: scope.metrics,
            title: "\(dataset.name), scenario \(scenario.name): \(SegmentationViews.ruleDescription(scenario.rule))")
    }

    func chart(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...1, usage: "chart [pareto|tiers]")
        let data = try chartData(for: scenario)
        let kind = context.arguments.first?.text.lowercased() ?? "all"
        let width = max(30, min(100, (environment.terminalWidth ?? 80) - 10))
        switch kind {
        case "pareto": return [.text(data.terminalCurve(width: width))]
        case "tiers": return [.text(data.terminalBars(width: min(50, width - 20)))]
        case "all": return [.text(data.terminalCurve(width: width)), .text(""), .text(data.terminalBars(width: min(50, width - 20)))]
        default: throw context.error("expected pareto or tiers, found '\(kind)'", at: context.arguments[0])
        }
    }

    func exportChart(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "export chart PATH.svg [--force]")
        let target = context.arguments[0].text
        guard target.lowercased().hasSuffix(".svg") else { throw context.error("the chart is SVG: give a path ending in .svg", at: context.arguments[0]) }
        let svg = try chartData(for: scenario).svg()
        try AtomicFile.write(Array(svg.utf8), to: context.resolve(target, base: environment.workingDirectory),
                             replace: context.invocation.flag("force"))
        return [.text("Wrote the charts of scenario \(scenario.name) to \(target)")]
    }

    func exportReport(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "export report PATH.md|PATH.html [--force]")
        let target = context.arguments[0].text
        let html: Bool
        if target.lowercased().hasSuffix(".html") || target.lowercased().hasSuffix(".htm") { html = true }
        else if target.lowercased().hasSuffix(".md") { html = false }
        else { throw context.error("the report is markdown or HTML: give a path ending in .md or .html", at: context.arguments[0]) }
        let dataset = self.dataset!
        var sections: [(heading: String, blocks: [Block], chart: ChartData?)] = []
        for s in scenarios {
            var blocks: [Block] = []
            var settings = ["criteria: " + SegmentationViews.criteriaDescription(s.effectiveCriteria(for: dataset.metrics)),
                            "tiers: " + SegmentationViews.ruleDescription(s.rule)]
            if let period = s.period { settings.append("period: " + period.script) }
            if let asOf = s.asOf { settings.append("as of: " + CivilDate.iso(asOf)) }
            for (i, lever) in s.levers.enumerated() { settings.append("lever \(i + 1): " + lever.script(money: dataset.formatMoney)) }
            blocks.append(.text(settings.joined(separator: "\n")))
            blocks += try segmentBlocks(of: s)
            if !s.levers.isEmpty { blocks += try simulationBlocks(of: s, annualise: false).dropFirst() }
            sections.append(("Scenario \(s.name)", blocks, try chartData(for: s)))
        }
        if scenarios.count > 1 {
            var invocation = context.invocation
            invocation.arguments = scenarios.map { Token($0.name, column: 1) }
            invocation.options = [:]
            let compareContext = CommandContext(invocation: invocation, origin: context.origin, line: context.line)
            sections.append(("Comparison", try compare(compareContext), nil))
        }
        let title = "ABC segmentation of \(dataset.name)"
        let text = html ? ReportWriter.html(title: title, sections: sections) : ReportWriter.markdown(title: title, sections: sections)
        try AtomicFile.write(Array(text.utf8), to: context.resolve(target, base: environment.workingDirectory),
                             replace: context.invocation.flag("force"))
        return [.text("Wrote a report of \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s") to \(target)")]
    }
}

/// The workshop report: markdown (tables and terminal charts in code blocks) or one
/// self-contained HTML page (tables and inline SVG charts, no external assets).
enum ReportWriter {
    static func markdown(title: String, sections: [(heading: String, blocks: [Block], chart: ChartData?)]) -> String {
        var out = "# \(title)\n"
        for section in sections {
            out += "\n## \(section.heading)\n\n"
            for block in section.blocks {
                switch block {
                case .text(let text) where !text.isEmpty: out += text.split(separator: "\n").map { $0 + "  " }.joined(separator: "\n") + "\n\n"
                case .text: break
                case .table(let table): out += TableRenderer.render(table, format: .markdown) + "\n"
                }
            }
            if let chart = section.chart {
                out += "```\n" + chart.terminalCurve() + "\n\n" + chart.terminalBars() + "\n```\n"
            }
        }
        return out
    }

    static func html(title: String, sections: [(heading: String, blocks: [Block], chart: ChartData?)]) -> String {
        let e = ChartData.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:.2em .5em}td.n{text-align:right;font-variant-numeric:tabular-nums}
            caption{text-align:left;font-weight:bold;padding:.3em 0}p{white-space:pre-wrap}</style></head><body>
            <h1>\(e(title))</h1>

            """
        for section in sections {
            out += "<h2>\(e(section.heading))</h2>\n"
            for block in section.blocks {
                switch block {
                case .text(let text) where !text.isEmpty: out += "<p>\(e(text))</p>\n"
                case .text: break
                case .table(let table):
                    out += "<table>" + (table.title.map { "<caption>\(e($0))</caption>" } ?? "")
                    out += "<tr>" + table.columns.map { "<th>\(e($0.title))</th>" }.joined() + "</tr>\n"
                    for row in table.rows {
                        out += "<tr>" + zip(table.columns, row).map { column, cell in
                            column.numeric ? "<td class=\"n\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
                        }.joined() + "</tr>\n"
                    }
                    out += "</table>\n"
                }
            }
            if let chart = section.chart {
                // Inline, without the XML declaration: a standalone page needs no other file.
                out += chart.svg().split(separator: "\n").dropFirst().joined(separator: "\n") + "\n"
            }
        }
        return out + "</body></html>\n"
    }
}
