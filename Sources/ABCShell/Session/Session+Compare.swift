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
        /// Profile indices → global customer indices.
        var customers: [Int]
        var totals: TierTotals
    }

    func result(of scenario: Scenario, afterLevers: Bool = true) throws -> ScenarioResult {
        let (dataset, segmentation, outcome) = try simulation(of: scenario)
        let scope = try self.scope(of: scenario)
        let n = dataset.customerCount
        let totals = afterLevers ? outcome.totalAfter : outcome.totalBefore
        // Everything per global customer; customers outside the scenario's period are absent.
        var tier = [UInt8](repeating: MigrationMatrix.absent, count: n)
        var rank = [UInt32](repeating: 0, count: n)
        var revenue = [Int64](repeating: 0, count: n)
        guard afterLevers, let projected = outcome.projected, let projectedSegmentation = projected.segmentation else {
            for c in 0..<scope.metrics.count {
                let g = scope.global(c)
                tier[g] = segmentation.tier[c]
                rank[g] = segmentation.rank[c]
                revenue[g] = scope.metrics.revenue[c]
            }
            return ScenarioResult(
                label: scenario.name + (afterLevers || scenario.levers.isEmpty ? "" : " (before levers)"),
                tierCount: segmentation.tierCount, tier: tier, rank: rank, revenue: revenue,
                profile: segmentation.profile, customers: (0..<scope.metrics.count).map { scope.global($0) }, totals: totals)
        }
        for c in 0..<scope.metrics.count where projected.tier[c] != ProjectedSegmentation.dropped {
            let g = scope.global(c)
            tier[g] = projected.tier[c]
            revenue[g] = outcome.projectedRevenue[c]
        }
        for (i, c) in projected.customers.enumerated() { rank[scope.global(c)] = projectedSegmentation.rank[i] }
        return ScenarioResult(
            label: scenario.name + " (after levers)", tierCount: segmentation.tierCount, tier: tier,
            rank: rank, revenue: revenue, profile: projectedSegmentation.profile,
            customers: projected.customers.map { scope.global($0) }, totals: totals)
    }

    func compare(_ context: CommandContext) throws -> [Block] {
        guard !context.arguments.isEmpty else {
            throw CommandError("missing scenarios; usage: compare SCENARIO [SCENARIO…]", column: context.invocation.endColumn + 1)
        }
        var chosen: [Scenario] = []
        for token in context.arguments {
            // NAME@2024, NAME@2024Q3, NAME@2024-03 (a period) or NAME@2024-06-30 (as of a day).
            let parts = token.text.split(separator: "@", maxSplits: 1).map(String.init)
            guard var s = scenario(named: parts[0]) else { throw unknownScenario(Token(parts[0], column: token.column), context) }
            if parts.count == 2 {
                let at = parts[1]
                if let day = CivilDate.parseISO(at) {
                    s.asOf = day
                } else if let period = Period(words: at.contains("q") || at.contains("Q") ? ["quarter", at]
                                              : at.contains("-") ? ["month", at] : ["year", at]) {
                    s.period = period
                } else {
                    throw context.error("expected NAME@YEAR, NAME@YEARQn, NAME@YEAR-MM or NAME@DATE, found '\(token.text)'", at: token)
                }
                s.name = token.text
            }
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
        let windows = Set(try chosen.map { try scope(of: $0).window })
        let (money, window) = try simulationMoney(dataset, annualise: false, window: windows.count == 1 ? windows.first! : nil)
        var blocks: [Block] = [.text("Comparison on \(dataset.name) (\(window)): " + results.map(\.label).joined(separator: " vs "))]
        blocks.append(.table(profiles(results, dataset: dataset, money: money)))
        blocks.append(.table(kpis(results, money: money)))
        // Customers missing on one side: dropped by a lever, or outside a period.
        let absent = chosen.contains { $0.period != nil || $0.asOf != nil } ? "absent" : "dropped"
        let first = results[0]
        for other in results.dropFirst() {
            let names = TieringRule.tierNames
            let matrix = MigrationMatrix(from: first.tier, fromTiers: first.tierCount, to: other.tier,
                                         toTiers: other.tierCount, revenue: first.revenue)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), customers (\(matrix.moved) change tier):",
                absentFrom: "new", absentTo: absent, money: nil)))
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: Array(names.prefix(first.tierCount)), toNames: Array(names.prefix(other.tierCount)),
                title: "Migration \(first.label) → \(other.label), revenue (as in \(first.label)):",
                absentFrom: "new", absentTo: absent, money: money)))
            let movers = topMovers(from: first, to: other, dataset: dataset, absent: absent)
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
                let boundaryCustomer = tier.boundaryCustomer.map { r.customers[$0] }
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
    private func topMovers(
        from: ScenarioResult, to: ScenarioResult, dataset: Dataset, absent: String, limit: Int = 10
    ) -> Table {
        var movers: [(distance: Int, revenue: Int64, customer: Int)] = []
        for c in 0..<from.tier.count where from.tier[c] != to.tier[c] {
            let f = Int(from.tier[c]), t = Int(to.tier[c])
            let distance = (f == 255 || t == 255) ? 9 : abs(t - f)
            movers.append((distance, f == 255 ? to.revenue[c] : from.revenue[c], c))
        }
        movers.sort { a, b in
            a.distance != b.distance ? a.distance > b.distance : a.revenue != b.revenue ? a.revenue > b.revenue : a.customer < b.customer
        }
        var table = Table(title: "Top movers \(from.label) → \(to.label) (largest move, then revenue):", columns: [
            .init("customer", numeric: false), .init("from", numeric: false), .init("to", numeric: false),
            .init("revenue"), .init("rank_from"), .init("rank_to"),
        ])
        func name(_ t: UInt8) -> String { t == 255 ? absent : TieringRule.tierNames[Int(t)] }
        for m in movers.prefix(limit) {
            table.append([dataset.customerIDs[m.customer], name(from.tier[m.customer]), name(to.tier[m.customer]),
                          dataset.formatMoney(m.revenue), from.rank[m.customer] == 0 ? "" : String(from.rank[m.customer]),
                          to.rank[m.customer] == 0 ? "" : String(to.rank[m.customer])])
        }
        if movers.isEmpty { table.title = "Top movers \(from.label) → \(to.label): no customer changes tier" }
        return table
    }
}
