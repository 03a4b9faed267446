import ABCCore

/// Simulation results as tables.
enum SimulationViews {
    typealias Money = (Int128) -> String

    static func roi(_ result: LeverResult) -> String {
        guard let roi = result.roi else { return "" }
        return FixedPoint.formatRatio(roi.numerator * 100, roi.denominator, decimals: 1) + "%"
    }

    /// Printed where a figure is not known (profit on data without cost), never 0.
    static let notKnown = "n/a"

    /// How profit was had, for titles: "" from the data, else the assumed margin.
    static func profitBasis(_ basis: ProfitBasis) -> String {
        switch basis {
        case .data: return ""
        case .assumed(let margin): return " (profit at an assumed margin: \(margin.text(separator: ", ")))"
        case .unknown: return ""
        }
    }

    /// The note under a simulation whose profit is not known.
    static func profitNote(_ basis: ProfitBasis) -> String? {
        guard basis == .unknown else { return nil }
        return "profit, net contribution and ROI: n/a (the data has no cost or profit; `set margin 30%` assumes one)"
    }

    /// `declared`: the scenario's levers as declared (their filters), in the outcome's order.
    static func levers(_ outcome: SimulationOutcome, declared: [ScenarioLever], money: Money, amount: (Int64) -> String) -> Table {
        let known = outcome.profitBasis.isKnown
        var table = Table("levers", title: "Levers, applied in this order\(profitBasis(outcome.profitBasis)):", columns: [
            .init("#", key: "number"), .init("lever", numeric: false), .count("customers"), .init("adopters"),
            .money("delta_revenue"), .money("delta_profit"), .money("cost"), .init("roi"),
        ])
        // For machines the adopters cell is three figures: expected adopters, eligible, dropped.
        var records = Table.Records("levers", columns: [
            .count("number"), .init("lever", numeric: false), .init("kind", numeric: false), .count("customers"),
            .init("adopters"), .count("eligible"), .count("dropped"), .money("delta_revenue"), .money("delta_profit"),
            .money("cost"), .init("roi"),
        ])
        for (i, r) in outcome.levers.enumerated() {
            var adopters = "", expected = "", eligible = "", dropped = ""
            if let (count, rate) = r.expectedAdopters {
                expected = FixedPoint.formatRatio(count * Int128(rate.numerator), Int128(rate.denominator), decimals: 1)
                adopters = expected
            }
            if case .reactivation = r.lever {
                eligible = String(r.eligible)
                adopters = adopters.isEmpty ? "" : adopters + " of \(r.eligible)"
            }
            if case .drop = r.lever {
                dropped = String(r.dropped)
                adopters = "\(r.dropped) dropped"
            }
            let figures = [money(r.deltaRevenue), known ? money(r.deltaProfit) : notKnown, money(r.cost),
                           known ? roi(r) : (r.cost == 0 ? "" : notKnown)]
            let script = i < declared.count ? declared[i].script(money: amount) : LeverKinds.script(r.lever, money: amount)
            table.append([String(i + 1), script, String(r.targeted), adopters] + figures)
            records.append([String(i + 1), script, r.lever.kind, String(r.targeted), expected, eligible, dropped] + figures)
        }
        table.machine = .records([records])
        return table
    }

    /// Measures down, tiers (before the levers) across: before, after and delta.
    static func beforeAfter(_ outcome: SimulationOutcome, tierNames: [String], money: @escaping Money) -> Table {
        var columns: [Table.Column] = [.init("measure", numeric: false), .init("", numeric: false)]
        columns += tierNames.map { Table.Column.money($0) } + [.money("total")]
        var table = Table(
            "before_after", title: "Before and after the levers, by tier before the levers\(profitBasis(outcome.profitBasis)):",
            columns: columns)
        table.isMain = true
        // For machines a record per tier and measure: {tier, measure, before, after, delta}.
        var records = Table.Records("before_after", columns: [
            .init("tier", numeric: false), .init("measure", numeric: false), .init("before"), .init("after"), .init("delta"),
        ])
        let tierKeys = tierNames + ["total"]
        let known = outcome.profitBasis.isKnown
        let before = outcome.before + [outcome.totalBefore]
        let after = outcome.after + [outcome.totalAfter]
        func rows(_ name: String, _ value: (TierTotals) -> Int128, isMoney: Bool = true, showBefore: Bool = true, known: Bool = true) {
            let f: (Int128) -> String = !known ? { _ in notKnown } : isMoney ? money : { String($0) }
            if showBefore { table.append([name, "before"] + before.map { f(value($0)) }) }
            table.append([showBefore ? "" : name, "after"] + after.map { f(value($0)) })
            table.append(["", "delta"] + zip(before, after).map { f(value($1) - value($0)) })
            for t in tierKeys.indices {
                records.append([tierKeys[t], name, f(value(before[t])), f(value(after[t])), f(value(after[t]) - value(before[t]))])
            }
        }
        rows("customers", { Int128($0.customers) }, isMoney: false)
        for r in 0..<table.rows.count { table.rowKinds[r] = .count }
        rows("revenue", \.revenue)
        rows("profit", \.profit, known: known)
        if outcome.totalBefore.costToServe != 0 || outcome.totalAfter.costToServe != 0 {
            rows("cost_to_serve", \.costToServe)
        }
        table.append(["lever_cost", "after"] + after.map { money($0.leverCost) })
        for t in tierKeys.indices { records.append([tierKeys[t], "lever_cost", "", money(after[t].leverCost), ""]) }
        rows("net_contribution", \.netContribution, known: known)
        // Grouped as people read it: a tier's measures together.
        let order = Dictionary(uniqueKeysWithValues: tierKeys.enumerated().map { ($1, $0) })
        records.rows = records.rows.enumerated().sorted { (order[$0.element[0]]!, $0.offset) < (order[$1.element[0]]!, $1.offset) }.map(\.element)
        table.machine = .records([records])
        return table
    }

