import ABCCore

/// The workshop report as a workbook: a `summary` sheet (the title, each scenario's settings,
/// and what every other sheet holds), then a sheet per table of the report — each scenario's
/// `profile`, `levers`, `simulation` and `migration`, the comparison's tables — and the current
/// scenario's customers on `segments` (as `export segments` writes them).
///
/// Each table sheet has the table's columns as a frozen header and its exact cells typed: a
/// plain decimal in a numeric column is a number, `20.00%` a percentage, anything else text.
enum ReportWorkbook {
    /// The sheet-name stem of a table, from its title (the report's tables are titled by the
    /// commands that make them).
    static func kind(ofTableTitled title: String?) -> String {
        let t = title ?? ""
        if t.hasPrefix("Segmentation of") { return "profile" }
        if t.hasPrefix("Levers") { return "levers" }
        if t.hasPrefix("Before and after") { return "simulation" }
        if t.hasPrefix("Migration") { return "migration" }
        if t.hasPrefix("Tier profiles") { return "comparison" }
        if t.hasPrefix("KPIs") { return "comparison KPIs" }
        if t.hasPrefix("Top movers") { return "top movers" }
        if t.hasPrefix("Summary of") { return "scenarios" }
        if t.hasPrefix("Rows of") || t.hasPrefix("What the rows hold") { return "data quality" }
        if t.hasPrefix("Monte Carlo") { return "monte carlo" }
        return "table"
    }

    /// The `report` as `export report` builds it (a section per scenario headed `Scenario
    /// NAME`, with its settings, tables and charts; the summary, comparison and data quality);
    /// `segments` for the last sheet. Charts stay in the HTML and markdown reports.
    static func write(_ report: Report, segments: SegmentsRows, into book: XlsxWorkbook) throws(RequestError) {
        var names = XlsxSheetNames()
        let summaryName = names.make("summary")
        // Names first, so the summary (written first: sheets are added in order) can list them.
        var tables: [(name: String, table: Table)] = []
        var summary: [(String, String)] = [("report", report.title)] + report.lead.map { ("report", $0) }
        // Lines are labelled with the top section's heading (`Scenario lean`, `Data quality`).
        func walk(_ section: Report.Section, label: String, scenario: String?) {
            for item in section.items {
                switch item {
                case .text(let text):
                    for line in text.split(separator: "\n") { summary.append((label, String(line))) }
                case .list(let lines):
                    for line in lines { summary.append((label, line)) }
                case .table(let table):
                    var kind = kind(ofTableTitled: table.title)
                    if scenario == nil && kind == "migration" { kind = "comparison migration" }
                    let name = names.make(scenario.map { "\(kind) \($0)" } ?? kind)
                    tables.append((name, table))
                case .chart, .bands: break
                }
            }
            for sub in section.subsections { walk(sub, label: label, scenario: scenario) }
        }
        for section in report.sections {
            walk(section, label: section.heading,
                 scenario: section.heading.hasPrefix("Scenario ") ? String(section.heading.dropFirst(9)) : nil)
        }
        let segmentsSheets = SegmentsWorkbook.sheetRanges(count: segments.count).count
        for (name, table) in tables { summary.append(("sheet \(name)", table.title.map(trimmedTitle) ?? "")) }
        summary.append(("sheet segments", "every customer of the current scenario" + (segmentsSheets > 1 ? ", on \(segmentsSheets) sheets" : "")))

        let sheet = try book.addSheet(summaryName)
        try sheet.widths([28, 100])
        try sheet.header(["section", "text"])
        for (r, (section, text)) in summary.enumerated() {
            try sheet.text(r + 1, 0, section)
            try sheet.text(r + 1, 1, text)
        }
        for (name, table) in tables { try write(table, on: book.addSheet(name), book: book) }
        try SegmentsWorkbook.write(segments, into: book, names: &names)
    }

    private static func trimmedTitle(_ title: String) -> String {
        title.hasSuffix(":") ? String(title.dropLast()) : title
    }

    private static func write(_ table: Table, on sheet: XlsxWorkbook.Sheet, book: XlsxWorkbook) throws(RequestError) {
        try sheet.widths(table.columns.map { $0.numeric ? 14 : max(12, Double($0.title.count) + 2) })
        try sheet.header(table.columns.map(\.title))
        let percent = book.numberFormat("0.00%")
        // Money as people read it in the HTML report: grouped, 2 decimals (the value is exact).
        let money = book.numberFormat("#,##0.00")
        for (r, row) in table.rows.enumerated() {
            for (i, cell) in row.enumerated() where !cell.isEmpty {
                let numeric = i < table.columns.count && table.columns[i].numeric
                let kind = table.cellKinds[r]?[i] ?? table.rowKinds[r] ?? (i < table.columns.count ? table.columns[i].kind : .text)
                if numeric, let value = number(cell) {
                    if kind == .money { try sheet.number(r + 1, i, value, format: money) } else { try sheet.number(r + 1, i, value) }
                } else if numeric, cell.hasSuffix("%"), number(String(cell.dropLast())) != nil,
                          let value = Double(cell.dropLast() + "e-2") {  // 66.67% → 0.6667, rounded once
                    try sheet.number(r + 1, i, value, format: percent)
                } else {
                    try sheet.text(r + 1, i, cell)
                }
            }
        }
    }

    /// A plain decimal (`-12.50`, `3`) that a Double holds exactly enough to read back the same.
    private static func number(_ cell: String) -> Double? {
        let body = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        guard !body.isEmpty, body.allSatisfy({ ("0"..."9").contains($0) || $0 == "." }), body.first != ".",
              body.filter({ $0 == "." }).count <= 1, SegmentsWorkbook.significantDigits(cell) <= 15 else { return nil }
        return Double(cell)
    }
}
