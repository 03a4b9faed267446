import ABCCore

/// A setting that `sweep` and `seek` vary: a criterion's weight, a tier share, or a lever's
/// figure, with the range it may take and how it changes a scenario.
struct Setting {
    var label: String
    var range: ClosedRange<SettingValue>
    var unit: SettingValue.Unit
    /// The scenario with the setting at `value`.
    var apply: (Scenario, SettingValue) throws -> Scenario

    func format(_ value: SettingValue) -> String { value.formatted(unit) }

    static let usage = "weight CRITERION | share TIER | lever N FIELD"

    /// What the words after a setting's first word complete with (`CommandSpec.Completion.setting`).
    static let completion: [String: [CommandSpec.Completion]] = [
        "weight": [.criterion], "share": [.tier], "lever": [.leverNumber, .leverField],
    ]

    /// Reads `weight CRITERION`, `share TIER` or `lever N FIELD` at the start of `tokens`;
    /// returns the words used. Checked against the scenario when applied (`resolve`).
    struct Words {
        var kind: Token
        var what: Token
        var field: Token?

        static func parse(_ tokens: ArraySlice<Token>, invocation: Invocation) throws(CommandError) -> (Words, Int) {
            guard let kind = tokens.first else { throw invocation.missing("missing the setting: \(Setting.usage)") }
            guard tokens.count >= 2 else { throw invocation.error("missing what to vary after '\(kind.text)': \(Setting.usage)", at: kind) }
            let what = tokens[tokens.startIndex + 1]
            switch kind.text.lowercased() {
            case "weight", "share":
                return (Words(kind: kind, what: what), 2)
            case "lever":
                guard tokens.count >= 3 else { throw invocation.error("missing the lever's figure: lever N FIELD", at: what) }
                return (Words(kind: kind, what: what, field: tokens[tokens.startIndex + 2]), 3)
            default:
                throw invocation.error("expected weight, share or lever, found '\(kind.text)'", at: kind)
            }
        }
    }

    /// The setting `words` name in `scenario`.
    static func resolve(_ words: Words, scenario: Scenario, dataset: Dataset) throws(CommandError) -> Setting {
        switch words.kind.text.lowercased() {
        case "weight": return try weight(words.what, dataset: dataset)
        case "share": return try share(words.what, scenario: scenario)
        default:
            let what = words.what
            guard let n = Int(what.text), n >= 1, n <= scenario.levers.count else {
                throw CommandError("expected a lever number from 1 to \(scenario.levers.count), found '\(what.text)'", column: what.column)
            }
            return try leverFigure(n, words.field ?? what, scenario: scenario)
        }
    }

    private static func weight(_ what: Token, dataset: Dataset) throws(CommandError) -> Setting {
        let criterion = try CriterionName.parse(what)
        try CriterionName.check(criterion, in: dataset, at: what)
        let metrics = dataset.metrics
        return Setting(label: "weight \(criterion.rawValue)", range: 0...SettingValue.whole(1), unit: .weight) { s, v in
            var s = s
            var criteria = s.effectiveCriteria(for: metrics)
            if let i = criteria.firstIndex(where: { $0.criterion == criterion }) { criteria[i].weight = v.double }
            else { criteria.append(WeightedCriterion(criterion, v.double)) }
            s.criteria = criteria
            return s
        }
    }

    private static func share(_ what: Token, scenario: Scenario) throws(CommandError) -> Setting {
        let shares = scenario.rule.shares
        guard !shares.isEmpty else { throw CommandError("the computed tiering has no shares to vary", column: what.column) }
        let t = try TierName.parse(what, tierCount: shares.count)
        // The last tier (or, when varying the last, the first) takes up the difference.
        let absorber = t == shares.count - 1 ? 0 : shares.count - 1
        // The values that leave every other tier at least 1%.
        let others = shares.enumerated().filter { $0.offset != t && $0.offset != absorber }.reduce(0) { $0 + $1.element }
        let highest = max(1, 99 - others)
        return Setting(label: "share \(TierName.name(t))", range: SettingValue.whole(1)...SettingValue.whole(highest), unit: .wholePercent) { s, v in
            var s = s
            var shares = s.rule.shares
            shares[t] = v.whole
            shares[absorber] = 100 - shares.enumerated().filter { $0.offset != absorber }.reduce(0) { $0 + $1.element }
            try TieringRule.validate(shares: shares)
            switch s.rule {
            case .countShare: s.rule = .countShare(shares)
            case .valueShare(let basis, _): s.rule = .valueShare(basis, shares)
            case .computed: break
            }
            return s
        }
    }

    private static func leverFigure(_ n: Int, _ field: Token, scenario: Scenario) throws(CommandError) -> Setting {
        let lever = scenario.levers[n - 1].lever
        let kind = LeverKinds.kind(of: lever)
        let name = field.text.lowercased()
        guard let figure = kind.fields.first(where: { $0.name == name }) else {
            let names = kind.fields.map(\.name)
            throw CommandError(
                "lever \(n) (\(lever.kind)) has no figure '\(field.text)'; it has: \(names.isEmpty ? "none" : names.joined(separator: ", "))",
                column: field.column)
        }
        return Setting(label: "lever \(n) \(name)", range: figure.range, unit: figure.unit) { s, v in
            var s = s
            s.levers[n - 1].lever = figure.apply(s.levers[n - 1].lever, v)
            return s
        }
    }
}