    /// Rows: from-tiers (and new); columns: to-tiers (and dropped/absent).
    ///
    /// For machines, a record per pair of tiers that holds customers: `context` (the scenarios
    /// or periods compared, named by stable keys), from, to, and customers (`migration`) or
    /// revenue (`migration_revenue`).
    static func migration(
        _ matrix: MigrationMatrix, fromNames: [String], toNames: [String], title: String,
        absentFrom: String, absentTo: String, money: Money?, context: [(key: String, value: String)] = []
    ) -> Table {
        var columns: [Table.Column] = [.init("from \\ to", numeric: false, key: "from")]
        let kind: Table.Kind = money == nil ? .count : .money
        columns += (toNames + [absentTo, "total"]).map { Table.Column($0, kind: kind) }
        var table = Table(money == nil ? "migration" : "migration_revenue", title: title, columns: columns)
        var records = Table.Records(table.name, columns: context.map { .init($0.key, numeric: false) } + [
            .init("from", numeric: false), .init("to", numeric: false), money == nil ? .count("customers") : .money("revenue"),
        ])
        let toAll = toNames + [absentTo]
        for f in 0...matrix.fromTiers {
            let name = f < matrix.fromTiers ? fromNames[f] : absentFrom
            for (t, count) in matrix.customers[f].enumerated() where count > 0 && t < toAll.count {
                records.append(context.map(\.value) + [name, toAll[t], money.map { $0(matrix.revenue[f][t]) } ?? String(count)])
            }
        }
        table.machine = .records([records])
        for f in 0...matrix.fromTiers {
            let name = f < matrix.fromTiers ? fromNames[f] : absentFrom
            let counts = matrix.customers[f]
            if f == matrix.fromTiers && counts.allSatisfy({ $0 == 0 }) { continue }
            if let money {
                table.append([name] + matrix.revenue[f].map(money) + [money(matrix.revenue[f].reduce(0, +))])
            } else {
                table.append([name] + counts.map(String.init) + [String(counts.reduce(0, +))])
            }
        }
        if !table.rows.isEmpty, table.rows.allSatisfy({ $0[$0.count - 2] == "0" || $0[$0.count - 2] == money?(0) }) {
            table.columns.remove(at: table.columns.count - 2)
            table.rows = table.rows.map { row in var r = row; r.remove(at: r.count - 2); return r }
        }
        return table
    }

    static func monteCarlo(_ summary: MonteCarlo.Summary, levers: [ScenarioLever], money: Money) -> Table {
        var table = Table(
            "monte_carlo", title: "Monte Carlo: \(summary.runs) runs, seed \(summary.seed) (xoshiro256**, drawn in customer_id order; nearest-rank percentiles):",
            columns: [.init("outcome", numeric: false), .money("p10"), .money("p50"), .money("p90")])
        func row(_ name: String, _ values: [Int128]) {
            let sorted = values.sorted()
            table.append([name] + [10, 50, 90].map { money(MonteCarlo.Summary.percentile(sorted, $0)) })
        }
        row("delta_revenue", summary.outcomes.map(\.deltaRevenue))
        row("delta_profit", summary.outcomes.map(\.deltaProfit))
        row("lever_cost", summary.outcomes.map(\.leverCost))
        row("net_contribution", summary.outcomes.map(\.netContribution))
        for (i, lever) in levers.enumerated() {
            let values = summary.outcomes.compactMap { $0.leverROI[i] }
            guard values.count == summary.outcomes.count else { continue }
            let sorted = values.sorted()
            table.append(["roi lever \(i + 1) (\(lever.kind))"] + [10, 50, 90].map {
                NumberFormatting.fixed(MonteCarlo.Summary.percentile(sorted, $0) * 100, decimals: 1) + "%"
            })
        }
        return table
    }
}

extension SimulationViews {
    /// Money formatting for simulation figures (scaled to a year with `annualise`), and the
    /// window the figures cover, for headings.
    static func money(_ dataset: Dataset, annualise: Bool, window: DateWindow? = nil) throws(RequestError) -> (Money, String) {
        let decimals = dataset.moneyDecimals
        let plain: Money = { FixedPoint.formatScaled($0, scaleDigits: FixedPoint.digits, decimals: decimals) }
        guard let first = window?.from ?? dataset.report.firstDate, let last = window?.to ?? dataset.report.lastDate else {
            if annualise { throw RequestError("--annualise needs purchase dates, which this dataset lacks") }
            return (plain, "the whole dataset (no dates)")
        }
        let days = Int128(last - first) + 1
        let window = "data window \(CivilDate.iso(first)) to \(CivilDate.iso(last)) (\(days) day\(days == 1 ? "" : "s"))"
        guard annualise else { return (plain, window) }
        return ({ plain(FixedPoint.divideRoundingHalfEven($0 * 365, days)) }, window + ", annualised to 365 days")
    }
}
