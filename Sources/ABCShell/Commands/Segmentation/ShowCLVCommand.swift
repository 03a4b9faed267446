import ABCCore

/// `show clv`: the purchase and spend models fitted on the current scenario's window, their
/// parameters and the fit check.
struct ShowCLVCommand: CommandWithoutArguments {
    static let spec = CommandSpec(
        "show clv", group: .segmentation,
        summary: "the fitted purchase (BG/NBD) and spend (Gamma-Gamma) models behind clv, palive and expected_orders",
        details: """
            Fits both models on the current scenario's window (times in days): r and alpha of the
            purchase rate, a and b of dropping out, p, q and gamma of the value of a purchase, the
            log-likelihood of each, and the fit check: customers by number of repeat purchase days
            against the number the model expects at their ages. The model's recency is the days
            from first to last purchase day, not the tool's recency (docs/forecasting.md).
            """,
        example: "show clv", needsData: true)

    func run(in context: CommandContext) throws -> [Block] {
        let scenario = context.scenario
        let fitted = try context.session.evaluator.forecast(of: scenario)
        let bg = fitted.model.purchases, gg = fitted.model.spend
        var parameters = Table(
            "clv_parameters", title: "Purchase and spend models of scenario \(scenario.name) (times in days)",
            columns: [.init("model", numeric: false), .init("parameter", numeric: false), .init("value")])
        let rows: [(String, String, Double)] = [
            ("purchases (BG/NBD)", "r", bg.model.r), ("purchases (BG/NBD)", "alpha", bg.model.alpha),
            ("purchases (BG/NBD)", "a", bg.model.a), ("purchases (BG/NBD)", "b", bg.model.b),
            ("spend (Gamma-Gamma)", "p", gg.model.p), ("spend (Gamma-Gamma)", "q", gg.model.q),
            ("spend (Gamma-Gamma)", "gamma", gg.model.gamma),
        ]
        for (model, name, value) in rows { parameters.append([model, name, NumberFormatting.fixed(value, decimals: 6)]) }
        var check = Table(
            "clv_fit", title: "Fit check: customers by repeat purchase days, actual and expected",
            columns: [.init("repeat_days", numeric: false), .count("actual"), .init("expected")])
        for row in fitted.model.fitCheck {
            check.append([String(row.frequency) + (row.orMore ? "+" : ""), String(row.actual), NumberFormatting.fixed(row.expected, decimals: 2)])
        }
        let margin: String
        switch fitted.margin {
        case .data: margin = "each customer's own margin (profit / revenue)"
        case .assumed(let rate): margin = "the assumed margin \(rate.description)"
        case .revenue(let perTier):
            margin = perTier
                ? "1: per-tier margins do not apply, since clv decides the tiers (clv is revenue)"
                : "1: the data has no cost or profit and no margin is set (clv is revenue)"
        }
        let notes = [
            "purchase model: \(PeopleNumbers.grouped(String(bg.customers))) customers with a purchase day, log-likelihood \(NumberFormatting.fixed(bg.logLikelihood, decimals: 4)) (\(bg.iterations) iterations, \(bg.evaluations) evaluations); "
                + "spend model: \(PeopleNumbers.grouped(String(gg.customers))) customers with a repeat purchase day, log-likelihood \(NumberFormatting.fixed(gg.logLikelihood, decimals: 4)) (\(gg.iterations) iterations, \(gg.evaluations) evaluations)",
            "clv: \(SetCLVCommand.describe(fitted.settings)); margin \(margin)",
            "the model's recency is the days from a customer's first to last purchase day, not the tool's recency (days since the last purchase)",
        ]
        return [.table(parameters), .table(check), .text(notes.joined(separator: "\n"))]
    }
}
