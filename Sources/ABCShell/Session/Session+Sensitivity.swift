import ABCCore
import Foundation

/// `sweep` and `seek`: the current scenario re-run over one setting.
extension Session {
    /// A setting that `sweep` and `seek` vary: a weight, a tier share, or a lever's figure.
    struct Parameter {
        var label: String
        var range: ClosedRange<Double>
        var integral: Bool
        var unit: String
        var apply: (Scenario, Double) throws -> Scenario

        func format(_ v: Double) -> String {
            (integral ? String(Int(v.rounded())) : NumberFormatting.weight(v)) + unit
        }
    }

    /// Parses `weight CRITERION`, `share TIER` or `lever N FIELD` at the start of `tokens`.
    func parameter(_ tokens: ArraySlice<Token>, _ context: CommandContext) throws -> (Parameter, Int) {
        let usage = "weight CRITERION | share TIER | lever N FIELD"
        guard let kind = tokens.first else { throw CommandError("missing the setting: \(usage)", column: context.invocation.endColumn + 1) }
        guard tokens.count >= 2 else { throw context.error("missing what to vary after '\(kind.text)': \(usage)", at: kind) }
        let what = tokens[tokens.startIndex + 1]
        switch kind.text.lowercased() {
        case "weight":
            guard let criterion = Criterion(name: what.text) else { throw context.error("unknown criterion '\(what.text)'", at: what) }
            if let dataset, !dataset.metrics.has(criterion) {
                throw context.error("criterion '\(criterion.rawValue)' needs \(criterionNeeds(criterion)), which this dataset lacks", at: what)
            }
            let metrics = dataset?.metrics
            return (Parameter(label: "weight \(criterion.rawValue)", range: 0...1, integral: false, unit: "") { s, v in
                var s = s
                var criteria = metrics.map { s.effectiveCriteria(for: $0) } ?? (s.criteria ?? [])
                if let i = criteria.firstIndex(where: { $0.criterion == criterion }) { criteria[i].weight = v }
                else { criteria.append(WeightedCriterion(criterion, v)) }
                s.criteria = criteria
                return s
            }, 2)
        case "share":
            return try shareParameter(what, context)
        case "lever":
            guard tokens.count >= 3 else { throw context.error("missing the lever's figure: lever N FIELD", at: what) }
            let field = tokens[tokens.startIndex + 2]
            guard let n = Int(what.text), n >= 1, n <= scenario.levers.count else {
                throw context.error("expected a lever number from 1 to \(scenario.levers.count), found '\(what.text)'", at: what)
            }
            return (try leverParameter(n, field, context), 3)
        default:
            throw context.error("expected weight, share or lever, found '\(kind.text)'", at: kind)
        }
    }

    private func shareParameter(_ what: Token, _ context: CommandContext) throws -> (Parameter, Int) {
        let shares = scenario.rule.shares
        guard !shares.isEmpty else { throw context.error("the computed tiering has no shares to vary", at: what) }
        guard let t = TieringRule.tierNames.prefix(shares.count).firstIndex(of: what.text.uppercased()) else {
            throw context.error("unknown tier '\(what.text)'", at: what)
        }
        // The last tier (or, when varying the last, the first) takes up the difference.
        let absorber = t == shares.count - 1 ? 0 : shares.count - 1
        // The values that leave every other tier at least 1%.
        let others = shares.enumerated().filter { $0.offset != t && $0.offset != absorber }.reduce(0) { $0 + $1.element }
        let highest = Double(max(1, 99 - others))
        return (Parameter(label: "share \(TieringRule.tierNames[t])", range: 1...highest, integral: true, unit: "%") { s, v in
            var s = s
            var shares = s.rule.shares
            shares[t] = Int(v.rounded())
            shares[absorber] = 100 - shares.enumerated().filter { $0.offset != absorber }.reduce(0) { $0 + $1.element }
            try TieringRule.validate(shares: shares)
            switch s.rule {
            case .countShare: s.rule = .countShare(shares)
            case .valueShare(let basis, _): s.rule = .valueShare(basis, shares)
            case .computed: break
            }
            return s
        }, 2)
    }

