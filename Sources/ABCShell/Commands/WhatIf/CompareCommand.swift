import ABCCore
import ABCWorkspace

/// `compare SCENARIO|snapshot:NAME [SCENARIO…] [--annualise]`: scenarios side by side after their levers;
/// one scenario before and after its levers. `NAME@PERIOD` and `NAME@DATE` take a scenario at a
/// period or as of a day. Scenarios over different windows are never compared as plain growth.
struct CompareCommand: ShellCommand {
    static let spec = CommandSpec(
        "compare", group: .whatIf, arguments: "SCENARIO|snapshot:NAME [SCENARIO|snapshot:NAME…]",
        summary: "scenarios side by side: tier profiles, KPI deltas, migration matrix, top movers",
        details: """
            Each scenario after its levers. With one scenario: its tiers before and after its levers.
            NAME@2024, NAME@2024Q3, NAME@2024-03 take a scenario at a period, NAME@2025-06-30 as of a
            day. The header states each scenario's window (with its coverage when a period is
            covered in part: "partial: 31 of 365 days"). When the scenarios cover different windows
            a note says so, and when the windows differ in length the money deltas are per covered
            day (revenue ÷ covered days, columns named *_per_day), never plain growth. --annualise
            scales each scenario's money by 365 / its covered days instead (tier profiles, KPIs and
            the revenue migration; customers, shares and per-customer figures are never scaled).
            snapshot:NAME is a snapshot of the open workspace (snapshot save): compare snapshot:2025Q3
            base and compare snapshot:2025Q2 snapshot:2025Q3 match customers by id, the migration
            has a row for new customers (only in the later) and a column for gone ones (only in the
            earlier), and work when the earlier data file is gone. A snapshot is a segmentation
            before levers, so a scenario is compared with it as segment shows it.
            """,
        example: "compare base lean",
        options: [.init("annualise", "scale each scenario's money to a year (365 / its covered days)"),
                  .init("all-pairs", "migration between every two scenarios, not only against the first")],
        completion: [.scenario])

    static let snapshotPrefix = "snapshot:"

    let names: [Token]
    let annualise: Bool
    let allPairs: Bool

    init(parsing invocation: Invocation) throws(CommandError) {
        guard !invocation.arguments.isEmpty else { throw invocation.missing("missing scenarios; usage: \(Self.spec.usage)") }
        names = invocation.arguments
        annualise = invocation.flag("annualise")
        allPairs = invocation.flag("all-pairs")
    }

    func run(in context: CommandContext) throws -> [Block] {
        if names.contains(where: { $0.text.hasPrefix(Self.snapshotPrefix) }) { return try snapshotBlocks(in: context) }
        return try Self.blocks(comparing: names, session: context.session, annualise: annualise, allPairs: allPairs)
    }

    /// A snapshot against a scenario now, or two snapshots: customers matched by id.
    private func snapshotBlocks(in context: CommandContext) throws -> [Block] {
        guard names.count == 2 else {
            throw context.error("a snapshot is compared with one other side: compare snapshot:NAME SCENARIO, or compare snapshot:A snapshot:B",
                                at: names[min(2, names.count - 1)])
        }
        if annualise || allPairs {
            let option = annualise ? "annualise" : "all-pairs"
            throw context.error("--\(option) is for scenarios of one dataset, not snapshots", at: context.invocation.options[option]?.option)
        }
        var sides: [(label: String, snapshot: Snapshot)] = []
        for token in names {
            if token.text.hasPrefix(Self.snapshotPrefix) {
                let name = Token(String(token.text.dropFirst(Self.snapshotPrefix.count)), column: token.column + Self.snapshotPrefix.count)
                sides.append((token.text, try SnapshotName.load(name, from: try context.workspace())))
            } else {
                let scenario = try ScenarioName.lookup(token, in: context.session)
                _ = try context.dataset
                sides.append((scenario.name, try SnapshotCapture.snapshot(named: scenario.name, of: scenario, session: context.session, hashing: false)))
            }
            if sides.count == 2 && sides[0].label == sides[1].label {
                throw CommandError("'\(token.text)' is given twice", column: token.column)
            }
        }
        return SnapshotComparison(earlier: sides[0].snapshot, earlierLabel: sides[0].label,
                                  later: sides[1].snapshot, laterLabel: sides[1].label).blocks()
    }

