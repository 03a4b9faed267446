import ABCCore

/// `simulate [--annualise] [--runs N] [--seed S]`: the current scenario's levers applied.
struct SimulateCommand: ShellCommand {
    static let spec = CommandSpec(
        "simulate", group: .whatIf,
        summary: "apply the current scenario's levers: before and after per tier, ROI per lever",
        details: """
            Per tier (as segmented before the levers) and in total: customers, revenue, profit,
            cost-to-serve, lever cost and net contribution, before and after, with deltas; each
            lever's effect and ROI; the migration from the tiers before the levers to the tiers after
            them (each changed customer placed against the tier boundaries before the levers). Figures
            cover the scenario's window, stated in the header (with its coverage when a period is
            covered in part); --annualise scales money by 365 / covered days. --runs N draws adopters,
            kept customers and responders N times (xoshiro256**, seeded, in customer_id order) and reports
            P10/P50/P90 (nearest rank).
            """,
        example: "simulate --runs 1000 --seed 7",
        options: [.init("annualise", "scale money figures to a year (365 / window days)"),
                  .init("runs", value: "N", "Monte Carlo runs (default: expected values only)"),
                  .init("seed", value: "S", "seed of the Monte Carlo runs (default 1)")],
        needsData: true)

    let annualise: Bool
    /// Monte Carlo runs and seed, when asked for.
    let monteCarlo: (runs: Int, seed: UInt64)?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...0)
        annualise = invocation.flag("annualise")
        monteCarlo = try Self.monteCarloOptions(invocation)
    }

    /// `--runs N [--seed S]`, also read by `summary`.
    static func monteCarloOptions(_ invocation: Invocation) throws(CommandError) -> (runs: Int, seed: UInt64)? {
        if let runsToken = invocation.value("runs") {
            guard let runs = Int(runsToken.text), runs >= 1, runs <= 1_000_000 else {
                throw invocation.error("expected a number of runs from 1 to 1000000, found '\(runsToken.text)'", at: runsToken)
            }
            var seed: UInt64 = 1
            if let seedToken = invocation.value("seed") {
                guard let s = UInt64(seedToken.text) else { throw invocation.error("expected a seed ≥ 0, found '\(seedToken.text)'", at: seedToken) }
                seed = s
            }
            return (runs, seed)
        } else if let seedToken = invocation.value("seed") {
            throw invocation.error("--seed needs --runs N", at: seedToken)
        }
        return nil
    }

    func run(in context: CommandContext) throws -> [Block] {
        let scenario = context.scenario
        let evaluator = context.session.evaluator
        var blocks = try Self.blocks(of: scenario, evaluator: evaluator, annualise: annualise)
        guard !scenario.levers.isEmpty, let (runs, seed) = monteCarlo else { return blocks }
        let (dataset, segmentation, _) = try evaluator.simulation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        let (money, _) = try SimulationViews.money(dataset, annualise: annualise, window: scope.coverage?.coveredWindow ?? scope.window)
        let summary = try MonteCarlo.run(
            metrics: scope.metrics, segmentation: segmentation,
            targeted: evaluator.targetedLevers(of: scenario, scope: scope, segmentation: segmentation), runs: runs, seed: seed,
            margin: scenario.margin, isCancelled: context.session.environment.isCancelled,
            progress: context.session.environment.progress)
        try evaluator.keepMonteCarlo(summary, of: scenario)  // for `export report`
        blocks.append(.table(SimulationViews.monteCarlo(summary, levers: scenario.levers, money: money)))
        return blocks
    }

    /// The expected-value simulation of any scenario (the report shows every one).
    static func blocks(of scenario: Scenario, evaluator: ScenarioEvaluator, annualise: Bool) throws -> [Block] {
        let (dataset, segmentation, outcome) = try evaluator.simulation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        // Money over the days the data covers: a partial period is annualised by its covered days.
        let (money, _) = try SimulationViews.money(dataset, annualise: annualise, window: scope.coverage?.coveredWindow ?? scope.window)
        let window = "window " + WindowViews.describe(scenario, scope: scope) + (annualise ? ", annualised to 365 days" : "")
        var blocks: [Block] = [.text("Simulation of scenario \(scenario.name) on \(dataset.name), \(window)")]
        guard !scenario.levers.isEmpty else {
            blocks.append(.text("Scenario \(scenario.name) has no levers; add one with `lever …` (help lever uplift)."))
            return blocks
        }
        let names = Array(TieringRule.tierNames.prefix(segmentation.tierCount))
        blocks.append(.table(SimulationViews.levers(outcome, declared: scenario.levers, money: money, amount: dataset.formatMoney)))
        for result in outcome.levers {
            if case .costToServe(let t, _, _) = result.lever {
                blocks.append(.text(outcome.profitBasis.isKnown
                    ? "cost-to-serve \(names[t]): \(result.unprofitableCustomers) of \(result.targeted) customers have net below zero (revenue \(money(result.unprofitableRevenue)))"
                    : "cost-to-serve \(names[t]): customers with net below zero: n/a (no profit; set margin assumes one)"))
            }
        }
        blocks.append(.table(SimulationViews.beforeAfter(outcome, tierNames: names, money: money)))
        if let note = SimulationViews.profitNote(outcome.profitBasis) { blocks.append(.text(note)) }
        if let projected = outcome.projected {
            let matrix = MigrationMatrix(
                from: segmentation.tier, fromTiers: segmentation.tierCount, to: projected.tier,
                toTiers: segmentation.tierCount, revenue: scope.metrics.revenue)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: names, toNames: names,
                title: "Migration, tier before the levers → tier after the levers (placed against the tier boundaries before them), customers:",
                absentFrom: "new", absentTo: "dropped", money: nil)))
        }
        return blocks
    }
}
