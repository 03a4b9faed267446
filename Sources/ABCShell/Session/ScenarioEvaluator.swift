import ABCCore

/// Applies scenarios to the loaded dataset: the window's metrics, the pre-lever
/// segmentation and the expected-value simulation, each computed once per set of inputs
/// and kept in a small cache until the dataset changes.
final class ScenarioEvaluator {
    private(set) var dataset: Dataset?

    private struct ScopeKey: Equatable {
        var period: Period?
        var asOf: Int32?
        /// Set when the scenario's criteria need the purchase model: its metrics carry the forecast.
        var forecast: ForecastKey?
    }

    private struct ForecastKey: Equatable {
        var settings: LifetimeValueSettings
        var margin: AssumedMargin?
    }

    private struct SegmentationKey: Equatable {
        var criteria: [WeightedCriterion]
        var rule: TieringRule
        var scaling: Scaling
        var scope: ScopeKey
    }

    private struct SimulationKey: Equatable {
        var segmentation: SegmentationKey
        var levers: [ScenarioLever]
        var margin: AssumedMargin?
        /// What the groups a filtered lever names read beyond the segmentation.
        var clv: LifetimeValueSettings
        var rules: PlaybookGroup.Rules
    }

    /// What the customers of a lever's filter depend on.
    private struct MembersKey: Equatable {
        var segmentation: SegmentationKey
        var filter: CustomerFilter
        var margin: AssumedMargin?
        var clv: LifetimeValueSettings
        var rules: PlaybookGroup.Rules
        /// `costly` reads the scenario's cost-to-serve levers without a filter.
        var costToServe: [Lever]
    }

    private var scopes = SmallCache<ScopeKey, ScopedMetrics>(capacity: 8)
    private var segmentations = SmallCache<SegmentationKey, Segmentation>(capacity: 16)
    private var simulations = SmallCache<SimulationKey, SimulationOutcome>(capacity: 8)
    private var forecasts = SmallCache<ScopeKey, LifetimeValueForecast>(capacity: 4)
    /// The customers each lever filter picks, made once per segmentation.
    private var leverMembers = SmallCache<MembersKey, [Bool]>(capacity: 16)
    /// The fitted models per window (the forecast's horizon and margin do not change them).
    private var fittedModels = SmallCache<ScopeKey, LifetimeValueForecast.Fitted>(capacity: 4)
    /// The last `simulate --runs N` of each scenario, by name, with the settings it ran on: the
    /// report shows its bands while the scenario still has those settings.
    private var monteCarloRuns: [String: (key: SimulationKey, summary: MonteCarlo.Summary)] = [:]

    /// A new dataset: every cached result is dropped.
    func replaceDataset(_ new: Dataset) {
        dataset = new
        scopes.removeAll()
        segmentations.removeAll()
        simulations.removeAll()
        forecasts.removeAll()
        leverMembers.removeAll()
        fittedModels.removeAll()
        monteCarloRuns.removeAll()
    }

    /// Keeps `summary`, just run on `scenario` as it is, in place of its previous runs.
    func keepMonteCarlo(_ summary: MonteCarlo.Summary, of scenario: Scenario) throws {
        let dataset = try requireDataset()
        let key = simulationKey(scenario, dataset)
        monteCarloRuns[scenario.name] = (key, summary)
    }

    /// The last Monte Carlo runs of `scenario`, when its settings are still those they ran on.
    func keptMonteCarlo(of scenario: Scenario) -> MonteCarlo.Summary? {
        guard let dataset, let kept = monteCarloRuns[scenario.name],
              kept.key == simulationKey(scenario, dataset)
        else { return nil }
        return kept.summary
    }

    func requireDataset() throws(RequestError) -> Dataset {
        guard let dataset else { throw RequestError(Session.noDataMessage) }
        return dataset
    }

    /// The customers and metrics a scenario works on: its period and as-of date applied.
    func scope(of scenario: Scenario) throws -> ScopedMetrics {
        try scope(scopeKey(scenario))
    }

    private func scope(_ key: ScopeKey) throws -> ScopedMetrics {
        let dataset = try requireDataset()
        if let cached = scopes[key] { return cached }
        var value: ScopedMetrics
        if key.forecast != nil {
            var plain = key
            plain.forecast = nil
            value = try scope(plain)
            value.metrics.forecast = ForecastColumns(try forecast(key).forecast)
        } else {
            value = try dataset.scopedMetrics(period: key.period, asOf: key.asOf)
            guard value.metrics.count > 0 else {
                throw RequestError("no customer bought in \(value.window?.description ?? "the data")")
            }
        }
        scopes[key] = value
        return value
    }

