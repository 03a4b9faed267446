import ABCCore

/// `customer ID`: one customer explained: its metrics, each criterion's part of its score,
/// the boundaries around it, and the smallest change of each figure that moves it up.
struct CustomerCommand: CommandWithOneArgument {
    static let spec = CommandSpec(
        "customer", group: .customers, arguments: "ID",
        summary: "explain one customer: metrics, score parts, boundaries, what would move it up",
        details: """
            In the current scenario before its levers: the customer's metrics, each criterion's
            value, normalised value and contribution (weight × normalised) to the score, its rank,
            the last customer of the tier above (to pass) and of its own tier, and for each figure
            the ranking uses the smallest change (in cents, orders or days, the other figures held)
            that places it in a higher tier under the rule levers use: fixed boundaries, the
            scales before the change. "not reachable" when no change within the figure's range
            does (recency cannot go below 0 days).
            """,
        example: "customer K00312", needsData: true)

    let id: Token

    init(argument: Token) { id = argument }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        let scenario = context.scenario
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        guard let global = dataset.customerIDs.index(of: id.text) else {
            // Ids compare byte for byte; one that differs only in case is probably the one meant.
            let ids = dataset.customerIDs, folded = id.text.lowercased()
            let near = (0..<ids.count).lazy.map { ids[$0] }.first { $0.count == id.text.count && $0.lowercased() == folded }
            throw context.error("no customer '\(id.text)' in \(dataset.name)" + (near.map { "; did you mean '\($0)'?" } ?? ""), at: id)
        }
        guard let local = scope.local(global) else {
            throw context.error(
                "customer '\(id.text)' did not buy in \(scope.window?.description ?? "the window"): it is not segmented", at: id)
        }
        let explanation = try CustomerExplainer.explain(
            customer: local, metrics: scope.metrics, segmentation: segmentation, moneyDecimals: dataset.moneyDecimals)
        return CustomerViews.explanation(explanation, segmentation: segmentation, dataset: dataset, scope: scope, scenario: scenario)
    }
}
