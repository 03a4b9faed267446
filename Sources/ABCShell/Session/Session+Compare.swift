import ABCCore

extension Session {
    /// A scenario's customers after its levers, in the original customer indexing.
    struct ScenarioResult {
        var label: String
        var tierCount: Int
        /// Per customer, or `MigrationMatrix.absent` when dropped.
        var tier: [UInt8]
        /// Per customer, 0 when dropped.
        var rank: [UInt32]
        var revenue: [Int64]
        var profile: TierProfile
        /// Profile indices → original customer indices (nil: identity).
        var customers: [Int]?
        var totals: TierTotals
    }

    func result(of scenario: Scenario, afterLevers: Bool = true) throws -> ScenarioResult {
        let (dataset, segmentation, outcome) = try simulation(of: scenario)
        let totals = afterLevers ? outcome.totalAfter : outcome.totalBefore
        guard afterLevers, let projected = outcome.projected, let projectedSegmentation = projected.segmentation else {
            return ScenarioResult(
                label: scenario.name + (afterLevers || scenario.levers.isEmpty ? "" : " (before levers)"),
                tierCount: segmentation.tierCount, tier: segmentation.tier, rank: segmentation.rank,
                revenue: dataset.metrics.revenue, profile: segmentation.profile, customers: nil, totals: totals)
        }
        var rank = [UInt32](repeating: 0, count: dataset.customerCount)
        for (i, c) in projected.customers.enumerated() { rank[c] = projectedSegmentation.rank[i] }
        return ScenarioResult(
            label: scenario.name + " (after levers)", tierCount: segmentation.tierCount, tier: projected.tier,
            rank: rank, revenue: outcome.projectedRevenue, profile: projectedSegmentation.profile,
            customers: projected.customers, totals: totals)
    }

    func compare(_ context: CommandContext) throws -> [Block] {
        guard !context.arguments.isEmpty else {
            throw CommandError("missing scenarios; usage: compare SCENARIO [SCENARIO…]", column: context.invocation.endColumn + 1)
        }
        var chosen: [Scenario] = []
        for token in context.arguments {
            guard let s = scenario(named: token.text) else { throw unknownScenario(token, context) }
            if chosen.contains(where: { $0.name == s.name }) { throw context.error("scenario '\(s.name)' is given twice", at: token) }
            chosen.append(s)
        }
        let dataset = self.dataset!
        var results: [ScenarioResult]
        if chosen.count == 1 {
            results = [try result(of: chosen[0], afterLevers: false), try result(of: chosen[0], afterLevers: true)]
            if chosen[0].levers.isEmpty { results[1].label = chosen[0].name + " (no levers)" }
        } else {
            results = try chosen.map { try result(of: $0) }
        }
        let (money, window) = try simulationMoney(dataset, annualise: false)
        var blocks: [Block] = [.text("Comparison on \(dataset.name) (\(window)): " + results.map(\.label).joined(separator: " vs "))]
        blocks.append(.table(profiles(results, dataset: dataset, money: money)))
        blocks.append(.table(kpis(results, money: money)))
        let first = results[0]
        for other in results.dropFirst() {
            let names = TieringRule.tierNames
            let matrix = MigrationMatrix(from: first.tier, fromTiers: first.tierCount, to: other.tier,
                                         toTiers: other.tierCount, revenue: first.revenue)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), customers (\(matrix.moved) change tier):",
                absentFrom: "new", absentTo: "dropped", money: nil)))
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), revenue (as in \(first.label)):",
                absentFrom: "new", absentTo: "dropped", money: money)))
            let movers = topMovers(from: first, to: other, dataset: dataset)
            blocks.append(movers.rows.isEmpty ? .text(movers.title ?? "") : .table(movers))
        }
        return blocks
    }

    private func profiles(_ results: [ScenarioResult], dataset: Dataset, money: SimulationViews.Money) -> Table {
        var table = Table(title: "Tier profiles:", columns: [
            .init("tier", numeric: false), .init("scenario", numeric: false), .init("customers"), .init("cust_share"),
            .init("revenue"), .init("rev_share"), .init("profit"), .init("last_customer", numeric: false), .init("boundary"),
        ])
        let tierCount = results.map(\.tierCount).max()!
        for t in 0..<tierCount {
            for r in results where t < r.tierCount {
                let tier = r.profile.tiers[t]
                let boundaryCustomer = tier.boundaryCustomer.map { r.customers?[$0] ?? $0 }
                let boundary = tier.boundaryValue.map { dataset.formatMoney($0) } ?? tier.boundaryScore.map(NumberFormatting.score) ?? ""
                table.append([
                    tier.name, r.label, String(tier.customers), NumberFormatting.percent(basisPoints: tier.customerShare),
                    money(tier.revenue), tier.revenueShare.map { NumberFormatting.percent(basisPoints: $0) } ?? "",
                    tier.profit.map(money) ?? "", boundaryCustomer.map { dataset.customerIDs[$0] } ?? "", boundary,
                ])
            }
        }
        return table
    }

    private func kpis(_ results: [ScenarioResult], money: SimulationViews.Money) -> Table {
        var table = Table(title: "KPIs (deltas against \(results[0].label)):", columns: [
            .init("scenario", numeric: false), .init("customers"), .init("revenue"), .init("delta_revenue"), .init("profit"),
            .init("delta_profit"), .init("cost_to_serve"), .init("lever_cost"), .init("net_contribution"), .init("delta_net"),
            .init("A_customers"),
        ])
        let base = results[0].totals
        for r in results {
            let t = r.totals
            table.append([
                r.label, String(t.customers), money(t.revenue), money(t.revenue - base.revenue), money(t.profit),
                money(t.profit - base.profit), money(t.costToServe), money(t.leverCost), money(t.netContribution),
                money(t.netContribution - base.netContribution), String(r.profile.tiers[0].customers),
            ])
        }
        return table
    }

    /// The customers that move furthest, the largest revenue first.
    private func topMovers(from: ScenarioResult, to: ScenarioResult, dataset: Dataset, limit: Int = 10) -> Table {
        var movers: [(distance: Int, revenue: Int64, customer: Int)] = []
        for c in 0..<from.tier.count where from.tier[c] != to.tier[c] {
            let f = Int(from.tier[c]), t = Int(to.tier[c])
            let distance = (f == 255 || t == 255) ? 9 : abs(t - f)
            movers.append((distance, from.revenue[c], c))
        }
        movers.sort { a, b in
            a.distance != b.distance ? a.distance > b.distance : a.revenue != b.revenue ? a.revenue > b.revenue : a.customer < b.customer
        }
        var table = Table(title: "Top movers \(from.label) → \(to.label) (largest move, then revenue):", columns: [
            .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
            .init("revenue"), .init("rank_from"), .init("rank_to"),
        ])
        func name(_ t: UInt8) -> String { t == 255 ? "dropped" : TieringRule.tierNames[Int(t)] }
        for m in movers.prefix(limit) {
            table.append([dataset.customerIDs[m.customer], name(from.tier[m.customer]), name(to.tier[m.customer]),
                          dataset.formatMoney(m.revenue), from.rank[m.customer] == 0 ? "" : String(from.rank[m.customer]),
                          to.rank[m.customer] == 0 ? "" : String(to.rank[m.customer])])
        }
        if movers.isEmpty { table.title = "Top movers \(from.label) → \(to.label): no customer changes tier" }
        return table
    }
}
