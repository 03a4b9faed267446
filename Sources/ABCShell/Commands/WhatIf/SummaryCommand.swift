import ABCCore

/// `summary [NAME…] [--runs N --seed S]`: Excel's Scenario Summary for segmentations — one
/// table, a column per scenario, the inputs first, then the results after the levers.
struct SummaryCommand: ShellCommand {
    static let spec = CommandSpec(
        "summary", group: .whatIf, arguments: "[SCENARIO…]",
        summary: "every scenario on one page: its inputs (criteria, tiers, margin, window, levers) and results",
        details: """
            A column per scenario (all of them by default). Inputs: criteria and weights, scaling,
            tiering, assumed margin, window, each lever. Results after the levers, by tier before
            them: customers and revenue per tier, profit, cost-to-serve, lever cost, net contribution
            (profit − cost-to-serve − lever cost), the change in it the levers make, ROI per
            lever; with --runs N, P10/P50/P90 of the net contribution from N Monte Carlo runs made
            for this summary.
            """,
        example: "summary base lean --runs 500",
        options: [.init("runs", value: "N", "Monte Carlo runs for P10/P50/P90 (default: none)"),
                  .init("seed", value: "S", "seed of the Monte Carlo runs (default 1)")],
        completion: [.scenario], needsData: true)

    let names: [Token]
    let monteCarlo: (runs: Int, seed: UInt64)?

    init(parsing invocation: Invocation) throws(CommandError) {
        names = invocation.arguments
        monteCarlo = try SimulateCommand.monteCarloOptions(invocation)
    }

    func run(in context: CommandContext) throws -> [Block] {
        let session = context.session
        let chosen = names.isEmpty ? session.scenarios
            : try names.map { token throws(CommandError) in try ScenarioName.lookup(token, in: session) }
        return [.table(try Self.table(of: chosen, session: session, monteCarlo: monteCarlo))]
    }

