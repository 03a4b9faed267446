import ABCCore
import Foundation

/// `track monthly|quarterly|yearly [from DATE] [to DATE]`: every period segmented with the
/// current rules, and how customers move between consecutive periods.
struct TrackCommand: ShellCommand {
    static let spec = CommandSpec(
        "track", group: .segmentation, arguments: "monthly|quarterly|yearly [from DATE] [to DATE]",
        summary: "segment every period with the current rules and show how customers move",
        details: """
            Each period is segmented on its own transactions (recency as of its end) with the
            current scenario's criteria and tiering rule. Prints per period the days it covers,
            the tier sizes and revenue, then between consecutive periods the migration matrix (new
            customers, A→B, B→A, …, customers without purchases in the later period) and the
            largest movers. A period's coverage is its days inside the data's first to last date
            (quiet days count); a period covered in part — the first or last, usually — is marked
            "partial: 31 of 365 days", and so is every change against it: the sparklines and the
            largest movers then show revenue per covered day, never plain growth.
            """,
        example: "track quarterly from 2024-01-01",
        completion: [.words(["monthly", "quarterly", "yearly"]), .words(["from", "to"])], needsData: true)

    let step: Tracker.Step
    let stepToken: Token
    let from: Int32?
    let to: Int32?

    init(parsing invocation: Invocation) throws(CommandError) {
        let usage = Self.spec.usage
        guard let stepToken = invocation.arguments.first else { throw invocation.missing("missing the step; usage: \(usage)") }
        guard let step = Tracker.Step(rawValue: stepToken.text.lowercased()) else {
            throw invocation.error("expected monthly, quarterly or yearly, found '\(stepToken.text)'", at: stepToken)
        }
        var from: Int32?, to: Int32?
        var rest = invocation.arguments.dropFirst()
        while let word = rest.first {
            guard word.text == "from" || word.text == "to", rest.count >= 2 else {
                throw invocation.error("expected 'from DATE' or 'to DATE', found '\(word.text)'; usage: \(usage)", at: word)
            }
            let dateToken = rest[rest.startIndex + 1]
            guard let day = CivilDate.parseISO(dateToken.text) else {
                throw invocation.error("expected a date like 2024-01-01, found '\(dateToken.text)'", at: dateToken)
            }
            if word.text == "from" { from = day } else { to = day }
            rest = rest.dropFirst(2)
        }
        self.step = step
        self.stepToken = stepToken
        self.from = from
        self.to = to
    }

