import ABCCore

/// The workshop report: what goes in it (sections of text, lists, tables and charts), written
/// as markdown (tables, and terminal charts in code blocks) or as one self-contained HTML page
/// (inline SVG, inline CSS, a Content-Security-Policy that forbids every fetch, print CSS).
///
/// The HTML is written by hand, as the SVG is: one fixed page layout of a few elements, every
/// text escaped in one place (`ChartData.escape`), output byte-for-byte deterministic.
struct Report {
    var title: String
    /// Lines under the title: what the report covers.
    var lead: [String] = []
    var sections: [Section] = []
    /// The last line (when the report was written: only with `timer on`).
    var footer: String?

    struct Section {
        var heading: String
        /// The HTML id, for the contents.
        var anchor: String
        var items: [Item] = []
        var subsections: [Section] = []
    }

    enum Item {
        case text(String)
        case list([String])
        case table(Table)
        case chart(ChartData)
        case bands(BandChart)
    }

    init(title: String) { self.title = title }
}

extension Report {
    func markdown() -> String {
        var out = "# \(title)\n"
        if !lead.isEmpty { out += "\n" + lead.map { $0 + "  " }.joined(separator: "\n") + "\n" }
        func write(_ section: Section, level: Int) {
            out += "\n" + String(repeating: "#", count: level) + " \(section.heading)\n\n"
            for item in section.items {
                switch item {
                case .text(let text) where !text.isEmpty: out += text.split(separator: "\n").map { $0 + "  " }.joined(separator: "\n") + "\n\n"
                case .text: break
                case .list(let lines): out += lines.map { "- " + $0 }.joined(separator: "\n") + "\n\n"
                case .table(let table): out += TableRenderer.render(table, format: .markdown) + "\n"
                case .chart(let chart):
                    out += "```\n" + chart.terminalCurve() + "\n\n" + chart.terminalBars(grouped: true) + "\n```\n\n"
                case .bands: break  // the Monte Carlo table beside it has the same figures
                }
            }
            for sub in section.subsections { write(sub, level: level + 1) }
        }
        for section in sections { write(section, level: 2) }
        if let footer { out += "\n" + footer + "\n" }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    static let style = """
        body{font:14px/1.45 sans-serif;color:#111;margin:2em auto;max-width:76em;padding:0 1em}
        h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.3em;border-bottom:2px solid #ddd;padding-bottom:.15em;margin-top:2em}
        h3{font-size:1.05em;margin:1.4em 0 .4em}.lead{color:#444;margin:0}nav ol{margin:.6em 0;columns:2}
        .scroll{overflow-x:auto}table{border-collapse:collapse;margin:.3em 0 1.2em;font-size:.9em}
        th,td{border:1px solid #ccc;padding:.15em .45em;white-space:nowrap}th{background:#f2f2f2}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:bold;padding:.3em 0;white-space:normal}p{white-space:pre-wrap;margin:.4em 0}
        ul{margin:.4em 0;padding-left:1.4em}figure{margin:.5em 0 1.5em}svg{max-width:100%;height:auto}
        .tier{display:inline-block;min-width:1.1em;padding:0 .3em;border-radius:3px;color:#fff;font-weight:bold;text-align:center;
        -webkit-print-color-adjust:exact;print-color-adjust:exact}
        .t0{background:#0072B2}.t1{background:#E69F00;color:#000}.t2{background:#808080}.t3{background:#CC79A7}.t4{background:#009E73}
        footer{margin-top:2em;color:#666;font-size:.85em}
        @media print{@page{size:A4;margin:12mm}body{margin:0;max-width:none;font-size:9pt;padding:0}nav{display:none}
        section.scenario,section.appendix{break-before:page}table,figure,ul{break-inside:avoid}h2,h3{break-after:avoid}
        .scroll{overflow:visible}th,td{padding:.1em .3em}}
        """

    func html() -> String {
        let e = ChartData.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            \(Self.style)
            </style></head><body>
            <header><h1>\(e(title))</h1>

            """
        for line in lead { out += "<p class=\"lead\">\(e(line))</p>\n" }
        out += "<nav><ol>" + sections.map { "<li><a href=\"#\($0.anchor)\">\(e($0.heading))</a></li>" }.joined() + "</ol></nav></header>\n"
        func write(_ section: Section, level: Int) {
            let kind = section.anchor.hasPrefix("scenario-") ? " class=\"scenario\"" : section.anchor == "data-quality" ? " class=\"appendix\"" : ""
            out += "<section id=\"\(section.anchor)\"\(kind)><h\(level)>\(e(section.heading))</h\(level)>\n"
            for item in section.items {
                switch item {
                case .text(let text) where !text.isEmpty: out += "<p>\(e(text))</p>\n"
                case .text: break
                case .list(let lines): out += "<ul>" + lines.map { "<li>\(e($0))</li>" }.joined() + "</ul>\n"
                case .table(let table): out += Self.html(table)
                case .chart(let chart): out += "<figure>\n" + chart.svg(standalone: false) + "</figure>\n"
                case .bands(let bands): out += "<figure>\n" + bands.svg() + "</figure>\n"
                }
            }
            for sub in section.subsections { write(sub, level: level + 1) }
            out += "</section>\n"
        }
        for section in sections { write(section, level: 2) }
        if let footer { out += "<footer>\(e(footer))</footer>\n" }
        return out + "</body></html>\n"
    }

    /// A table for people (`PeopleNumbers`), tier names in their colours.
    static func html(_ exact: Table) -> String {
        let e = ChartData.escape
        let table = TableRenderer.forPeople(exact)
        func tier(_ text: String) -> String {
            for (t, name) in TieringRule.tierNames.enumerated() {
                if text == name { return "<span class=\"tier t\(t)\">\(name)</span>" }
                if text.hasPrefix(name + " ") { return "<span class=\"tier t\(t)\">\(name)</span>" + e(String(text.dropFirst(name.count))) }
            }
            return e(text)
        }
        var out = "<div class=\"scroll\"><table>" + (table.title.map { "<caption>\(e($0))</caption>" } ?? "")
        out += "<thead><tr>" + table.columns.map { "<th\($0.numeric ? " class=\"n\"" : "")>\(tier($0.title))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (r, row) in table.rows.enumerated() {
            out += "<tr>" + row.enumerated().map { i, cell in
                // A row of text in a table of figures (the summary's inputs) reads left-aligned.
                let kind = exact.cellKinds[r]?[i] ?? exact.rowKinds[r]
                let numeric = i < table.columns.count && table.columns[i].numeric && kind != .text
                return numeric ? "<td class=\"n\">\(e(cell))</td>" : "<td>\(i == 0 ? tier(cell) : e(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }
}