    /// The summary of `chosen` (the report opens with it).
    static func table(of chosen: [Scenario], session: Session, monteCarlo: (runs: Int, seed: UInt64)?) throws -> Table {
        let evaluator = session.evaluator
        let dataset = try evaluator.requireDataset()
        let outcomes = try chosen.map { try evaluator.simulation(of: $0) }
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        let tierCount = outcomes.map { $0.1.tierCount }.max() ?? 3
        let names = Array(TieringRule.tierNames.prefix(tierCount))
        var table = Table(
            "summary", title: "Summary of \(chosen.count) scenario\(chosen.count == 1 ? "" : "s") on \(dataset.name) (results after the levers, by tier before them):",
            columns: [.init("", numeric: false)] + chosen.map { Table.Column($0.name, kind: .money) })
        // For machines a record per scenario (`summary`), per scenario and tier (`summary_tiers`)
        // and per scenario and lever (`summary_levers`): people's rows are figures, columns scenarios.
        var summaryColumns: [Table.Column] = [.init("scenario", numeric: false)]
        var summaryRows: [[String]] = chosen.map { [$0.name] }
        func row(_ label: String, kind: Table.Kind? = nil, key: String? = nil, _ cell: (Int) -> String) {
            if let kind { table.rowKinds[table.rows.count] = kind }
            let cells = chosen.indices.map(cell)
            table.append([label] + cells)
            if let key {
                summaryColumns.append(Table.Column(key, kind: kind ?? .money))
                for i in cells.indices { summaryRows[i].append(cells[i]) }
            }
        }
        // Inputs.
        row("criteria", kind: .text, key: "criteria") { SegmentationViews.criteriaDescription(chosen[$0].effectiveCriteria(for: dataset.metrics)) }
        row("scaling", kind: .text, key: "scaling") { chosen[$0].scaling.rawValue }
        row("tiers", kind: .text, key: "tiers") { chosen[$0].rule.script }
        row("margin", kind: .text, key: "margin") { i in chosen[i].margin.map { "assumed " + $0.text(separator: ", ") } ?? (dataset.metrics.profit == nil ? "n/a" : "data") }
        row("window", kind: .text, key: "window") { i in
            [chosen[i].period.map { "period " + $0.script }, chosen[i].asOf.map { "as of " + CivilDate.iso($0) }]
                .compactMap { $0 }.joined(separator: ", ").nilIfEmpty ?? "all data"
        }
        let leverCount = chosen.map(\.levers.count).max() ?? 0
        let script = session.moneyFormatter()
        for l in 0..<leverCount {
            row("lever \(l + 1)", kind: .text) { i in l < chosen[i].levers.count ? chosen[i].levers[l].script(money: script) : "" }
        }
        table.rulesBefore.insert(table.rows.count)
        // Results.
        for (t, name) in names.enumerated() {
            row("\(name) customers", kind: .count) { i in t < outcomes[i].2.after.count ? String(outcomes[i].2.after[t].customers) : "" }
        }
        for (t, name) in names.enumerated() {
            row("\(name) revenue") { i in t < outcomes[i].2.after.count ? money(outcomes[i].2.after[t].revenue) : "" }
        }
        let known = outcomes.map { $0.2.profitBasis.isKnown }
        row("revenue", key: "revenue") { money(outcomes[$0].2.totalAfter.revenue) }
        row("profit", key: "profit") { known[$0] ? money(outcomes[$0].2.totalAfter.profit) : SimulationViews.notKnown }
        row("cost-to-serve", key: "cost_to_serve") { money(outcomes[$0].2.totalAfter.costToServe) }
        row("lever cost", key: "lever_cost") { money(outcomes[$0].2.totalAfter.leverCost) }
        row("net contribution", key: "net_contribution") { known[$0] ? money(outcomes[$0].2.totalAfter.netContribution) : SimulationViews.notKnown }
        // What this scenario's own levers change: not the difference from another scenario
        // (`compare`'s delta_net).
        row("net change from levers", key: "net_change_from_levers") { i in
            known[i] ? money(outcomes[i].2.totalAfter.netContribution - outcomes[i].2.totalBefore.netContribution) : SimulationViews.notKnown
        }
        for l in 0..<leverCount {
            row("roi lever \(l + 1)", kind: .number) { i in
                let levers = outcomes[i].2.levers
                guard l < levers.count else { return "" }
                guard known[i] else { return SimulationViews.notKnown }
                // A lever without cost (cost-to-serve, drop) has no ROI: say so rather than leave a blank.
                return levers[l].roi == nil ? "n/a (no cost)" : SimulationViews.roi(levers[l])
            }
        }
        var percentiles: [[String]] = chosen.map { _ in ["", "", ""] }
        if let (runs, seed) = monteCarlo {
            percentiles = []
            // One progress bar over every scenario's runs.
            let simulated = chosen.indices.filter { !chosen[$0].levers.isEmpty && known[$0] }
            for (i, s) in chosen.enumerated() {
                guard let k = simulated.firstIndex(of: i) else { percentiles.append(["", "", ""]); continue }
                let scope = try evaluator.scope(of: s)
                let progress = session.environment.progress.map { report in
                    { @Sendable (f: Double) in report((Double(k) + f) / Double(simulated.count)) }
                }
                let summary = try MonteCarlo.run(
                    metrics: scope.metrics, segmentation: outcomes[i].1,
                    targeted: evaluator.targetedLevers(of: s, scope: scope, segmentation: outcomes[i].1), runs: runs, seed: seed,
                    margin: s.margin, isCancelled: session.environment.isCancelled, progress: progress)
                let sorted = summary.outcomes.map(\.netContribution).sorted()
                percentiles.append([10, 50, 90].map { money(MonteCarlo.Summary.percentile(sorted, $0)) })
            }
            for (k, p) in ["P10", "P50", "P90"].enumerated() {
                row("net \(p) (\(runs) runs, seed \(seed))") { percentiles[$0][k] }
            }
        }
        summaryColumns += ["net_p10", "net_p50", "net_p90"].map { Table.Column.money($0) }
        for i in chosen.indices { summaryRows[i] += percentiles[i] }
        var tiers = Table.Records("summary_tiers", columns: [
            .init("scenario", numeric: false), .init("tier", numeric: false), .count("customers"), .money("revenue")])
        var levers = Table.Records("summary_levers", columns: [
            .init("scenario", numeric: false), .count("number"), .init("lever", numeric: false), .init("roi")])
        for (i, s) in chosen.enumerated() {
            for (t, totals) in outcomes[i].2.after.enumerated() {
                tiers.append([s.name, TieringRule.tierNames[t], String(totals.customers), money(totals.revenue)])
            }
            for (l, lever) in s.levers.enumerated() {
                let results = outcomes[i].2.levers
                levers.append([s.name, String(l + 1), lever.script(money: script),
                               l < results.count ? (known[i] ? SimulationViews.roi(results[l]) : SimulationViews.notKnown) : ""])
            }
        }
        table.machine = .records([Table.Records("summary", columns: summaryColumns, rows: summaryRows), tiers, levers])
        return table
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
