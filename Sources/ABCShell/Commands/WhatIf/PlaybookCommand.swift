import ABCCore

/// `playbook [--cost-per-order X]`: the method's strategy per tier, as the groups of customers
/// each strategy is for, with their numbers.
struct PlaybookCommand: ShellCommand {
    static let spec = CommandSpec(
        "playbook", group: .whatIf,
        summary: "the strategy groups per tier (A at-risk, B growth, C reactivate and costly): customers, revenue, and a suggested lever with its simulated effect",
        details: """
            Before the levers: A at-risk (P(alive) < 0.5, or without the purchase model recency
            above twice the customer's mean gap between purchase days), B growth (the top quarter
            of B by expected orders, or by orders per active month), the last tier's reactivate
            (P(alive) ≥ 0.3 and aov at least the tier's median) and costly (net below zero after
            the scenario's cost-to-serve levers on that tier, or --cost-per-order X). Each group
            is listed by `customers where GROUP`. Each row also shows the lever suggested for the
            group and its effect simulated on the group alone, before the scenario's levers: at-risk
            retention, growth uplift, reactivate reactivation, costly drop (after the cost to serve
            it is measured with). `playbook apply GROUP|all` adds the suggestions to the scenario;
            `set playbook` changes the rules' figures and the suggestions. See
            docs/forecasting.md#strategy-groups.
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
        let last = segmentation.tierCount - 1
        // What `costly` and its suggestion are measured with: --cost-per-order, or the scenario's
        // cost-to-serve levers on the last tier (those without a filter).
        var costToServe = ScenarioEvaluator.unfilteredCostToServe(scenario).filter { $0.tier == last }
        if let costPerOrder {
            inputs.costToServe = (costPerOrder, 0)
            costToServe = [.costToServe(tier: last, perOrder: costPerOrder, perCustomer: 0)]
        }
        let money = { (v: Int128) in FixedPoint.formatScaled(v, scaleDigits: FixedPoint.digits, decimals: dataset.moneyDecimals) }
        var table = Table(
            "playbook", title: "Playbook of scenario \(scenario.name): strategy groups, tiers before the levers, and each group's suggested lever on it alone",
            columns: [.init("group", numeric: false), .init("tier", numeric: false), .count("customers"),
                      .count("of_tier"), .money("revenue"), .init("revenue_share_of_tier"), .init("suggested_lever", numeric: false),
                      .money("delta_revenue"), .money("delta_profit"), .money("lever_cost"), .money("delta_net")])
        var notes: [String] = [inputs.forecast == nil
            ? "the purchase model could not be fitted: at-risk and growth use their rules without it"
            : "P(alive) and expected orders from the purchase model (show clv)"]
        let profitKnown = scope.metrics.profit != nil || scenario.margin != nil
        for group in PlaybookGroup.allCases {
            let t = group.tier(of: segmentation.tierCount)
            let inTier = (0..<scope.metrics.count).filter { Int(segmentation.tier[$0]) == t }
            let tierRevenue = inTier.reduce(Int128(0)) { $0 + Int128(scope.metrics.revenue[$1]) }
            let suggestion = scenario.playbook.suggestion(for: group, tierCount: segmentation.tierCount)
            let lever = "lever " + suggestion.script(money: dataset.formatMoney)
            let member: [Bool]
            do {
                member = try group.members(inputs)
            } catch {
                table.append([group.rawValue, TierName.name(t), "", String(inTier.count), "", "", lever, "", "", "", ""])
                notes.append("\(group.rawValue): \(error.message)")
                continue
            }
            let picked = inTier.filter { $0 < member.count && member[$0] }
            let revenue = picked.reduce(Int128(0)) { $0 + Int128(scope.metrics.revenue[$1]) }
            var row = [group.rawValue, TierName.name(t), String(picked.count), String(inTier.count), money(revenue),
                       tierRevenue > 0 ? NumberFormatting.percent(revenue, tierRevenue) : "", lever]
            do {
                let levers = (group == .costly ? costToServe.map { TargetedLever($0) } : []) + [TargetedLever(suggestion.lever, members: member)]
                let outcome = try Simulator.run(
                    metrics: scope.metrics, segmentation: segmentation, targeted: levers, margin: scenario.margin, place: false,
                    customerID: { dataset.customerIDs[scope.global($0)] })
                let known = outcome.profitBasis.isKnown
                let effect = outcome.levers.last ?? LeverResult(lever: suggestion.lever)
                let net = outcome.totalAfter.netContribution - outcome.totalBefore.netContribution
                row += [money(effect.deltaRevenue), known ? money(effect.deltaProfit) : SimulationViews.notKnown, money(effect.cost),
                        known ? money(net) : SimulationViews.notKnown]
            } catch {
                row += ["", "", "", ""]
                notes.append("\(group.rawValue)'s suggestion: \(error.message)")
            }
            table.append(row)
        }
        if !profitKnown { notes.append("delta_profit and delta_net: n/a (the data has no cost or profit; `set margin 30%` assumes one)") }
        notes.append("delta_net: the change in net contribution (profit − cost-to-serve − lever cost) the suggestion alone makes")
        notes.append("list a group with `customers where GROUP`; add its suggestion with `playbook apply GROUP` (or all); change the rules and suggestions with `set playbook`")
        return [.table(table), .text(notes.joined(separator: "\n"))]
    }
}
