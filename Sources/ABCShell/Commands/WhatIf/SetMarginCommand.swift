import ABCCore

/// `set margin RATE | TIER RATE … | off`: the margin assumed on data without cost or profit.
struct SetMarginCommand: ShellCommand {
    static let spec = CommandSpec(
        "set margin", group: .whatIf, arguments: "RATE% | TIER RATE% [TIER RATE%…] | off",
        summary: "assume a margin (overall or per tier) on data without cost or profit",
        details: """
            Levers then report profit, net contribution and ROI: profit = revenue × margin of the
            customer's tier before the levers, rounded half-even per customer, and the implied cost
            (revenue − profit) is what the discount lever scales. The assumption feeds the levers
            only: criteria and tiers never use it, and every table that shows such profit says
            so. Refused on data that has cost or profit (the data decides). Per tier, name every
            tier: `set margin A 40% B 30% C 20%`.
            """,
        example: "set margin A 40% B 30% C 20%", completion: [.tier, .none], completionCycles: true)

    /// nil: off.
    let margin: AssumedMargin?
    /// Per tier: the tier tokens, checked against the scenario's tiers when run.
    let tierTokens: [Token]

    init(parsing invocation: Invocation) throws(CommandError) {
        let args = invocation.arguments
        guard let first = args.first else { throw invocation.missing("missing the margin; usage: \(Self.spec.usage)") }
        if args.count == 1 && first.text.lowercased() == "off" {
            margin = nil
            tierTokens = []
            return
        }
        var reader = ArgumentReader(invocation)
        if args.count == 1 {
            margin = .all(try reader.marginRate())
            tierTokens = []
            return
        }
        guard args.count % 2 == 0 else { throw invocation.error("expected TIER RATE% pairs; usage: \(Self.spec.usage)", at: args[args.count - 1]) }
        var rates: [Int: ExactRate] = [:]
        var tokens: [Token] = []
        while !reader.isAtEnd {
            let (tier, token) = try reader.tier()
            guard rates[tier] == nil else { throw invocation.error("tier \(token.text.uppercased()) is given twice", at: token) }
            rates[tier] = try reader.marginRate()
            tokens.append(token)
        }
        guard rates.keys.sorted() == Array(0..<rates.count) else {
            throw invocation.error("name every tier from A, in order of the tiers (e.g. A 40% B 30% C 20%)", at: args[0])
        }
        margin = .perTier((0..<rates.count).map { rates[$0] ?? .zero })
        tierTokens = tokens
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        if let dataset = context.session.dataset, dataset.metrics.profit != nil, margin != nil {
            throw context.error("this dataset has cost or profit, so the margin comes from the data; `set margin` is for data without them")
        }
        if case .perTier(let rates) = margin, rates.count != s.rule.tierCount {
            for token in tierTokens { _ = try TierName.parse(token, tierCount: s.rule.tierCount) }
            throw context.error("name all \(s.rule.tierCount) tiers of scenario \(s.name) (e.g. \(TieringRule.tierNames.prefix(s.rule.tierCount).map { "\($0) 30%" }.joined(separator: " ")))")
        }
        s.margin = margin
        context.session.setScenario(s)
        return [.text("Margin: " + (margin.map { "assumed " + $0.text(separator: ", ") + " (levers only; tiers never use it)" } ?? "off (profit from the data, or not known)"))]
    }
}
