import ABCCore

/// The load report (what was read, assumed and taken) as printable blocks.
enum LoadReportView {
    static func blocks(_ dataset: Dataset) -> [Block] {
        let r = dataset.report
        let m = dataset.metrics
        var lines: [String] = []
        let kind = r.kind == .transactions ? "transactions" : "customer summary"
        let count = r.files.count > 1 ? " (\(r.files.count) files)" : ""
        let layout = r.sheet.map { "sheet '\($0.name)' of \($0.count)" } ?? "\(r.separatorName)-separated"
        if let w = r.warehouse {
            lines.append("Loaded \(w.source) from \(w.server): transactions aggregated on the server")
            lines.append("  server     \(w.rowsAggregated) rows aggregated on the server, \(w.rowsReceived) rows received (one per customer)")
        } else {
            lines.append("Loaded \(r.file)\(count): \(kind)\(r.kindForced ? " (as told)" : ""), \(layout)")
        }
        if r.files.count > 1 {
            for file in r.files {
                lines.append("  file       \(file.name): \(file.rowsRead) rows read, \(file.rowsUsed) used")
            }
        }
        var rows = "\(r.rowsRead) read, \(r.rowsUsed) used"
        var skipped: [String] = []
        if r.skippedNoCustomer > 0 { skipped.append("\(r.skippedNoCustomer) without a customer id") }
        if r.skippedBad > 0 { skipped.append("\(r.skippedBad) bad (--lenient)") }
        if !skipped.isEmpty { rows += ", skipped: " + skipped.joined(separator: ", ") }
        if r.blankLines > 0 { rows += "; \(r.blankLines) blank lines ignored" }
        lines.append("  rows       \(rows)")
        if r.skippedNoCustomer > 0 { lines.append("  no id      " + noCustomerLine(dataset)) }
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
        if let orders = ordersLine(dataset) { lines.append("  orders     " + orders) }
        let columns = r.columns.map { "\($0.role.rawValue) = '\($0.column)'" }.joined(separator: ", ")
        lines.append("  columns    \(columns)")
        if !r.attributes.isEmpty {
            let kept = r.attributes.map { "'\($0.name)' (\($0.values) value\($0.values == 1 ? "" : "s"))" }
            lines.append("  attributes \(kept.joined(separator: ", "))")
        }
        for dropped in r.droppedAttributes {
            lines.append("  note       column '\(dropped.name)' is not kept as an attribute: \(dropped.reason)")
        }
        for note in r.assumptions { lines.append("  note       \(note)") }
        if let defaults = defaultCriteriaNote(m) { lines.append("  note       \(defaults)") }
        for example in r.badRowExamples { lines.append("  skipped    \(example)") }
        if let w = r.warehouse {
            lines.append("  sql        " + w.sql.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n             "))
        }
        return [.text(lines.joined(separator: "\n"))]
    }

    /// What the rows without a customer id carry: `15 rows without a customer id, revenue
    /// 1234.56 (0.02% of all revenue read), left out`.
    static func noCustomerLine(_ dataset: Dataset) -> String {
        let r = dataset.report
        let skipped = r.noCustomerRevenue
        let used = dataset.metrics.revenue.reduce(Int128(0)) { $0 + Int128($1) }
        // Cents unless the skipped rows themselves have finer amounts.
        let decimals = skipped % 100 == 0 ? dataset.moneyDecimals : FixedPoint.digits
        var line = "\(r.skippedNoCustomer) row\(r.skippedNoCustomer == 1 ? "" : "s") without a customer id, revenue "
            + FixedPoint.formatScaled(skipped, scaleDigits: FixedPoint.digits, decimals: decimals)
        if used + skipped > 0 && skipped >= 0 {
            line += " (\(NumberFormatting.percent(skipped, used + skipped)) of all revenue read)"
        }
        if r.noCustomerUnreadable > 0 { line += ", \(r.noCustomerUnreadable) of them without a readable amount" }
        return line + ", left out"
    }

    /// What was counted as an order: (customer, order id) pairs with a positive net amount, or
    /// rows with a positive amount; nil for summaries (their orders are a column).
    static func ordersLine(_ dataset: Dataset) -> String? {
        guard dataset.kind == .transactions, let transactions = dataset.transactions, let orders = dataset.metrics.orders
        else { return nil }
        let count = orders.reduce(0, +)
        guard let column = dataset.report.columns.first(where: { $0.role == .order })?.column else {
            return "\(count) rows with a positive amount (no order column: each is one purchase)"
        }
        let pairs = transactions.orderPairCount
        var line = "\(count) (customer, \(column)) pairs with a positive net amount, of \(pairs) pairs"
        if pairs > Int(count) { line += "; the other \(pairs - Int(count)) net to zero or less (returns, cancellations)" }
        return line
    }

    /// The default criteria in words when the data lacks some of revenue 0.5, profit 0.3,
    /// orders 0.2: what they became and why.
    static func defaultCriteriaNote(_ metrics: CustomerMetrics) -> String? {
        let standard = WeightedCriterion.standardDefaults
        let defaults = metrics.defaultCriteria()
        guard defaults.count < standard.count else { return nil }
        let missing = standard.filter { !metrics.has($0.criterion) }
        func list(_ words: [String]) -> String {
            words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words[words.count - 1]
        }
        let lacking = list(missing.map { "no \($0.criterion.requirement)" })
        let given = list(missing.map { m in
            let name = m.criterion.rawValue
            return "\(name)\(name.hasSuffix("s") ? "'" : "'s") \(NumberFormatting.weight(m.weight))"
        })
        let kept = defaults.map(\.criterion.rawValue)
        let spread = kept.count == 1
            ? "go\(missing.count == 1 ? "es" : "") to \(kept[0])"
            : "\(missing.count == 1 ? "is" : "are") spread over \(list(kept)) in proportion"
        return "default criteria: \(SegmentationViews.criteriaDescription(defaults)) (\(lacking), so \(given) \(spread))"
    }

    static func format(_ units: Int128, _ dataset: Dataset) -> String {
        FixedPoint.formatScaled(units, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals)
    }
}