    private func leverParameter(_ n: Int, _ field: Token, _ context: CommandContext) throws -> Parameter {
        let lever = scenario.levers[n - 1]
        let name = field.text.lowercased()
        func rate(_ v: Double) -> ExactRate { ExactRate(numerator: Int64((v * 10_000).rounded()), denominator: 1_000_000) }
        func money(_ v: Double) -> Int64 { Int64((v * 10_000).rounded()) }
        func with(_ range: ClosedRange<Double>, integral: Bool = false, unit: String, _ change: @escaping (Lever, Double) -> Lever) -> Parameter {
            Parameter(label: "lever \(n) \(name)", range: range, integral: integral, unit: unit) { s, v in
                var s = s
                s.levers[n - 1] = change(s.levers[n - 1], v)
                return s
            }
        }
        switch (lever, name) {
        case (.uplift, "lift"):
            return with(0...1000, unit: "%") { if case let .uplift(t, _, a, c, b) = $0 { return .uplift(tier: t, lift: rate($1), adoption: a, cost: c, basis: b) }; return $0 }
        case (.uplift, "adoption"):
            return with(0...100, unit: "%") { if case let .uplift(t, l, _, c, b) = $0 { return .uplift(tier: t, lift: l, adoption: rate($1), cost: c, basis: b) }; return $0 }
        case (.uplift, "cost"):
            return with(0...10_000, unit: "") { if case let .uplift(t, l, a, _, b) = $0 { return .uplift(tier: t, lift: l, adoption: a, cost: money($1), basis: b) }; return $0 }
        case (.retention, "after"):
            return with(0...100, unit: "%") { if case let .retention(t, b, _, c) = $0 { return .retention(tier: t, churnBefore: b, churnAfter: rate($1), cost: c) }; return $0 }
        case (.retention, "cost"):
            return with(0...10_000, unit: "") { if case let .retention(t, b, a, _) = $0 { return .retention(tier: t, churnBefore: b, churnAfter: a, cost: money($1)) }; return $0 }
        case (.reactivation, "response"):
            return with(0...100, unit: "%") { if case let .reactivation(t, d, _, o, c) = $0 { return .reactivation(tier: t, inactiveDays: d, response: rate($1), orders: o, cost: c) }; return $0 }
        case (.reactivation, "days"):
            return with(0...3650, integral: true, unit: "") { if case let .reactivation(t, _, r, o, c) = $0 { return .reactivation(tier: t, inactiveDays: Int($1.rounded()), response: r, orders: o, cost: c) }; return $0 }
        case (.reactivation, "orders"):
            return with(1...100, integral: true, unit: "") { if case let .reactivation(t, d, r, _, c) = $0 { return .reactivation(tier: t, inactiveDays: d, response: r, orders: max(1, Int($1.rounded())), cost: c) }; return $0 }
        case (.reactivation, "cost"):
            return with(0...10_000, unit: "") { if case let .reactivation(t, d, r, o, _) = $0 { return .reactivation(tier: t, inactiveDays: d, response: r, orders: o, cost: money($1)) }; return $0 }
        case (.discount, "price"):
            return with(0...100, unit: "%") { if case let .discount(t, _, v) = $0 { return .discount(tier: t, priceCut: rate($1), volume: v) }; return $0 }
        case (.discount, "volume"):
            return with(0...1000, unit: "%") { if case let .discount(t, p, _) = $0 { return .discount(tier: t, priceCut: p, volume: rate($1)) }; return $0 }
        case (.costToServe, "per-order"):
            return with(0...10_000, unit: "") { if case let .costToServe(t, _, k) = $0 { return .costToServe(tier: t, perOrder: money($1), perCustomer: k) }; return $0 }
        case (.costToServe, "per-customer"):
            return with(0...10_000, unit: "") { if case let .costToServe(t, o, _) = $0 { return .costToServe(tier: t, perOrder: o, perCustomer: money($1)) }; return $0 }
        default:
            let fields: String
            switch lever {
            case .uplift: fields = "lift, adoption, cost"
            case .retention: fields = "after, cost"
            case .reactivation: fields = "response, days, orders, cost"
            case .discount: fields = "price, volume"
            case .costToServe: fields = "per-order, per-customer"
            case .drop: fields = "none"
            }
            throw context.error("lever \(n) (\(lever.kind)) has no figure '\(field.text)'; it has: \(fields)", at: field)
        }
    }

