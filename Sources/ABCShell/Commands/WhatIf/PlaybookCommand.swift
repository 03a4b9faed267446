import ABCCore

/// `playbook [--cost-per-order X]`: the method's strategy per tier, as the groups of customers
/// each strategy is for, with their numbers.
struct PlaybookCommand: ShellCommand {
    static let spec = CommandSpec(
        "playbook", group: .whatIf,
        summary: "the strategy groups per tier (A at-risk, B growth, C reactivate and costly) with their customers and revenue",
        details: """
            Before the levers: A at-risk (P(alive) < 0.5, or without the purchase model recency
            above twice the customer's mean gap between purchase days), B growth (the top quarter
            of B by expected orders, or by orders per active month), the last tier's reactivate
            (P(alive) ≥ 0.3 and aov at least the tier's median) and costly (net below zero after
            the scenario's cost-to-serve levers on that tier, or --cost-per-order X). Each group
            is listed by `customers where GROUP`. See docs/forecasting.md#strategy-groups.
            """,
        example: "playbook --cost-per-order 4.50",
        options: [.init("cost-per-order", value: "X", "the cost to serve an order for `costly`, in place of the scenario's levers")],
        needsData: true)

    let costPerOrder: Int64?

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...0)
        if let token = invocation.value("cost-per-order") {
            guard let value = FixedPoint.parseAmount(token.text), value >= 0 else {
                throw invocation.error("expected a cost per order (an amount ≥ 0 with at most 4 decimals), found '\(token.text)'", at: token)
            }
            costPerOrder = value
        } else {
            costPerOrder = nil
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let scenario = context.scenario
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        var inputs = try evaluator.groupInputs(of: scenario, scope: scope, segmentation: segmentation)
        if let costPerOrder { inputs.costToServe = (costPerOrder, 0) }
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        var table = Table(
            "playbook", title: "Playbook of scenario \(scenario.name): strategy groups, tiers before the levers",
            columns: [.init("group", numeric: false), .init("tier", numeric: false), .count("customers"),
                      .count("of_tier"), .money("revenue"), .init("revenue_share_of_tier")])
        var notes: [String] = [inputs.forecast == nil
            ? "the purchase model could not be fitted: at-risk and growth use their rules without it"
            : "P(alive) and expected orders from the purchase model (show clv)"]
        for group in PlaybookGroup.allCases {
            let t = group.tier(of: segmentation.tierCount)
            let inTier = (0..<scope.metrics.count).filter { Int(segmentation.tier[$0]) == t }
            let tierRevenue = inTier.reduce(Int128(0)) { $0 + Int128(scope.metrics.revenue[$1]) }
            do {
                let member = try group.members(inputs)
                let picked = inTier.filter { member[$0] }
                let revenue = picked.reduce(Int128(0)) { $0 + Int128(scope.metrics.revenue[$1]) }
                table.append([group.rawValue, TierName.name(t), String(picked.count), String(inTier.count), money(revenue),
                              tierRevenue > 0 ? NumberFormatting.percent(revenue, tierRevenue) : ""])
            } catch {
                table.append([group.rawValue, TierName.name(t), "", String(inTier.count), "", ""])
                notes.append("\(group.rawValue): \(error.message)")
            }
        }
        notes.append("list a group with `customers where GROUP`")
        return [.table(table), .text(notes.joined(separator: "\n"))]
    }
}