    /// The comparison of the scenarios `names` name (the report compares every scenario).
    static func blocks(comparing names: [Token], session: Session, annualise: Bool = false, allPairs: Bool = false) throws -> [Block] {
        let evaluator = session.evaluator
        var chosen: [Scenario] = []
        for token in names {
            // NAME@2024, NAME@2024Q3, NAME@2024-03 (a period) or NAME@2024-06-30 (as of a day).
            let parts = token.text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            var s = try ScenarioName.lookup(Token(parts[0], column: token.column), in: session)
            if parts.count == 2 {
                let at = parts[1]
                if let day = CivilDate.parseISO(at) {
                    s.asOf = day
                } else if let period = Period(words: at.contains("q") || at.contains("Q") ? ["quarter", at]
                                              : at.contains("-") ? ["month", at] : ["year", at]) {
                    s.period = period
                } else {
                    throw CommandError("expected NAME@YEAR, NAME@YEARQn, NAME@YEAR-MM or NAME@DATE, found '\(token.text)'", column: token.column)
                }
                s.name = token.text
            }
            if chosen.contains(where: { $0.name == s.name }) { throw CommandError("scenario '\(s.name)' is given twice", column: token.column) }
            chosen.append(s)
        }
        let dataset = try evaluator.requireDataset()
        var results: [ScenarioResult]
        if chosen.count == 1 {
            results = [try evaluator.result(of: chosen[0], afterLevers: false), try evaluator.result(of: chosen[0], afterLevers: true)]
            if chosen[0].levers.isEmpty { results[1].label = chosen[0].name + " (no levers)" }
        } else {
            results = try chosen.map { try evaluator.result(of: $0) }
        }
        // Each result's scenario and window (one scenario compared with itself: the same one twice).
        let scenarios = chosen.count == 1 ? [chosen[0], chosen[0]] : chosen
        let windows = try ComparisonWindows(scenarios: scenarios, labels: results.map(\.label), evaluator: evaluator, annualise: annualise)
        var blocks: [Block] = [.text(windows.header(on: dataset.name))]
        blocks.append(.table(profiles(results, dataset: dataset, money: windows.money)))
        blocks.append(.table(kpis(results, windows: windows)))
        let first = results[0]
        // A margin assumed on one side only: say why the profit deltas are n/a.
        if !first.profitBasis.isKnown, let other = results.first(where: { $0.profitBasis.isKnown }) {
            blocks.append(.text("note: \(first.label) has no profit (no cost in the data, no margin assumed), so profit deltas against it are n/a; assume the same margin there (scenario use \(chosen[0].name); set margin …) to compare \(other.label)'s profit"))
        }
        // Migration against the first scenario, or between every two with --all-pairs.
        let pairs = allPairs ? results.indices.flatMap { i in results.indices.filter { $0 > i }.map { (i, $0) } }
            : results.indices.dropFirst().map { (0, $0) }
        for (from, to) in pairs {
            let first = results[from], other = results[to]
            let money = windows.money[from]
            // Customers missing on one side: dropped by a lever, or outside the other's window.
            let pair = [chosen[min(from, chosen.count - 1)], chosen[min(to, chosen.count - 1)]]
            let absent = pair.contains { $0.period != pair[0].period || $0.asOf != pair[0].asOf } ? "absent" : "dropped"
            let names = TieringRule.tierNames
            let matrix = MigrationMatrix(from: first.tier, fromTiers: first.tierCount, to: other.tier,
                                         toTiers: other.tierCount, revenue: first.revenue)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), customers (\(matrix.moved) change tier):",
                absentFrom: "new", absentTo: absent, money: nil, context: [("from_scenario", first.label), ("to_scenario", other.label)])))
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), revenue (as in \(first.label)):",
                absentFrom: "new", absentTo: absent, money: money, context: [("from_scenario", first.label), ("to_scenario", other.label)])))
            let movers = topMovers(from: first, to: other, dataset: dataset, absent: absent)
            blocks.append(movers.rows.isEmpty ? .text(movers.title ?? "") : .table(movers))
        }
        return blocks
    }

    private static func profiles(_ results: [ScenarioResult], dataset: Dataset, money moneys: [SimulationViews.Money]) -> Table {
        var table = Table("profiles", title: "Tier profiles\(assumedMargins(results)):", columns: [
            .init("tier", numeric: false), .init("scenario", numeric: false), .count("customers"), .init("cust_share"),
            .money("revenue"), .init("rev_share"), .money("profit"), .init("last_customer", numeric: false),
            Table.Column("boundary", kind: .moneyOrScore),
        ])
        let tierCount = results.map(\.tierCount).max() ?? 0
        for t in 0..<tierCount {
            for (i, r) in results.enumerated() where t < r.tierCount {
                let money = moneys[i]
                let tier = r.profile.tiers[t]
                let boundaryCustomer = tier.boundaryCustomer.map { r.customers[$0] }
                let boundary = tier.boundaryValue.map { dataset.formatMoney($0) } ?? tier.boundaryScore.map(NumberFormatting.score) ?? ""
                table.append([
                    tier.name, r.label, String(tier.customers), NumberFormatting.percent(basisPoints: tier.customerShare),
                    money(tier.revenue), tier.revenueShare.map { NumberFormatting.percent(basisPoints: $0) } ?? "",
                    tier.profit.map(money) ?? SimulationViews.notKnown, boundaryCustomer.map { dataset.customerIDs[$0] } ?? "", boundary,
                ])
            }
        }
        return table
    }

    private static func kpis(_ results: [ScenarioResult], windows: ComparisonWindows) -> Table {
        let perDay = windows.deltasPerCoveredDay ? "_per_day" : ""
        var table = Table("kpis", title: "KPIs (deltas against \(results[0].label)\(perDay.isEmpty ? "" : ", per covered day"))\(assumedMargins(results)):", columns: [
            .init("scenario", numeric: false), .count("customers"), .money("revenue"), .money("delta_revenue" + perDay), .money("profit"),
            .money("delta_profit" + perDay), .money("cost_to_serve"), .money("lever_cost"), .money("net_contribution"),
            .money("delta_net" + perDay), .count("A_customers"),
        ])
        let base = results[0].totals
        for (i, r) in results.enumerated() {
            let t = r.totals, money = windows.money[i]
            let delta = { (value: Int128, base: Int128) in windows.delta(value, of: i, from: base) }
            // Profit-side figures only where profit is known (the data's, or an assumed margin).
            let known = r.profitBasis.isKnown, bothKnown = known && results[0].profitBasis.isKnown
            let na = SimulationViews.notKnown
            table.append([
                r.label, String(t.customers), money(t.revenue), delta(t.revenue, base.revenue), known ? money(t.profit) : na,
                bothKnown ? delta(t.profit, base.profit) : na, money(t.costToServe), money(t.leverCost),
                known ? money(t.netContribution) : na, bothKnown ? delta(t.netContribution, base.netContribution) : na,
                String(r.profile.tiers[0].customers),
            ])
        }
        return table
    }

    /// The customers that move furthest, the largest revenue first.
    private static func topMovers(
        from: ScenarioResult, to: ScenarioResult, dataset: Dataset, absent: String, limit: Int = 10
    ) -> Table {
        let movers = LargestMovers.find(
            from: from.tier, to: to.tier, revenueFrom: from.revenue, revenueTo: to.revenue, options: .includingAbsent, limit: limit)
        var table = Table("top_movers", title: "Top movers \(from.label) → \(to.label) (largest move, then revenue):", columns: [
            .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
            .money("revenue"), .count("rank_from"), .count("rank_to"),
        ])
        func name(_ t: UInt8) -> String { t == MigrationMatrix.absent ? absent : TieringRule.tierNames[Int(t)] }
        for m in movers {
            table.append([dataset.customerIDs[m.customer], name(from.tier[m.customer]), name(to.tier[m.customer]),
                          dataset.formatMoney(m.revenue), from.rank[m.customer] == 0 ? "" : String(from.rank[m.customer]),
                          to.rank[m.customer] == 0 ? "" : String(to.rank[m.customer])])
        }
        // For machines the scenarios compared lead each record.
        table.machine = .records([Table.Records("top_movers", columns: [
            .init("from_scenario", numeric: false), .init("to_scenario", numeric: false)] + table.columns,
            rows: table.rows.map { [from.label, to.label] + $0 })])
        if movers.isEmpty { table.title = "Top movers \(from.label) → \(to.label): no customer changes tier" }
        return table
    }

    /// ` (profit at an assumed margin: lean 30%)` when a compared scenario assumes one.
    private static func assumedMargins(_ results: [ScenarioResult]) -> String {
        let assumed = results.compactMap { r -> String? in
            guard case .assumed(let margin) = r.profitBasis else { return nil }
            return "\(r.label) \(margin.text(separator: ", "))"
        }
        return assumed.isEmpty ? "" : " (profit at an assumed margin: \(assumed.joined(separator: "; ")))"
    }
}