    /// The purchase and spend models fitted on a scenario's window, and every customer's
    /// forecast with its horizon and margin (docs/forecasting.md).
    func forecast(of scenario: Scenario) throws -> LifetimeValueForecast {
        var key = scopeKey(scenario)
        key.forecast = ForecastKey(settings: scenario.clv, margin: scenario.margin)
        return try forecast(key)
    }

    private func forecast(_ key: ScopeKey) throws -> LifetimeValueForecast {
        if let cached = forecasts[key] { return cached }
        let dataset = try requireDataset()
        var plain = key
        plain.forecast = nil
        let scope = try scope(plain)
        let fitted = try fittedModels[plain] ?? LifetimeValueForecast.fit(dataset: dataset, scope: scope)
        fittedModels[plain] = fitted
        let value = try LifetimeValueForecast.make(
            fitted, scope: scope, settings: key.forecast?.settings ?? .standard, margin: key.forecast?.margin)
        forecasts[key] = value
        return value
    }

    private func scopeKey(_ scenario: Scenario) -> ScopeKey {
        ScopeKey(
            period: scenario.period, asOf: scenario.asOf,
            forecast: scenario.usesForecast ? ForecastKey(settings: scenario.clv, margin: scenario.margin) : nil)
    }

    /// A scenario's pre-lever segmentation.
    func segmentation(of scenario: Scenario) throws -> (Dataset, Segmentation) {
        let dataset = try requireDataset()
        let key = segmentationKey(scenario, dataset)
        if let cached = segmentations[key] { return (dataset, cached) }
        let metrics = try scope(of: scenario).metrics
        try checkComputedTiers(scenario, naming: true)
        let value = try Segmenter.segment(metrics: metrics, criteria: key.criteria, rule: scenario.rule, scaling: scenario.scaling)
        segmentations[key] = value
        return (dataset, value)
    }

    /// Refuses, in words and with what to type instead, computed tiers that cannot be found on
    /// the scenario's customers (too few, or none with a positive value): `set tiers computed`
    /// checks before it is set, and a later load or period that leaves too few is caught here
    /// rather than deep in the segmentation. Problems of the window itself are left to `scope`.
    func checkComputedTiers(_ scenario: Scenario, naming: Bool) throws(RequestError) {
        guard case .computed(let basis) = scenario.rule, let dataset,
              let scope = try? scope(of: scenario), let values = try? basis.values(in: scope.metrics) else { return }
        do {
            try ComputedLimits.check(values, of: basis.rawValue)
        } catch {
            let whose = naming ? "the computed tiers of scenario \(scenario.name)" : "computed tiers"
            let place = dataset.name + (scope.window.map { " in \($0.description)" } ?? "")
            throw RequestError(
                "\(whose) cannot work on \(place): \(error.message); "
                    + "tier by shares instead (set tiers count 20/30/50 or set tiers revenue 80/15/5)")
        }
    }

    /// A scenario's levers applied (expected values).
    func simulation(of scenario: Scenario) throws -> (Dataset, Segmentation, SimulationOutcome) {
        let (dataset, segmentation) = try segmentation(of: scenario)
        let key = simulationKey(scenario, dataset)
        if let cached = simulations[key] { return (dataset, segmentation, cached) }
        let scope = try scope(of: scenario)
        let value = try Simulator.run(
            metrics: scope.metrics, segmentation: segmentation,
            targeted: targetedLevers(of: scenario, scope: scope, segmentation: segmentation), margin: scenario.margin,
            customerID: { dataset.customerIDs[scope.global($0)] })
        simulations[key] = value
        return (dataset, segmentation, value)
    }

    /// A scenario's segmentation and expected-value simulation with the customers placed
    /// after the levers, uncached (each step of a sweep or seek is a new scenario).
    func evaluateUncached(_ scenario: Scenario) throws -> (Segmentation, SimulationOutcome) {
        let dataset = try requireDataset()
        let scope = try scope(of: scenario)
        let segmentation = try Segmenter.segment(
            metrics: scope.metrics, criteria: scenario.effectiveCriteria(for: dataset.metrics), rule: scenario.rule,
            scaling: scenario.scaling)
        let outcome = try Simulator.run(
            metrics: scope.metrics, segmentation: segmentation,
            targeted: targetedLevers(of: scenario, scope: scope, segmentation: segmentation), margin: scenario.margin,
            customerID: { dataset.customerIDs[scope.global($0)] })
        return (segmentation, outcome)
    }

