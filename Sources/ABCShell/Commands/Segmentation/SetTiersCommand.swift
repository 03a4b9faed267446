import ABCCore

/// `set tiers count|revenue|profit SHARES | computed [on revenue|profit]`.
struct SetTiersCommand: ShellCommand {
    static let spec = CommandSpec(
        "set tiers", group: .segmentation, arguments: "count|revenue|profit SHARES | computed [on revenue|profit]",
        summary: "tier by share of customers (count) or of revenue or profit (Pareto)",
        details: """
            `count 20/30/50`: A is the best-scored 20% of customers, B the next 30%, C the rest.
            `revenue 80/15/5`: A holds the top customers up to 80% of revenue (the customer who
            crosses a line is in the upper tier), B up to 95%, C the rest; customers with no
            positive value are always in the last tier. 2 to 5 shares adding up to 100.
            `computed`: A, B and C from the computed ABC analysis of Ultsch & Lötsch (2015) on
            revenue or profit: the limits come from the data's ABC curve (Pareto point,
            break-even point, submarginal point), not from chosen shares.
            """,
        example: "set tiers revenue 80/15/5",
        completion: [.words(["count", "revenue", "profit", "computed"]), .words(["20/30/50", "80/15/5", "10/20/30/40", "on"])])

    let rule: TieringRule
    /// The word that names profit, for the error when the data has none.
    let profitToken: Token?
    /// Where an error about levers on missing tiers points.
    let leverErrorToken: Token?

    init(parsing invocation: Invocation) throws(CommandError) {
        let args = invocation.arguments
        if let first = args.first, first.text.lowercased() == "computed" {
            var basis = TieringRule.ValueBasis.revenue
            var basisToken: Token?
            if args.count == 3 && args[1].text.lowercased() == "on" {
                guard let b = TieringRule.ValueBasis(rawValue: args[2].text.lowercased()) else {
                    throw invocation.error("expected revenue or profit, found '\(args[2].text)'", at: args[2])
                }
                basis = b
                basisToken = args[2]
            } else if args.count != 1 {
                throw invocation.error("usage: set tiers computed [on revenue|profit]", at: args[1])
            }
            rule = .computed(basis)
            profitToken = basis == .profit ? basisToken : nil
            leverErrorToken = nil
            return
        }
        try invocation.expectArguments(2...2)
        let basisToken = args[0], sharesToken = args[1]
        var shares: [Int] = []
        for part in sharesToken.text.split(separator: "/", omittingEmptySubsequences: false) {
            guard let value = Int(part.hasSuffix("%") ? part.dropLast() : part) else {
                throw invocation.error("expected shares like 20/30/50, found '\(sharesToken.text)'", at: sharesToken)
            }
            shares.append(value)
        }
        do {
            try TieringRule.validate(shares: shares)
        } catch {
            throw invocation.error(error.message, at: sharesToken)
        }
        switch basisToken.text.lowercased() {
        case "count", "customers": rule = .countShare(shares)
        case "revenue": rule = .valueShare(.revenue, shares)
        case "profit": rule = .valueShare(.profit, shares)
        default: throw invocation.error("expected count, revenue or profit, found '\(basisToken.text)'", at: basisToken)
        }
        profitToken = rule.valueBasis == .profit ? basisToken : nil
        leverErrorToken = sharesToken
    }

    func run(in context: CommandContext) throws -> [Block] {
        if let profitToken, let dataset = context.session.dataset, dataset.metrics.profit == nil {
            throw context.error("tiering on profit needs cost or profit data, which this dataset lacks", at: profitToken)
        }
        var s = context.scenario
        if let lever = s.levers.first(where: { $0.tier >= rule.tierCount }) {
            throw context.error(
                "lever '\(lever.kind) \(TierName.name(lever.tier))' needs \(lever.tier + 1) tiers; remove it first (lever list)",
                at: leverErrorToken)
        }
        s.rule = rule
        do {
            try context.session.evaluator.checkComputedTiers(s, naming: false)
        } catch {
            throw context.error(error.message, at: context.invocation.arguments.first)
        }
        context.session.setScenario(s)
        return [.text("Tiers: \(SegmentationViews.ruleDescription(rule))")]
    }
}
