import ABCCore

/// A figure of a scenario's segmentation or simulation, named as `expect` and `seek` name it
/// (`tier A customers`, `projected total profit`).
struct Figure {
    var value: ExactDecimal
    /// As printed (money at the dataset's decimals, percentages with `%`).
    var text: String

    /// The metrics a figure names (`expect`, `seek`), for completion.
    static let metrics = [
        "customers", "cust_share", "revenue", "rev_share", "profit", "margin", "orders", "aov", "avg_recency",
        "avg_tenure", "cost_to_serve", "lever_cost", "net_contribution",
    ]
    /// The metrics known after the levers (`projected`).
    static let projectedMetrics = ["customers", "revenue", "profit", "margin", "cost_to_serve", "lever_cost", "net_contribution"]

    /// The figure `token` names, at its printed precision, or with `exact` money at the full
    /// 4 decimals.
    static func read(
        _ token: Token, tier: Int?, projected: Bool, dataset: Dataset,
        segmentation: Segmentation, outcome: SimulationOutcome, exact: Bool = false
    ) throws(CommandError) -> Figure {
        let metric = token.text.lowercased()
        let decimals = exact ? FixedPoint.digits : dataset.moneyDecimals
        func money(_ v: Int128) -> Figure {
            let text = FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: decimals)
            return Figure(value: ExactDecimal(text) ?? ExactDecimal(0), text: text)
        }
        func integer(_ v: Int128) -> Figure { Figure(value: ExactDecimal(String(v)) ?? ExactDecimal(0), text: String(v)) }
        func decimal(_ text: String) -> Figure {
            let bare = text.hasSuffix("%") ? String(text.dropLast()) : text
            return Figure(value: ExactDecimal(bare) ?? ExactDecimal(0), text: text)
        }
        let totals = projected ? (tier.map { outcome.after[$0] } ?? outcome.totalAfter)
                               : (tier.map { outcome.before[$0] } ?? outcome.totalBefore)
        switch metric {
        case "customers": return integer(Int128(totals.customers))
        case "revenue": return money(totals.revenue)
        case "profit":
            try requireProfit(outcome, token)
            return money(totals.profit)
        case "cost_to_serve": return money(totals.costToServe)
        case "lever_cost": return money(totals.leverCost)
        case "net_contribution":
            try requireProfit(outcome, token)
            return money(totals.netContribution)
        case "margin":
            try requireProfit(outcome, token)
            return decimal(totals.revenue > 0 ? NumberFormatting.percent(totals.profit, totals.revenue) : "0")
        default: break
        }
        if projected {
            throw CommandError("'\(metric)' is not available after levers; use customers, revenue, profit, margin, cost_to_serve, lever_cost or net_contribution", column: token.column)
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
            guard m.orders != nil else { throw CommandError("'\(metric)' needs order counts, which this dataset lacks", column: token.column) }
            let orders = tier.map { p.tiers[$0].orders ?? 0 } ?? p.totalOrders ?? 0
            if metric == "orders" { return integer(orders) }
            return money(orders > 0 ? FixedPoint.divideRoundingHalfEven(totals.revenue, orders) : 0)
        case "avg_recency", "avg_tenure":
            guard m.recency != nil else { throw CommandError("'\(metric)' needs purchase dates, which this dataset lacks", column: token.column) }
            let sums = metric == "avg_recency" ? p.tiers.map { $0.recencyDays ?? 0 } : p.tiers.map { $0.tenureDays ?? 0 }
            return decimal(NumberFormatting.average(tier.map { sums[$0] } ?? sums.reduce(0, +), customers))
        default:
            throw CommandError("unknown metric '\(metric)'; metrics: customers, cust_share, revenue, rev_share, profit, margin, orders, aov, avg_recency, avg_tenure, cost_to_serve, lever_cost, net_contribution", column: token.column)
        }
    }

    /// Profit from the data, or from an assumed margin (`set margin`).
    private static func requireProfit(_ outcome: SimulationOutcome, _ token: Token) throws(CommandError) {
        if !outcome.profitBasis.isKnown {
            throw CommandError("'\(token.text)' needs cost or profit data, which this dataset lacks (or an assumed margin: set margin 30%)", column: token.column)
        }
    }
}
