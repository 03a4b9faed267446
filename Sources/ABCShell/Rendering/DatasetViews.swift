import ABCCore

/// The load report (what was read, assumed and taken) as printable blocks.
enum LoadReportView {
    static func blocks(_ dataset: Dataset) -> [Block] {
        let r = dataset.report
        let m = dataset.metrics
        var lines: [String] = []
        let kind = r.kind == .transactions ? "transactions" : "customer summary"
        lines.append("Loaded \(r.file): \(kind)\(r.kindForced ? " (as told)" : ""), \(r.separatorName)-separated")
        var rows = "\(r.rowsRead) read, \(r.rowsUsed) used"
        var skipped: [String] = []
        if r.skippedNoCustomer > 0 { skipped.append("\(r.skippedNoCustomer) without a customer id") }
        if r.skippedBad > 0 { skipped.append("\(r.skippedBad) bad (--lenient)") }
        if !skipped.isEmpty { rows += ", skipped: " + skipped.joined(separator: ", ") }
        if r.blankLines > 0 { rows += "; \(r.blankLines) blank lines ignored" }
        lines.append("  rows       \(rows)")
        var content: [String] = []
        if r.returns > 0 { content.append("\(r.returns) returns (negative amounts, netted)") }
        if r.zeroAmounts > 0 { content.append("\(r.zeroAmounts) zero amounts") }
        if r.roundedValues > 0 { content.append("\(r.roundedValues) values rounded to 4 decimals") }
        if r.mergedDuplicateCustomers > 0 { content.append("\(r.mergedDuplicateCustomers) repeated customer rows merged") }
        if !content.isEmpty { lines.append("  content    " + content.joined(separator: ", ")) }
        lines.append("  customers  \(dataset.customerCount)")
        if let first = r.firstDate, let last = r.lastDate {
            let reference = m.referenceDate.map { "; reference date \(CivilDate.iso($0))" } ?? ""
            let days = Int(last - first) + 1
            lines.append("  dates      \(CivilDate.iso(first)) to \(CivilDate.iso(last)) (\(days) day\(days == 1 ? "" : "s"))\(reference)")
        }
        let totalRevenue = m.revenue.reduce(Int128(0)) { $0 + Int128($1) }
        var totals = "revenue \(format(totalRevenue, dataset))"
        if let profit = m.profit {
            totals += ", profit \(format(profit.reduce(Int128(0)) { $0 + Int128($1) }, dataset))"
        }
        if let orders = m.orders { totals += ", orders \(orders.reduce(0, +))" }
        lines.append("  totals     \(totals)")
        let columns = r.columns.map { "\($0.role.rawValue) = '\($0.column)'" }.joined(separator: ", ")
        lines.append("  columns    \(columns)")
        for note in r.assumptions { lines.append("  note       \(note)") }
        for example in r.badRowExamples { lines.append("  skipped    \(example)") }
        return [.text(lines.joined(separator: "\n"))]
    }

    static func format(_ units: Int128, _ dataset: Dataset) -> String {
        FixedPoint.formatScaled(units, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals)
    }
}
