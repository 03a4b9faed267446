import ABCCore

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
    /// Where the totals' profit comes from.
    var profitBasis: ProfitBasis
}

extension ScenarioEvaluator {
    func result(of scenario: Scenario, afterLevers: Bool = true) throws -> ScenarioResult {
        let (dataset, segmentation, outcome) = try simulation(of: scenario)
        let scope = try scope(of: scenario)
        let n = dataset.customerCount
        let totals = afterLevers ? outcome.totalAfter : outcome.totalBefore
        // Everything per global customer; customers outside the scenario's period are absent.
        var tier = [UInt8](repeating: MigrationMatrix.absent, count: n)
        var rank = [UInt32](repeating: 0, count: n)
        var revenue = [Int64](repeating: 0, count: n)
        guard afterLevers, let projected = outcome.projected else {
            for c in 0..<scope.metrics.count {
                let g = scope.global(c)
                tier[g] = segmentation.tier[c]
                rank[g] = segmentation.rank[c]
                revenue[g] = scope.metrics.revenue[c]
            }
            return ScenarioResult(
                label: scenario.name + (afterLevers || scenario.levers.isEmpty ? "" : " (before levers)"),
                tierCount: segmentation.tierCount, tier: tier, rank: rank, revenue: revenue,
                profile: segmentation.profile, customers: (0..<scope.metrics.count).map { scope.global($0) }, totals: totals,
                profitBasis: outcome.profitBasis)
        }
        for c in 0..<scope.metrics.count where projected.tier[c] != ProjectedSegmentation.dropped {
            let g = scope.global(c)
            tier[g] = projected.tier[c]
            revenue[g] = outcome.projectedRevenue[c]
        }
        for c in projected.customers { rank[scope.global(c)] = projected.rank[c] }
        return ScenarioResult(
            label: scenario.name + " (after levers)", tierCount: segmentation.tierCount, tier: tier,
            rank: rank, revenue: revenue, profile: projected.profile,
            customers: projected.customers.map { scope.global($0) }, totals: totals,
            profitBasis: outcome.profitBasis)
    }
}
