import ABCCore

/// The workshop report: markdown (tables and terminal charts in code blocks) or one
/// self-contained HTML page (tables and inline SVG charts, no external assets).
enum ReportWriter {
    /// A heading, what goes under it, and a chart to draw last.
    struct Section {
        var heading: String
        var blocks: [Block]
        var chart: ChartData?
    }

    static func markdown(title: String, sections: [Section]) -> String {
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

    static func html(title: String, sections: [Section]) -> String {
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
                case .table(let exact):
                    let table = TableRenderer.forPeople(exact)
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