    /// A scenario's segmentation and expected-value simulation, uncached (for sweeps).
    func evaluate(_ s: Scenario) throws -> (Segmentation, SimulationOutcome) {
        let metrics = try scope(of: s).metrics
        let segmentation = try Segmenter.segment(metrics: metrics, criteria: s.effectiveCriteria(for: dataset!.metrics), rule: s.rule)
        let outcome = try Simulator.run(metrics: metrics, segmentation: segmentation, levers: s.levers, resegment: false)
        return (segmentation, outcome)
    }

    static func number(_ token: Token) -> Double? {
        Double(token.text.hasSuffix("%") ? String(token.text.dropLast()) : token.text)
    }

    func sweep(_ context: CommandContext) throws -> [Block] {
        let args = context.arguments[...]
        let (parameter, used) = try parameter(args, context)
        let rest = args.dropFirst(used)
        guard rest.count == 3 else {
            throw CommandError("expected FROM TO STEP after the setting; usage: sweep SETTING FROM TO STEP",
                               column: (rest.first ?? context.invocation.name).column)
        }
        let tokens = Array(rest)
        guard let from = Self.number(tokens[0]), let to = Self.number(tokens[1]), let step = Self.number(tokens[2]), step > 0, from <= to else {
            throw context.error("expected numbers FROM ≤ TO and STEP > 0", at: tokens[0])
        }
        let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
        guard count <= 200 else { throw context.error("\(count) steps is too many (at most 200)", at: tokens[2]) }
        let dataset = self.dataset!
        let (current, _) = try evaluate(scenario)
        let names = Array(TieringRule.tierNames.prefix(scenario.rule.tierCount))
        var table = Table(
            title: "Sweep of \(parameter.label) in scenario \(scenario.name) (revenue and net contribution after its levers):",
            columns: [.init(parameter.label, numeric: true)] + names.map { Table.Column("\($0)_customers") }
                + names.map { Table.Column("\($0)_revenue") } + [.init("net_contribution"), .init("changed_tier")])
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        for i in 0..<count {
            let value = from + Double(i) * step
            if environment.isCancelled() { throw Interrupted() }
            let s: Scenario
            do { s = try parameter.apply(scenario, value) } catch let error as RequestError {
                table.append([parameter.format(value)] + names.map { _ in "" } + names.map { _ in "" } + [error.message, ""])
                continue
            }
            let (segmentation, outcome) = try evaluate(s)
            let changed = zip(segmentation.tier, current.tier).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
            table.append([parameter.format(value)] + segmentation.profile.tiers.map { String($0.customers) }
                         + outcome.after.map { money($0.revenue) } + [money(outcome.totalAfter.netContribution), String(changed)])
        }
        return [.table(table)]
    }

