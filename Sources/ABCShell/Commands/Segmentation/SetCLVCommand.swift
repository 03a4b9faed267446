import ABCCore

/// `set clv [horizon N months] [discount D%]`: how far ahead customer lifetime value looks and
/// how it discounts, for the current scenario.
struct SetCLVCommand: ShellCommand {
    static let spec = CommandSpec(
        "set clv", group: .segmentation, arguments: "[horizon N months] [discount D%] | default",
        summary: "the horizon (months of 30 days) and monthly discount of the clv criterion",
        details: """
            clv = Σ over the horizon's months of the expected value of a purchase × the purchases
            expected that month / (1 + D)^month × margin, as lifetimes' customer_lifetime_value;
            expected_orders counts the whole horizon. Default: 12 months at 1% a month. The
            margin is the customer's own where the data has cost or profit, else `set margin`
            (one rate), else 1 (clv is then revenue). See docs/forecasting.md.
            """,
        example: "set clv horizon 12 months discount 1%",
        completion: [.words(["horizon", "discount", "default"]), .none, .words(["months"]), .words(["discount"]), .none])

    /// The longest horizon: 10 years.
    static let maximumMonths = 120

    let change: (months: Int?, discount: ExactRate?)

    init(parsing invocation: Invocation) throws(CommandError) {
        var reader = ArgumentReader(invocation)
        guard !reader.isAtEnd else { throw invocation.missing("missing what to set; usage: \(Self.spec.usage)") }
        if reader.take("default") {
            try reader.finish()
            change = (LifetimeValueSettings.standard.months, LifetimeValueSettings.standard.discount)
            return
        }
        var months: Int?, discount: ExactRate?
        while !reader.isAtEnd {
            let word = try reader.next("horizon or discount")
            switch word.text.lowercased() {
            case "horizon" where months == nil:
                let count = try reader.next("the number of months")
                guard let n = Int(count.text), n >= 1, n <= Self.maximumMonths else {
                    throw invocation.error("expected a whole number of months from 1 to \(Self.maximumMonths), found '\(count.text)'", at: count)
                }
                if !reader.take("months") && !reader.take("month") {
                    throw invocation.error("expected 'months' after the horizon's count; usage: \(Self.spec.usage)", at: count)
                }
                months = n
            case "discount" where discount == nil:
                discount = try reader.rate("the monthly discount rate")
            default:
                throw invocation.error("expected horizon N months or discount D%, found '\(word.text)'; usage: \(Self.spec.usage)", at: word)
            }
        }
        change = (months, discount)
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        if let months = change.months { s.clv.months = months }
        if let discount = change.discount { s.clv.discount = discount }
        context.session.setScenario(s)
        return [.text("CLV: " + Self.describe(s.clv))]
    }

    static func describe(_ settings: LifetimeValueSettings) -> String {
        "horizon \(settings.months) months (of 30 days), discount \(settings.discount.description) a month"
    }

    /// The script line that sets `settings`.
    static func script(_ settings: LifetimeValueSettings) -> String {
        "set clv horizon \(settings.months) months discount \(settings.discount.description)"
    }
}