    func run(in context: CommandContext) throws -> [Block] {
        let dataset = try context.dataset
        let scenario = context.scenario
        guard dataset.transactions != nil || dataset.windows != nil, var from = dataset.report.firstDate, var to = scenario.asOf ?? dataset.report.lastDate else {
            throw context.error("track needs transactions with dates; this dataset is a customer summary")
        }
        if let day = self.from { from = day }
        if let day = self.to { to = day }
        let periods = Tracker.periods(step, from: from, to: to)
        guard periods.count >= 2 else { throw context.error("track needs at least two periods between \(CivilDate.iso(from)) and \(CivilDate.iso(to))", at: stepToken) }
        guard periods.count <= 120 else { throw context.error("\(periods.count) periods is too many to print; use a longer step or from/to", at: stepToken) }
        let criteria = scenario.effectiveCriteria(for: dataset.metrics)
        if let forecast = criteria.first(where: { $0.criterion.isForecast }) {
            throw context.error("track does not fit the purchase model per period: weigh \(forecast.criterion.rawValue) with `set period` and `segment`, or track other criteria")
        }
        let tracked = try Tracker.track(
            dataset: dataset, criteria: criteria, rule: scenario.rule, scaling: scenario.scaling, periods: periods, asOf: scenario.asOf,
            isCancelled: context.session.environment.isCancelled, progress: context.session.environment.progress)
        let tiers = scenario.rule.tierCount
        let names = Array(TieringRule.tierNames.prefix(tiers))
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        var blocks: [Block] = []
        var sizes = Table(
            "periods", title: "Tiers per \(step.rawValue.dropLast(2)) period, scenario \(scenario.name) (\(SegmentationViews.ruleDescription(scenario.rule))):",
            columns: [.init("period", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
                      .init("coverage", numeric: false)]
                + names.map { Table.Column.count("\($0)_customers") } + names.map { Table.Column.money("\($0)_revenue") }
                + [.count("moved_in")])
        // For machines moved_in is a count and the coverage two counts of days (covered, in the
        // period), never "91 of 91 days".
        var records: [[String]] = []
        let recordColumns = [sizes.columns[0], sizes.columns[1], sizes.columns[2], .count("covered_days"), .count("period_days")]
            + sizes.columns.dropFirst(4)
        for (i, p) in tracked.enumerated() {
            var moved = "", count = ""
            if i > 0 {
                count = String(Tracker.migration(from: tracked[i - 1], to: p, tiers: tiers).moved)
                moved = count
                if tracked[i - 1].coverage.isPartial || p.coverage.isPartial { moved += " (partial)" }
            }
            // The days the figures cover: a partial period's dates are those inside the data.
            let days = p.coverage.coveredWindow ?? p.window
            sizes.append([WindowViews.shortName(p.period), CivilDate.iso(days.from), CivilDate.iso(days.to), WindowViews.coverage(p.coverage)]
                         + p.customers.map(String.init) + p.revenue.map(money) + [moved])
            let shown = sizes.rows[sizes.rows.count - 1]
            records.append(Array(shown.prefix(3)) + [String(p.coverage.covered), String(p.coverage.days)]
                           + shown.dropFirst(4).dropLast() + [count])
        }
        sizes.machine = .records([Table.Records("periods", columns: Array(recordColumns), rows: records)])
        blocks.append(.table(sizes))
        // A sparkline per tier: its revenue over the periods, from its lowest to its highest;
        // per covered day when a period is partial, so a short period is not read as a fall.
        let perDay = tracked.contains { $0.coverage.isPartial }
        let bars = Array("▁▂▃▄▅▆▇█")
        var sparklines: [String] = []
        for (t, name) in names.enumerated() {
            let figures = tracked.map { perDay ? $0.coverage.perCoveredDay($0.revenue[t]) ?? 0 : $0.revenue[t] }
            guard let hi = figures.max(), hi > 0, let low = figures.min() else { continue }
            let line = String(figures.map { hi > low ? bars[min(7, Int(Double($0 - low) / Double(hi - low) * 7.999))] : bars[3] })
            sparklines.append("\(name) revenue\(perDay ? " per covered day" : "")  \(line)  \(money(low)) … \(money(hi))")
        }
        if !sparklines.isEmpty { blocks.append(.text(sparklines.joined(separator: "\n"))) }
        /// `quarter 2025Q1`, or `year 2010 (partial: 31 of 365 days)`.
        func label(_ p: Tracker.TrackedPeriod) -> String {
            p.period.script + (p.coverage.isPartial ? " " + WindowViews.days(p.coverage) : "")
        }
        for i in 1..<tracked.count {
            let before = tracked[i - 1], after = tracked[i]
            let matrix = Tracker.migration(from: before, to: after, tiers: tiers)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: names, toNames: names,
                title: "\(label(before)) → \(label(after)), customers (\(matrix.moved) move, arrive or leave):",
                absentFrom: "new", absentTo: "gone", money: nil,
                context: [("from_period", WindowViews.shortName(before.period)), ("to_period", WindowViews.shortName(after.period))])))
            // The largest movers: furthest tier change first, then revenue. Against a partial
            // period, each side's revenue per covered day.
            let movers = LargestMovers.find(
                from: before.tier, to: after.tier, revenueFrom: before.customerRevenue, revenueTo: after.customerRevenue,
                options: .presentOnBothSides, limit: 5)
            if !movers.isEmpty {
                let partial = before.coverage.isPartial || after.coverage.isPartial
                let suffix = partial ? "_per_day" : ""
                var table = Table("movers", title: partial ? "Largest movers (partial: revenue per covered day):" : "Largest movers:", columns: [
                    .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
                    .money("revenue\(suffix)_before"), .money("revenue\(suffix)_after")])
                func revenue(_ p: Tracker.TrackedPeriod, _ c: Int) -> String {
                    let value = Int128(p.customerRevenue[c])
                    return money(partial ? p.coverage.perCoveredDay(value) ?? 0 : value)
                }
                for m in movers {
                    table.append([dataset.customerIDs[m.customer], names[Int(before.tier[m.customer])], names[Int(after.tier[m.customer])],
                                  revenue(before, m.customer), revenue(after, m.customer)])
                }
                // For machines the periods compared lead each record.
                let context = [WindowViews.shortName(before.period), WindowViews.shortName(after.period)]
                table.machine = .records([Table.Records("movers", columns: [
                    .init("from_period", numeric: false), .init("to_period", numeric: false)] + table.columns,
                    rows: table.rows.map { context + $0 })])
                blocks.append(.table(table))
            }
        }
        return blocks
    }
}