    /// `seek [projected] tier T|total METRIC = VALUE by SETTING [in LO..HI]`: bisection.
    func seek(_ context: CommandContext) throws -> [Block] {
        let args = context.arguments
        let usage = "seek [projected] tier T|total METRIC = VALUE by SETTING [in LO..HI]"
        guard let eq = args.firstIndex(where: { $0.text == "=" }), eq + 2 < args.count, args[eq + 2].text == "by" else {
            throw CommandError("usage: \(usage)", column: (args.first ?? context.invocation.name).column)
        }
        var left = args[..<eq]
        var projected = false
        if left.first?.text == "projected" { projected = true; left = left.dropFirst() }
        var tier: Int?
        if left.first?.text == "tier", left.count == 3 {
            guard let t = TieringRule.tierNames.prefix(scenario.rule.tierCount).firstIndex(of: left[left.startIndex + 1].text.uppercased()) else {
                throw context.error("unknown tier '\(left[left.startIndex + 1].text)'", at: left[left.startIndex + 1])
            }
            tier = t
            left = left.dropFirst(2)
        } else if left.first?.text == "total", left.count == 2 {
            left = left.dropFirst()
        } else {
            throw context.error("expected 'tier T METRIC' or 'total METRIC' before '='; usage: \(usage)", at: left.first ?? args[eq])
        }
        let metric = left.first!
        guard let target = ExactDecimal(args[eq + 1].text) else { throw context.error("expected a number, found '\(args[eq + 1].text)'", at: args[eq + 1]) }
        let targetValue = target.doubleValue
        var (parameter, used) = try parameter(args[(eq + 3)...], context)
        let after = args[(eq + 3 + used)...]
        if let inWord = after.first {
            guard inWord.text == "in", after.count == 2 else { throw context.error("expected 'in LO..HI'; usage: \(usage)", at: inWord) }
            let bounds = after.last!.text.components(separatedBy: "..")
            guard bounds.count == 2, let lo = Double(bounds[0].replacingOccurrences(of: "%", with: "")),
                  let hi = Double(bounds[1].replacingOccurrences(of: "%", with: "")), lo < hi else {
                throw context.error("expected a range like 0%..50% or 0..1", at: after.last!)
            }
            parameter.range = lo...hi
        }
        let dataset = self.dataset!
        func value(at v: Double) throws -> (Double, String) {
            let s = try parameter.apply(scenario, v)
            let (segmentation, outcome) = try evaluate(s)
            let f = try figure(metric, context: context, tier: tier, projected: projected, dataset: dataset,
                               segmentation: segmentation, outcome: outcome, exact: true)
            let shown = try figure(metric, context: context, tier: tier, projected: projected, dataset: dataset,
                                   segmentation: segmentation, outcome: outcome)
            return (f.value.doubleValue, shown.text)
        }
        var lo = parameter.range.lowerBound, hi = parameter.range.upperBound
        let (fLo, tLo) = try value(at: lo), (fHi, tHi) = try value(at: hi)
        let what = (projected ? "projected " : "") + (tier.map { "tier \(TieringRule.tierNames[$0])" } ?? "total") + " \(metric.text)"
        guard (fLo - targetValue) * (fHi - targetValue) <= 0 else {
            return [.text("No \(parameter.label) in \(parameter.format(lo))..\(parameter.format(hi)) reaches \(what) = \(args[eq + 1].text): it goes from \(tLo) to \(tHi).")]
        }
        let rising = fHi >= fLo
        // An end that already reaches the target is the answer (bisection never tries the ends).
        if rising && fLo >= targetValue { hi = lo }
        if !rising && fHi >= targetValue { lo = hi }
        for _ in 0..<(parameter.integral ? 40 : 60) where lo < hi {
            if parameter.integral && hi - lo <= 1 { break }
            let mid = parameter.integral ? ((lo + hi) / 2).rounded(.down) : (lo + hi) / 2
            if environment.isCancelled() { throw Interrupted() }
            let (f, _) = try value(at: mid)
            if (f < targetValue) == rising { lo = mid } else { hi = mid }
        }
        // The smallest setting that reaches the target (rising) or the largest (falling).
        var answer = rising ? hi : lo
        var round: Double?
        if !parameter.integral {
            answer = ((rising ? (answer * 10_000).rounded(.up) : (answer * 10_000).rounded(.down))) / 10_000
            // Also the roundest setting (0, 1 or 2 decimals) that still reaches the target.
            for decimals in [0.0, 1, 2] {
                let scale = pow(10, decimals)
                let candidate = (rising ? (answer * scale).rounded(.up) : (answer * scale).rounded(.down)) / scale
                guard parameter.range.contains(candidate), candidate != answer else { continue }
                let (f, _) = try value(at: candidate)
                if f >= targetValue {  // the answer side: at or past the target, either way
                    round = candidate
                    break
                }
            }
        }
        let (_, reached) = try value(at: answer)
        var text = "\(what) reaches \(args[eq + 1].text) at \(parameter.label) = \(parameter.format(answer)) (there: \(reached))"
        if let round {
            let (_, there) = try value(at: round)
            text += "; in round numbers \(parameter.format(round)) (there: \(there))"
        }
        return [.text(text + "; bisection over \(parameter.format(parameter.range.lowerBound))..\(parameter.format(parameter.range.upperBound)), assuming the figure moves one way")]
    }
}

extension ExactDecimal {
    var doubleValue: Double { Double(digits) / pow(10, Double(scale)) }
}
