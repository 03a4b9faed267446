import ABCCore

extension Session {
    /// Money formatting for simulation figures, scaled to a year with --annualise.
    func simulationMoney(_ dataset: Dataset, annualise: Bool, window: DateWindow? = nil) throws -> (SimulationViews.Money, String) {
        let decimals = dataset.moneyDecimals
        let plain: SimulationViews.Money = { FixedPoint.formatScaled($0, scaleDigits: FixedPoint.digits, decimals: decimals) }
        guard let first = window?.from ?? dataset.report.firstDate, let last = window?.to ?? dataset.report.lastDate else {
            if annualise { throw RequestError("--annualise needs purchase dates, which this dataset lacks") }
            return (plain, "the whole dataset (no dates)")
        }
        let days = Int128(last - first) + 1
        let window = "data window \(CivilDate.iso(first)) to \(CivilDate.iso(last)) (\(days) day\(days == 1 ? "" : "s"))"
        guard annualise else { return (plain, window) }
        return ({ plain(FixedPoint.divideRoundingHalfEven($0 * 365, days)) }, window + ", annualised to 365 days")
    }

    func simulate(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "simulate [--annualise] [--runs N] [--seed S]")
        let invocation = context.invocation
        var blocks = try simulationBlocks(of: scenario, annualise: invocation.flag("annualise"))
        guard !scenario.levers.isEmpty else { return blocks }
        let (dataset, segmentation, _) = try simulation(of: scenario)
        let scope = try self.scope(of: scenario)
        let (money, _) = try simulationMoney(dataset, annualise: invocation.flag("annualise"), window: scope.window)
        if let runsToken = invocation.value("runs") {
            guard let runs = Int(runsToken.text), runs >= 1, runs <= 1_000_000 else {
                throw context.error("expected a number of runs from 1 to 1000000, found '\(runsToken.text)'", at: runsToken)
            }
            var seed: UInt64 = 1
            if let seedToken = invocation.value("seed") {
                guard let s = UInt64(seedToken.text) else { throw context.error("expected a seed ≥ 0, found '\(seedToken.text)'", at: seedToken) }
                seed = s
            }
            let summary = try MonteCarlo.run(
                metrics: scope.metrics, segmentation: segmentation, levers: scenario.levers, runs: runs, seed: seed,
                isCancelled: environment.isCancelled)
            blocks.append(.table(SimulationViews.monteCarlo(summary, levers: scenario.levers, money: money)))
        } else if let seedToken = invocation.value("seed") {
            throw context.error("--seed needs --runs N", at: seedToken)
        }
        return blocks
    }

    /// Expected-value simulation of any scenario (the report shows every one).
    func simulationBlocks(of scenario: Scenario, annualise: Bool) throws -> [Block] {
        let (dataset, segmentation, outcome) = try simulation(of: scenario)
        let scope = try self.scope(of: scenario)
        let (money, window) = try simulationMoney(dataset, annualise: annualise, window: scope.window)
        var blocks: [Block] = [.text("Simulation of scenario \(scenario.name) on \(dataset.name): \(window)")]
        guard !scenario.levers.isEmpty else {
            blocks.append(.text("Scenario \(scenario.name) has no levers; add one with `lever …` (help lever uplift)."))
            return blocks
        }
        let names = Array(TieringRule.tierNames.prefix(segmentation.tierCount))
        blocks.append(.table(SimulationViews.levers(outcome, money: money, amount: dataset.formatMoney)))
        for result in outcome.levers {
            if case .costToServe(let t, _, _) = result.lever {
                blocks.append(.text("cost-to-serve \(names[t]): \(result.unprofitableCustomers) of \(result.targeted) customers have net below zero (revenue \(money(result.unprofitableRevenue)))"))
            }
        }
        blocks.append(.table(SimulationViews.beforeAfter(outcome, tierNames: names, money: money)))
        if let projected = outcome.projected {
            let matrix = MigrationMatrix(
                from: segmentation.tier, fromTiers: segmentation.tierCount, to: projected.tier,
                toTiers: segmentation.tierCount, revenue: scope.metrics.revenue)
            blocks.append(.table(SimulationViews.migration(
                matrix, fromNames: names, toNames: names,
                title: "Migration, tier before the levers → tier after re-segmenting (customers):",
                absentFrom: "new", absentTo: "dropped", money: nil)))
        }
        return blocks
    }
}
