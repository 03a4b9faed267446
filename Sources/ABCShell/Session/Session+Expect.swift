import ABCCore

extension Session {
    /// `expect [projected] tier T|total METRIC OP VALUE`.
    func expect(_ context: CommandContext) throws -> [Block] {
        var args = context.arguments[...]
        let usage = "expect [projected] tier T|total METRIC OP VALUE"
        var projected = false
        if args.first?.text == "projected" {
            projected = true
            args = args.dropFirst()
        }
        guard let scopeToken = args.first else { throw CommandError("missing 'tier T' or 'total'; usage: \(usage)", column: context.invocation.endColumn + 1) }
        args = args.dropFirst()
        let (dataset, segmentation, outcome) = try simulation(of: scenario)
        var tier: Int?
        switch scopeToken.text {
        case "total": break
        case "tier":
            guard let t = args.first else { throw CommandError("missing tier; usage: \(usage)", column: context.invocation.endColumn + 1) }
            guard let index = TieringRule.tierNames.prefix(segmentation.tierCount).firstIndex(of: t.text.uppercased()) else {
                throw context.error("unknown tier '\(t.text)'; the tiers are \(TieringRule.tierNames.prefix(segmentation.tierCount).joined(separator: ", "))", at: t)
            }
            tier = index
            args = args.dropFirst()
        default:
            throw context.error("expected 'tier T' or 'total', found '\(scopeToken.text)'; usage: \(usage)", at: scopeToken)
        }
        guard args.count == 3 else {
            throw CommandError("expected METRIC OP VALUE; usage: \(usage)", column: (args.first ?? scopeToken).column)
        }
        let metricToken = args[args.startIndex], opToken = args[args.startIndex + 1], valueToken = args[args.startIndex + 2]
        let ops = ["=", "==", "!=", "<", "<=", ">", ">="]
        guard ops.contains(opToken.text) else { throw context.error("expected one of = != < <= > >=, found '\(opToken.text)'", at: opToken) }
        let figure = try self.figure(
            metricToken, context: context, tier: tier, projected: projected, dataset: dataset,
            segmentation: segmentation, outcome: outcome)
        guard let expected = ExactDecimal(valueToken.text) else {
            throw context.error("expected a number, found '\(valueToken.text)'", at: valueToken)
        }
        let holds: Bool
        let c = figure.value.compare(expected)
        switch opToken.text {
        case "=", "==": holds = c == 0
        case "!=": holds = c != 0
        case "<": holds = c < 0
        case "<=": holds = c <= 0
        case ">": holds = c > 0
        default: holds = c >= 0
        }
        let scope = (projected ? "projected " : "") + (tier.map { "tier \(TieringRule.tierNames[$0])" } ?? "total")
        guard holds else {
            throw CommandError("expectation failed: \(scope) \(metricToken.text) is \(figure.text), not \(opToken.text) \(valueToken.text)", column: metricToken.column)
        }
        return []
    }

    struct Figure {
        var value: ExactDecimal
        var text: String
    }

    /// A figure at its printed precision, or with `exact` money at the full 4 decimals.
    func figure(
        _ token: Token, context: CommandContext, tier: Int?, projected: Bool, dataset: Dataset,
        segmentation: Segmentation, outcome: SimulationOutcome, exact: Bool = false
    ) throws -> Figure {
        let metric = token.text.lowercased()
        let decimals = exact ? FixedPoint.digits : dataset.moneyDecimals
        func money(_ v: Int128) -> Figure {
            let text = FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: decimals)
            return Figure(value: ExactDecimal(text)!, text: text)
        }
        func integer(_ v: Int128) -> Figure { Figure(value: ExactDecimal(String(v))!, text: String(v)) }
        func decimal(_ text: String) -> Figure {
            let bare = text.hasSuffix("%") ? String(text.dropLast()) : text
            return Figure(value: ExactDecimal(bare) ?? ExactDecimal("0")!, text: text)
        }
        let totals = projected ? (tier.map { outcome.after[$0] } ?? outcome.totalAfter)
                               : (tier.map { outcome.before[$0] } ?? outcome.totalBefore)
        switch metric {
        case "customers": return integer(Int128(totals.customers))
        case "revenue": return money(totals.revenue)
        case "profit":
            try requireProfit(dataset, token, context)
            return money(totals.profit)
        case "cost_to_serve": return money(totals.costToServe)
        case "lever_cost": return money(totals.leverCost)
        case "net_contribution":
            try requireProfit(dataset, token, context)
            return money(totals.netContribution)
        case "margin":
            try requireProfit(dataset, token, context)
            return decimal(totals.revenue > 0 ? NumberFormatting.percent(totals.profit, totals.revenue) : "0")
        default: break
        }
        if projected {
            throw context.error("'\(metric)' is not available after levers; use customers, revenue, profit, margin, cost_to_serve, lever_cost or net_contribution", at: token)
        }
        let p = segmentation.profile
        let m = dataset.metrics
        let customers = tier.map { p.tiers[$0].customers } ?? p.totalCustomers
        switch metric {
        case "cust_share": return decimal(NumberFormatting.percent(basisPoints: tier.map { p.tiers[$0].customerShare } ?? 10_000))
        case "rev_share":
            let share = tier.map { p.tiers[$0].revenueShare } ?? (p.totalRevenue > 0 ? 10_000 : nil)
            return decimal(share.map { NumberFormatting.percent(basisPoints: $0) } ?? "0")
        case "orders", "aov":
            guard m.orders != nil else { throw context.error("'\(metric)' needs order counts, which this dataset lacks", at: token) }
            let orders = tier.map { p.tiers[$0].orders! } ?? p.totalOrders!
            if metric == "orders" { return integer(orders) }
            return money(orders > 0 ? FixedPoint.divideRoundingHalfEven(totals.revenue, orders) : 0)
        case "avg_recency", "avg_tenure":
            guard m.recency != nil else { throw context.error("'\(metric)' needs purchase dates, which this dataset lacks", at: token) }
            let sums = metric == "avg_recency" ? p.tiers.map { $0.recencyDays! } : p.tiers.map { $0.tenureDays! }
            return decimal(NumberFormatting.average(tier.map { sums[$0] } ?? sums.reduce(0, +), customers))
        default:
            throw context.error("unknown metric '\(metric)'; metrics: customers, cust_share, revenue, rev_share, profit, margin, orders, aov, avg_recency, avg_tenure, cost_to_serve, lever_cost, net_contribution", at: token)
        }
    }

    private func requireProfit(_ dataset: Dataset, _ token: Token, _ context: CommandContext) throws {
        if dataset.metrics.profit == nil {
            throw context.error("'\(token.text)' needs cost or profit data, which this dataset lacks", at: token)
        }
    }
}

/// A decimal number compared exactly (`4781790.56`, `-3`, `20.00`).
struct ExactDecimal {
    var digits: Int128
    var scale: Int

    init?(_ text: String) {
        var t = Substring(text)
        if t.hasSuffix("%") { t = t.dropLast() }
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), t.filter({ $0 == "." }).count <= 1,
              t.count <= 30 else { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int128(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var value = whole
        for c in fraction { value = value * 10 + Int128(c.wholeNumberValue!) }
        digits = negative ? -value : value
        scale = fraction.count
    }

    func compare(_ other: ExactDecimal) -> Int {
        let s = max(scale, other.scale)
        let a = digits * FixedPoint.pow10(s - scale), b = other.digits * FixedPoint.pow10(s - other.scale)
        return a < b ? -1 : a > b ? 1 : 0
    }
}
