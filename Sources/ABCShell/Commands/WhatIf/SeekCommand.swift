import ABCCore

/// `seek [projected] tier T|total METRIC = VALUE by SETTING [in LO..HI]`: the setting at which
/// a figure reaches a target, by bisection.
struct SeekCommand: ShellCommand {
    static let spec = CommandSpec(
        "seek", group: .whatIf, arguments: "[projected] tier T|total METRIC | lever N roi|delta_revenue|delta_profit|cost = VALUE by SETTING [in LO..HI]",
        summary: "find the setting at which a figure reaches a target (bisection)",
        details: "METRIC as in expect; SETTING as in sweep. `lever N roi = 0%` is the break-even of lever N. Says so when no value in the range reaches the target.",
        example: "seek projected total profit = 2500000 by lever 1 lift in 0%..50%",
        completion: [
            .choice([
                .init("projected", [.choice([.init("tier", [.tier, .words(Figure.projectedMetrics)]),
                                             .init("total", [.words(Figure.projectedMetrics)])])]),
                .init("tier", [.tier, .words(Figure.metrics)]), .init("total", [.words(Figure.metrics)]),
                .init("lever", [.leverNumber, .words(LeverFigure.allCases.map(\.rawValue))]),
            ]),
            .words(["="]), .none, .words(["by"]), .setting, .words(["in"]), .settingRange, .none,
        ],
        needsData: true)

    let projected: Bool
    let tier: Token?
    let metric: Token
    /// `lever N FIELD = …`: a figure of one lever instead.
    let lever: Token?
    let targetToken: Token
    let target: Double
    let setting: Setting.Words
    let range: ClosedRange<SettingValue>?