    /// A scenario's levers with the customers each acts on: a lever's `where` clauses resolved on
    /// `segmentation`, the segmentation before the levers (docs/levers.md#levers-on-groups).
    /// A filter that cannot be resolved (an attribute the data lacks, a group whose rule cannot
    /// run) is one error naming the lever.
    func targetedLevers(of scenario: Scenario, scope: ScopedMetrics, segmentation: Segmentation) throws -> [TargetedLever] {
        let dataset = try requireDataset()
        var inputs: PlaybookGroup.Inputs?
        return try scenario.levers.enumerated().map { i, declared in
            guard !declared.filter.isEmpty else { return TargetedLever(declared.lever) }
            let key = MembersKey(
                segmentation: segmentationKey(scenario, dataset), filter: declared.filter, margin: scenario.margin,
                clv: scenario.clv, rules: scenario.playbook.rules, costToServe: Self.unfilteredCostToServe(scenario))
            if let cached = leverMembers[key], cached.count == scope.metrics.count { return TargetedLever(declared.lever, members: cached) }
            do {
                let picked = try declared.filter.members(dataset: dataset, scope: scope) {
                    if let inputs { return inputs }
                    let made = try groupInputs(of: scenario, scope: scope, segmentation: segmentation)
                    inputs = made
                    return made
                } ?? []
                leverMembers[key] = picked
                return TargetedLever(declared.lever, members: picked)
            } catch {
                // Typed at another command's columns: one line naming the lever instead.
                guard let message = (error as? CommandError)?.message ?? (error as? RequestError)?.message else { throw error }
                throw RequestError("lever \(i + 1) (\(declared.kind) \(declared.filter.script)): \(message)")
            }
        }
    }

    /// The scenario's cost-to-serve levers that act on their whole tier: the ones `costly` reads
    /// (a filtered one could name `costly` itself).
    static func unfilteredCostToServe(_ scenario: Scenario) -> [Lever] {
        scenario.levers.compactMap { declared in
            guard declared.filter.isEmpty, case .costToServe = declared.lever else { return nil }
            return declared.lever
        }
    }

    /// What the strategy groups read: the models' forecast when they can be fitted (else the
    /// rules' fallbacks), the purchase days, the scenario's margin and the cost-to-serve levers
    /// on the last tier that have no filter.
    func groupInputs(of scenario: Scenario, scope: ScopedMetrics, segmentation: Segmentation) throws -> PlaybookGroup.Inputs {
        let dataset = try requireDataset()
        let fitted = try? forecast(of: scenario)
        var history = fitted?.history
        if history == nil, let transactions = dataset.transactions, let end = scope.metrics.referenceDate {
            let all = transactions.purchaseHistory(customers: dataset.customerCount, window: scope.window, end: end)
            history = scope.customers.map { all.picking($0) } ?? all
        }
        let last = segmentation.tierCount - 1
        var cost: (perOrder: Int64, perCustomer: Int64)?
        for case .costToServe(let t, let perOrder, let perCustomer) in Self.unfilteredCostToServe(scenario) where t == last {
            cost = ((cost?.perOrder ?? 0) + perOrder, (cost?.perCustomer ?? 0) + perCustomer)
        }
        return PlaybookGroup.Inputs(
            metrics: scope.metrics, tiers: segmentation.tier, tierCount: segmentation.tierCount,
            forecast: scope.metrics.forecast ?? fitted.map { ForecastColumns($0.forecast) }, history: history,
            margin: scenario.margin, costToServe: cost, rules: scenario.playbook.rules)
    }

    private func simulationKey(_ scenario: Scenario, _ dataset: Dataset) -> SimulationKey {
        SimulationKey(
            segmentation: segmentationKey(scenario, dataset), levers: scenario.levers, margin: scenario.margin, clv: scenario.clv,
            rules: scenario.playbook.rules)
    }

    private func segmentationKey(_ scenario: Scenario, _ dataset: Dataset) -> SegmentationKey {
        SegmentationKey(
            criteria: scenario.effectiveCriteria(for: dataset.metrics), rule: scenario.rule, scaling: scenario.scaling,
            scope: scopeKey(scenario))
    }
}

/// A few recent results by key, the oldest dropped first. Keys are compared by equality:
/// the caches hold a handful of entries, so a linear search is cheapest.
struct SmallCache<Key: Equatable, Value> {
    let capacity: Int
    private var entries: [(key: Key, value: Value)] = []

    init(capacity: Int) { self.capacity = capacity }

    subscript(key: Key) -> Value? {
        get { entries.first { $0.key == key }?.value }
        set {
            entries.removeAll { $0.key == key }
            guard let newValue else { return }
            entries.append((key, newValue))
            if entries.count > capacity { entries.removeFirst() }
        }
    }

    mutating func removeAll() { entries.removeAll() }
}
