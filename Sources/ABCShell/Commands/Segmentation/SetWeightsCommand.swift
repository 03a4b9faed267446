import ABCCore

/// `set weights CRITERION WEIGHT … | default`: the current scenario's score.
struct SetWeightsCommand: ShellCommand {
    static let spec = CommandSpec(
        "set weights", group: .segmentation, arguments: "CRITERION WEIGHT [CRITERION WEIGHT…]",
        summary: "score customers on these criteria with these weights",
        details: """
            Criteria: revenue, profit, margin, orders (frequency), aov, recency (lower is better),
            tenure (loyalty). Each is min-max normalised over all customers; the score is the
            weighted sum, in the order given. Weights are used as given; a weight may be written as
            a percentage (`50%` is 0.5). `set weights default` returns to the default (revenue
            0.5, profit 0.3, orders 0.2).
            """,
        example: "set weights revenue 0.4 profit 0.4 orders 0.2",
        completion: [.criterion, .none], completionCycles: true)

    /// nil: the dataset's default criteria.
    let criteria: [(WeightedCriterion, Token)]?

    init(parsing invocation: Invocation) throws(CommandError) {
        let arguments = invocation.arguments
        if arguments.count == 1 && arguments[0].text.lowercased() == "default" {
            criteria = nil
            return
        }
        let usage = "\(Self.spec.usage) | default"
        guard let last = arguments.last else { throw invocation.missing("missing criteria; usage: \(usage)") }
        guard arguments.count % 2 == 0 else {
            throw CommandError("criterion '\(last.text)' has no weight; usage: \(usage)", column: last.column + last.text.count + 1)
        }
        var criteria: [(WeightedCriterion, Token)] = []
        for pair in stride(from: 0, to: arguments.count, by: 2) {
            let nameToken = arguments[pair], weightToken = arguments[pair + 1]
            let criterion = try CriterionName.parse(nameToken)
            guard let weight = Self.weight(weightToken.text) else {
                throw invocation.error(
                    "expected a weight ≥ 0 (0.5 or 50%) for '\(nameToken.text)', found '\(weightToken.text)'", at: weightToken)
            }
            if criteria.contains(where: { $0.0.criterion == criterion }) {
                throw invocation.error("criterion '\(criterion.rawValue)' is given twice", at: nameToken)
            }
            criteria.append((WeightedCriterion(criterion, weight), nameToken))
        }
        guard criteria.contains(where: { $0.0.weight > 0 }) else {
            throw invocation.error("at least one weight must be above 0", at: arguments[1])
        }
        self.criteria = criteria
    }

    /// A weight as typed: a number (`0.5`, `2`) or a percentage (`50%` is 0.5); nil unless ≥ 0.
    static func weight(_ text: String) -> Double? {
        if text.hasSuffix("%") {
            // Exact decimal digits, divided once: `33.3%` is the Double nearest 0.333.
            guard let percent = ExactDecimal(text), !percent.isNegative else { return nil }
            return ExactDecimal(significand: percent.significand, exponent: percent.exponent - 2).doubleValue
        }
        guard let weight = Double(text), weight.isFinite, weight >= 0 else { return nil }
        return weight
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        guard let criteria else {
            s.criteria = nil
            context.session.setScenario(s)
            return [.text("Weights: default" + (context.session.dataset.map {
                " (\(SegmentationViews.criteriaDescription($0.metrics.defaultCriteria())))"
            } ?? ""))]
        }
        for (item, token) in criteria { try CriterionName.check(item.criterion, in: context.session.dataset, at: token) }
        s.criteria = criteria.map(\.0)
        context.session.setScenario(s)
        return [.text("Weights: \(SegmentationViews.criteriaDescription(s.criteria ?? []))")]
    }
}