    init(parsing invocation: Invocation) throws(CommandError) {
        let args = invocation.arguments
        let usage = Self.spec.usage
        guard let eq = args.firstIndex(where: { $0.text == "=" }), eq + 2 < args.count, args[eq + 2].text == "by" else {
            throw CommandError("usage: \(usage)", column: (args.first ?? invocation.name).column)
        }
        var left = args[..<eq]
        projected = left.first?.text == "projected"
        if projected { left = left.dropFirst() }
        lever = left.first?.text == "lever" && left.count == 3 ? left[left.startIndex + 1] : nil
        if lever != nil {
            tier = nil
            left = left.dropFirst(2)
            guard LeverFigure(rawValue: left[left.startIndex].text.lowercased()) != nil else {
                throw invocation.error("expected roi, delta_revenue, delta_profit or cost after 'lever N', found '\(left[left.startIndex].text)'", at: left[left.startIndex])
            }
        } else if left.first?.text == "tier", left.count == 3 {
            tier = left[left.startIndex + 1]
            left = left.dropFirst(2)
        } else if left.first?.text == "total", left.count == 2 {
            tier = nil
            left = left.dropFirst()
        } else {
            throw invocation.error("expected 'tier T METRIC', 'total METRIC' or 'lever N FIGURE' before '='; usage: \(usage)", at: left.first ?? args[eq])
        }
        metric = left[left.startIndex]
        targetToken = args[eq + 1]
        guard let target = ExactDecimal(targetToken.text) else {
            throw invocation.error("expected a number, found '\(targetToken.text)'", at: targetToken)
        }
        self.target = target.doubleValue
        let (setting, used) = try Setting.Words.parse(args[(eq + 3)...], invocation: invocation)
        self.setting = setting
        let after = args[(eq + 3 + used)...]
        if let inWord = after.first, let bounds = after.last {
            guard inWord.text == "in", after.count == 2 else { throw invocation.error("expected 'in LO..HI'; usage: \(usage)", at: inWord) }
            let parts = bounds.text.components(separatedBy: "..")
            guard parts.count == 2, let lo = SettingValue.parse(parts[0]), let hi = SettingValue.parse(parts[1]), lo < hi else {
                throw invocation.error("expected a range like 0%..50% or 0..1", at: bounds)
            }
            range = lo...hi
        } else {
            range = nil
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let dataset = try context.dataset
        let scenario = context.scenario
        let evaluator = context.session.evaluator
        var setting = try Setting.resolve(self.setting, scenario: scenario, dataset: dataset)
        if let range { setting.range = range }
        let tierIndex = try tier.map { token throws(CommandError) in try TierName.parse(token, tierCount: scenario.rule.tierCount) }
        let isCancelled = context.session.environment.isCancelled
        var tried: [SettingValue: (Double, String)] = [:]
        func figure(at v: SettingValue) throws -> (Double, String) {
            if let known = tried[v] { return known }
            if isCancelled() { throw Interrupted() }
            let (segmentation, outcome) = try evaluator.evaluateUncached(try setting.apply(scenario, v))
            if let lever, let figure = LeverFigure(rawValue: metric.text.lowercased()) {
                let value = try figure.read(lever, outcome: outcome, dataset: dataset)
                tried[v] = value
                return value
            }
            let exact = try Figure.read(metric, tier: tierIndex, projected: projected, dataset: dataset,
                                        segmentation: segmentation, outcome: outcome, exact: true)
            let shown = try Figure.read(metric, tier: tierIndex, projected: projected, dataset: dataset,
                                        segmentation: segmentation, outcome: outcome)
            tried[v] = (exact.value.doubleValue, shown.text)
            return (exact.value.doubleValue, shown.text)
        }
        let what = lever.map { "lever \($0.text) \(metric.text)" }
            ?? (projected ? "projected " : "") + (tierIndex.map { "tier \(TierName.name($0))" } ?? "total") + " \(metric.text)"
        let search = try SettingSearch.seek(
            target, over: setting.range, step: setting.unit.integral ? FixedPoint.scale : 1, figure: { try figure(at: $0).0 })
        guard let answer = search.answer else {
            let (lo, hi) = (setting.range.lowerBound, setting.range.upperBound)
            return [.text("No \(setting.label) in \(setting.format(lo))..\(setting.format(hi)) reaches \(what) = \(targetToken.text): it goes from \(try figure(at: lo).1) to \(try figure(at: hi).1).")]
        }
        var text = "\(what) reaches \(targetToken.text) at \(setting.label) = \(setting.format(answer)) (there: \(try figure(at: answer).1))"
        if let round = search.roundest {
            text += "; in round numbers \(setting.format(round)) (there: \(try figure(at: round).1))"
        }
        return [.text(text + "; bisection over \(setting.format(setting.range.lowerBound))..\(setting.format(setting.range.upperBound)), assuming the figure moves one way")]
    }
}

/// A lever's own figure that `seek` can aim at.
enum LeverFigure: String, CaseIterable {
    case roi, deltaRevenue = "delta_revenue", deltaProfit = "delta_profit", cost

    /// The figure of lever `number` in `outcome`, as a number and as printed (ROI in percent).
    func read(_ number: Token, outcome: SimulationOutcome, dataset: Dataset) throws(CommandError) -> (Double, String) {
        guard let n = Int(number.text), n >= 1, n <= outcome.levers.count else {
            throw CommandError("expected a lever number from 1 to \(outcome.levers.count), found '\(number.text)'", column: number.column)
        }
        let result = outcome.levers[n - 1]
        func money(_ v: Int128) -> (Double, String) {
            (Double(v) / Double(FixedPoint.scale), FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals))
        }
        if self == .roi || self == .deltaProfit, !outcome.profitBasis.isKnown {
            throw CommandError("lever \(n)'s \(rawValue) needs profit: the data has no cost or profit (set margin assumes one)", column: number.column)
        }
        switch self {
        case .deltaRevenue: return money(result.deltaRevenue)
        case .deltaProfit: return money(result.deltaProfit)
        case .cost: return money(result.cost)
        case .roi:
            // A lever that costs nothing: an endless return, or break-even when it does nothing.
            guard let roi = result.roi else {
                return (result.deltaProfit > 0 ? .infinity : result.deltaProfit < 0 ? -.infinity : 0, "n/a (no cost)")
            }
            return (Double(roi.numerator) * 100 / Double(roi.denominator), SimulationViews.roi(result))
        }
    }
}
