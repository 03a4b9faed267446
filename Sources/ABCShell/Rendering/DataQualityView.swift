import ABCCore

/// The report's data-quality section, from the load report: the rows read, used and skipped
/// (by reason, with the revenue they carry where it is known), what the data holds that needs
/// care (returns, zero amounts, rounded values), and every assumption made.
enum DataQualityView {
    static func items(_ dataset: Dataset, name: String, scenarios: [Scenario]) -> [Report.Item] {
        let r = dataset.report
        let m = dataset.metrics
        let money = { (v: Int128) in LoadReportView.format(v, dataset) }
        let usedRevenue = m.revenue.reduce(Int128(0)) { $0 + Int128($1) }
        var table = Table("data_quality_rows", title: "Rows of \(name):", columns: [
            .init("rows", numeric: false), .count("count"), .money("revenue"), .init("share of revenue read"), .init("what was done", numeric: false),
        ])
        let readRevenue = usedRevenue + r.noCustomerRevenue
        func share(_ v: Int128) -> String { readRevenue > 0 ? NumberFormatting.percent(v, readRevenue) : "" }
        table.append(["read", String(r.rowsRead), money(readRevenue), share(readRevenue), r.skippedBad > 0 ? "revenue of the rows that could be read" : ""])
        table.append(["used", String(r.rowsUsed), money(usedRevenue), share(usedRevenue), "segmented"])
        table.append(["skipped: no customer id", String(r.skippedNoCustomer), money(r.noCustomerRevenue), share(r.noCustomerRevenue),
                      r.noCustomerUnreadable > 0 ? "left out; \(r.noCustomerUnreadable) without a readable amount" : "left out"])
        table.append(["skipped: bad (--lenient)", String(r.skippedBad), "", "", r.skippedBad > 0 ? "left out (amount not readable)" : "none"])
        if r.blankLines > 0 { table.append(["blank lines", String(r.blankLines), "", "", "ignored"]) }
        var content = Table("data_quality_content", title: "What the rows hold:", columns: [.init("content", numeric: false), .count("rows"), .init("what was done", numeric: false)])
        content.append(["returns (negative amounts)", String(r.returns), "netted into revenue; not purchase occasions"])
        content.append(["zero amounts", String(r.zeroAmounts), "kept; not purchase occasions"])
        content.append(["values with more than 4 decimals", String(r.roundedValues), "rounded half-even to 4 decimals"])
        if r.mergedDuplicateCustomers > 0 {
            content.append(["repeated customer rows", String(r.mergedDuplicateCustomers), "merged"])
        }
        var assumptions: [String] = []
        assumptions.append("columns: " + r.columns.map { "\($0.role.rawValue) = '\($0.column)'" }.joined(separator: ", "))
        assumptions += r.assumptions
        if let note = LoadReportView.defaultCriteriaNote(m) { assumptions.append(note) }
        for dropped in r.droppedAttributes { assumptions.append("column '\(dropped.name)' is not kept as an attribute: \(dropped.reason)") }
        for s in scenarios {
            if let margin = s.margin {
                assumptions.append("scenario \(s.name): assumed margin \(margin.text(separator: ", ")) (profit of the levers only; tiers never use it)")
            } else if m.profit == nil && !s.levers.isEmpty {
                assumptions.append("scenario \(s.name): profit, net contribution and ROI are n/a (no cost or profit in the data, no assumed margin)")
            }
        }
        var items: [Report.Item] = [.table(table), .table(content), .text("Assumptions:"), .list(assumptions)]
        if !r.badRowExamples.isEmpty {
            items.append(.text("First bad rows skipped:"))
            items.append(.list(r.badRowExamples.map { "\($0)" }))
        }
        return items
    }
}
