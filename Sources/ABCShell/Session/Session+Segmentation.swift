import ABCCore

extension Session {
    func showCriteria(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "show criteria")
        let dataset = self.dataset!
        let criteria = scenario.effectiveCriteria(for: dataset.metrics)
        let sum = criteria.reduce(0) { $0 + $1.weight }
        var table = Table(
            title: "Scenario \(scenario.name): score = Σ weight × min-max normalised criterion"
                + (scenario.criteria == nil ? " (default criteria)" : ""),
            columns: [.init("criterion", numeric: false), .init("weight"), .init("share"), .init("direction", numeric: false)])
        for item in criteria {
            let share = sum > 0 ? String(format: "%.2f%%", 100 * item.weight / sum) : ""
            table.append([item.criterion.rawValue, NumberFormatting.weight(item.weight), share,
                          item.criterion.lowerIsBetter ? "lower is better" : "higher is better"])
        }
        return [.table(table), .text("tiering: \(SegmentationViews.ruleDescription(scenario.rule))")]
    }

    func setWeights(_ context: CommandContext) throws -> [Block] {
        let arguments = context.arguments
        let usage = "set weights CRITERION WEIGHT [CRITERION WEIGHT…] | default"
        if arguments.count == 1 && arguments[0].text.lowercased() == "default" {
            var s = scenario
            s.criteria = nil
            setScenario(s)
            return [.text("Weights: default" + (dataset.map { " (\(SegmentationViews.criteriaDescription($0.metrics.defaultCriteria())))" } ?? ""))]
        }
        guard !arguments.isEmpty else { throw CommandError("missing criteria; usage: \(usage)", column: context.invocation.endColumn + 1) }
        guard arguments.count % 2 == 0 else {
            throw CommandError("criterion '\(arguments.last!.text)' has no weight; usage: \(usage)",
                               column: arguments.last!.column + arguments.last!.text.count + 1)
        }
        var criteria: [WeightedCriterion] = []
        for pair in stride(from: 0, to: arguments.count, by: 2) {
            let nameToken = arguments[pair], weightToken = arguments[pair + 1]
            guard let criterion = Criterion(name: nameToken.text) else {
                let names = Criterion.allCases.map(\.rawValue)
                let near = names.min { CommandTable.editDistance(nameToken.text, $0) < CommandTable.editDistance(nameToken.text, $1) }!
                let hint = CommandTable.editDistance(nameToken.text.lowercased(), near) <= 2 ? "did you mean '\(near)'? " : ""
                throw context.error("unknown criterion '\(nameToken.text)'; \(hint)criteria: \(names.joined(separator: ", ")) (aliases frequency, loyalty)", at: nameToken)
            }
            guard let weight = Double(weightToken.text), weight.isFinite, weight >= 0 else {
                throw context.error("expected a weight ≥ 0 for '\(nameToken.text)', found '\(weightToken.text)'", at: weightToken)
            }
            if criteria.contains(where: { $0.criterion == criterion }) {
                throw context.error("criterion '\(criterion.rawValue)' is given twice", at: nameToken)
            }
            if let dataset, !dataset.metrics.has(criterion) {
                throw context.error("criterion '\(criterion.rawValue)' needs \(criterionNeeds(criterion)), which this dataset lacks", at: nameToken)
            }
            criteria.append(WeightedCriterion(criterion, weight))
        }
        guard criteria.contains(where: { $0.weight > 0 }) else {
            throw context.error("at least one weight must be above 0", at: arguments[1])
        }
        var s = scenario
        s.criteria = criteria
        setScenario(s)
        return [.text("Weights: \(SegmentationViews.criteriaDescription(criteria))")]
    }

    func criterionNeeds(_ criterion: Criterion) -> String {
        switch criterion {
        case .profit, .margin: return "cost or profit data"
        case .orders, .aov: return "order counts"
        case .recency, .tenure: return "purchase dates"
        case .revenue: return "revenue"
        }
    }

    func setTiers(_ context: CommandContext) throws -> [Block] {
        if let first = context.arguments.first, first.text.lowercased() == "computed" {
            return try setComputedTiers(context)
        }
        try context.expectArguments(2...2, usage: "set tiers count|revenue|profit SHARES (e.g. 20/30/50) | computed [on revenue|profit]")
        let basisToken = context.arguments[0], sharesToken = context.arguments[1]
        let parts = sharesToken.text.split(separator: "/", omittingEmptySubsequences: false)
        var shares: [Int] = []
        for part in parts {
            guard let value = Int(part.hasSuffix("%") ? part.dropLast() : part) else {
                throw context.error("expected shares like 20/30/50, found '\(sharesToken.text)'", at: sharesToken)
            }
            shares.append(value)
        }
        do {
            try TieringRule.validate(shares: shares)
        } catch {
            throw context.error(error.message, at: sharesToken)
        }
        let rule: TieringRule
        switch basisToken.text.lowercased() {
        case "count", "customers": rule = .countShare(shares)
        case "revenue": rule = .valueShare(.revenue, shares)
        case "profit":
            if let dataset, dataset.metrics.profit == nil {
                throw context.error("tiering on profit needs cost or profit data, which this dataset lacks", at: basisToken)
            }
            rule = .valueShare(.profit, shares)
        default:
            throw context.error("expected count, revenue or profit, found '\(basisToken.text)'", at: basisToken)
        }
        if let lever = scenario.levers.first(where: { $0.tier >= rule.tierCount }) {
            throw context.error(
                "lever '\(lever.kind) \(TieringRule.tierNames[lever.tier])' needs \(lever.tier + 1) tiers; remove it first (lever list)",
                at: sharesToken)
        }
        var s = scenario
        s.rule = rule
        setScenario(s)
        return [.text("Tiers: \(SegmentationViews.ruleDescription(rule))")]
    }

    /// `set tiers computed [on revenue|profit]`.
    func setComputedTiers(_ context: CommandContext) throws -> [Block] {
        let args = context.arguments
        var basis = TieringRule.ValueBasis.revenue
        if args.count == 3 && args[1].text.lowercased() == "on" {
            guard let b = TieringRule.ValueBasis(rawValue: args[2].text.lowercased()) else {
                throw context.error("expected revenue or profit, found '\(args[2].text)'", at: args[2])
            }
            basis = b
        } else if args.count != 1 {
            throw context.error("usage: set tiers computed [on revenue|profit]", at: args[1])
        }
        if basis == .profit, let dataset, dataset.metrics.profit == nil {
            throw context.error("tiering on profit needs cost or profit data, which this dataset lacks", at: args[2])
        }
        if let lever = scenario.levers.first(where: { $0.tier >= 3 }) {
            throw context.error("lever '\(lever.kind) \(TieringRule.tierNames[lever.tier])' needs \(lever.tier + 1) tiers; remove it first (lever list)")
        }
        var s = scenario
        s.rule = .computed(basis)
        setScenario(s)
        return [.text("Tiers: \(SegmentationViews.ruleDescription(s.rule))")]
    }

    func segment(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(0...0, usage: "segment")
        return try segmentBlocks(of: scenario)
    }

    /// The tier profile of any scenario (the report shows every one).
    func segmentBlocks(of scenario: Scenario) throws -> [Block] {
        let (dataset, segmentation) = try self.segmentation(of: scenario)
        var heading = "Segmentation of \(dataset.name), scenario \(scenario.name): "
        switch scenario.rule {
        case .countShare:
            heading += "score \(SegmentationViews.criteriaDescription(segmentation.criteria)); "
        case .valueShare, .computed: break
        }
        heading += SegmentationViews.ruleDescription(scenario.rule)
        let scope = try self.scope(of: scenario)
        var blocks: [Block] = [.table(SegmentationViews.profile(segmentation, dataset: dataset, scope: scope, title: heading))]
        if let limits = segmentation.computedLimits, let basis = scenario.rule.valueBasis {
            let p = segmentation.profile
            let customers = TierProfile.largestRemainderShares(p.tiers.map { Int128($0.customers) }) ?? []
            let values = basis == .revenue ? p.tiers.map(\.revenue) : p.tiers.map { $0.profit ?? 0 }
            let shares = TierProfile.largestRemainderShares(values) ?? []
            func share(_ s: [Int], _ upTo: Int) -> String { s.isEmpty ? "" : NumberFormatting.percent(basisPoints: s.prefix(upTo).reduce(0, +)) }
            blocks.append(.text(
                "computed limits (\(basis.rawValue)): A above \(dataset.formatMoney(limits.abLimit)) "
                + "(\(share(customers, 1)) of customers, \(share(shares, 1)) of \(basis.rawValue)); "
                + "C below \(dataset.formatMoney(limits.bcLimit)) (A+B: \(share(customers, 2)) of customers, "
                + "\(share(shares, 2)) of \(basis.rawValue))" + (limits.exchanged ? "; break-even came before the Pareto point" : "")))
        }
        if let window = windowDescription(scenario, dataset: dataset, scope: scope) { blocks.append(.text(window)) }
        return blocks
    }

    /// `window: …` under a profile: the period or all data, and the reference date.
    func windowDescription(_ scenario: Scenario, dataset: Dataset, scope: ScopedMetrics) -> String? {
        if let window = scope.window {
            var what = scenario.period.map { "period \($0.script)" } ?? "all data"
            if let asOf = scenario.asOf { what += " as of \(CivilDate.iso(asOf))" }
            return "window: \(what), \(window.description); reference date \(CivilDate.iso(window.to)); "
                + "\(scope.metrics.count) of \(dataset.customerCount) customers bought in it"
        }
        guard let first = dataset.report.firstDate, let last = dataset.report.lastDate else { return nil }
        return "window: all data, \(CivilDate.iso(first)) to \(CivilDate.iso(last)); reference date \(CivilDate.iso(dataset.metrics.referenceDate ?? last))"
    }

    func setPeriod(_ context: CommandContext) throws -> [Block] {
        let words = context.arguments.map(\.text)
        var s = scenario
        if words.count == 1 && words[0].lowercased() == "all" {
            s.period = nil
        } else {
            guard let period = Period(words: words) else {
                throw CommandError(
                    "expected FROM TO (2024-01-01 2024-06-30), last N months|days|years, year 2024, quarter 2024Q3, month 2024-03 or all",
                    column: context.arguments.first?.column ?? context.invocation.endColumn + 1)
            }
            s.period = period
        }
        if let dataset { _ = try dataset.scopedMetrics(period: s.period, asOf: s.asOf) }
        setScenario(s)
        return [.text("Period: " + (s.period.map { $0.script } ?? "all data"))]
    }

    func setAsOf(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "set asof DATE|off")
        let token = context.arguments[0]
        var s = scenario
        if token.text.lowercased() == "off" {
            s.asOf = nil
        } else {
            guard let day = CivilDate.parseISO(token.text) else {
                throw context.error("expected a date like 2024-06-30, or off, found '\(token.text)'", at: token)
            }
            s.asOf = day
        }
        if let dataset { _ = try dataset.scopedMetrics(period: s.period, asOf: s.asOf) }
        setScenario(s)
        return [.text("As of: " + (s.asOf.map(CivilDate.iso) ?? "the end of the data"))]
    }
}
