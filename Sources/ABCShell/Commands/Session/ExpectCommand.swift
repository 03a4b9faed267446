import ABCCore

/// `expect [projected] tier T|total METRIC OP VALUE`: a check that stops a script.
struct ExpectCommand: ShellCommand {
    static let spec = CommandSpec(
        "expect", group: .session, arguments: "[projected] tier T|total METRIC OP VALUE",
        summary: "check a figure; a script stops with its location when it does not hold",
        details: """
            METRIC: customers, cust_share, revenue, rev_share, profit, margin, orders, aov,
            avg_recency, avg_tenure, cost_to_serve, lever_cost, net_contribution. OP: = != < <= > >=.
            `projected` takes the figures after the levers (by tier before the levers).
            Integers compare exactly, money and percentages at their printed precision.
            """,
        example: "expect tier A customers = 1000",
        completion: [.words(["projected", "tier", "total"])], needsData: true)

    static let operators = ["=", "==", "!=", "<", "<=", ">", ">="]

    let projected: Bool
    /// nil: the total.
    let tier: Token?
    let metric: Token
    let op: Token
    let valueToken: Token
    let expected: ExactDecimal

    init(parsing invocation: Invocation) throws(CommandError) {
        let usage = Self.spec.usage
        var args = invocation.arguments[...]
        projected = args.first?.text == "projected"
        if projected { args = args.dropFirst() }
        guard let scopeToken = args.first else { throw invocation.missing("missing 'tier T' or 'total'; usage: \(usage)") }
        args = args.dropFirst()
        switch scopeToken.text {
        case "total":
            tier = nil
        case "tier":
            guard let t = args.first else { throw invocation.missing("missing tier; usage: \(usage)") }
            tier = t
            args = args.dropFirst()
        default:
            throw invocation.error("expected 'tier T' or 'total', found '\(scopeToken.text)'; usage: \(usage)", at: scopeToken)
        }
        guard args.count == 3 else {
            throw CommandError("expected METRIC OP VALUE; usage: \(usage)", column: (args.first ?? scopeToken).column)
        }
        metric = args[args.startIndex]
        op = args[args.startIndex + 1]
        valueToken = args[args.startIndex + 2]
        guard Self.operators.contains(op.text) else { throw invocation.error("expected one of = != < <= > >=, found '\(op.text)'", at: op) }
        guard let expected = ExactDecimal(valueToken.text) else {
            throw invocation.error("expected a number, found '\(valueToken.text)'", at: valueToken)
        }
        self.expected = expected
    }

    func run(in context: CommandContext) throws -> [Block] {
        let (dataset, segmentation, outcome) = try context.session.evaluator.simulation(of: context.scenario)
        let tierIndex = try tier.map { token throws(CommandError) in try TierName.parse(token, tierCount: segmentation.tierCount) }
        let figure = try Figure.read(
            metric, tier: tierIndex, projected: projected, dataset: dataset, segmentation: segmentation, outcome: outcome)
        let c = figure.value.compare(expected)
        let holds: Bool
        switch op.text {
        case "=", "==": holds = c == 0
        case "!=": holds = c != 0
        case "<": holds = c < 0
        case "<=": holds = c <= 0
        case ">": holds = c > 0
        default: holds = c >= 0
        }
        guard holds else {
            let scope = (projected ? "projected " : "") + (tierIndex.map { "tier \(TierName.name($0))" } ?? "total")
            // The exact figure too, where the printed one is rounded (money at 4 decimals).
            let exact = try Figure.read(
                metric, tier: tierIndex, projected: projected, dataset: dataset, segmentation: segmentation, outcome: outcome, exact: true)
            let shown = exact.value.compare(figure.value) == 0 ? figure.text : "\(figure.text) (exactly \(exact.text))"
            throw CommandError("expectation failed: \(scope) \(metric.text) is \(shown), not \(op.text) \(valueToken.text)", column: metric.column)
        }
        return []
    }
}
