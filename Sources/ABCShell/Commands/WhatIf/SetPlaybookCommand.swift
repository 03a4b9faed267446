import ABCCore

/// `set playbook GROUP palive P | growth top S% | GROUP lever … | default`: the strategy groups'
/// rule figures and the levers the playbook suggests, for the current scenario.
struct SetPlaybookCommand: ShellCommand {
    static let spec = CommandSpec(
        "set playbook", group: .whatIf, arguments: "at-risk|reactivate palive P | growth top S% | GROUP lever FIGURES… | default",
        summary: "the strategy groups' rules and the lever the playbook suggests for each",
        details: """
            at-risk: A customers with P(alive) below P (default 0.5); reactivate: last-tier customers
            with P(alive) at least P (default 0.3); growth: the top S% of B by expected orders
            (default 25%). `lever` gives the suggestion's figures, as after the tier of its lever:
            at-risk retention `churn 20% -> 10% cost 5`, growth uplift `revenue +10% adoption 30%
            cost 2 per-adopter`, reactivate reactivation `inactive 90 days response 10% orders 1
            cost 3` (the defaults); costly's suggestion is `drop unprofitable`. `default` restores
            them all. See docs/forecasting.md#the-playbooks-suggestions.
            """,
        example: "set playbook at-risk palive 0.4",
        completion: [.words(PlaybookGroup.allCases.map(\.rawValue) + ["default"]), .words(["palive", "top", "lever"]), .none])

    enum Change {
        case standard
        case atRiskAlive(Double)
        case reactivateAlive(Double)
        case growthShare(ExactRate)
        case figures(PlaybookGroup, Lever)
    }

    let change: Change

    init(parsing invocation: Invocation) throws(CommandError) {
        var reader = ArgumentReader(invocation)
        let usage = Self.spec.usage
        let first = try reader.next("a group or default")
        if first.text.lowercased() == "default" {
            try reader.finish()
            change = .standard
            return
        }
        guard let group = PlaybookGroup(rawValue: first.text.lowercased()) else {
            throw invocation.error("expected at-risk, growth, reactivate, costly or default, found '\(first.text)'; usage: \(usage)", at: first)
        }
        let what = try reader.next("palive, top or lever")
        switch (what.text.lowercased(), group) {
        case ("palive", .atRisk), ("palive", .reactivate):
            let token = try reader.next("a probability")
            guard let p = Double(token.text), p >= 0, p <= 1 else {
                throw invocation.error("expected a probability from 0 to 1, found '\(token.text)'", at: token)
            }
            change = group == .atRisk ? .atRiskAlive(p) : .reactivateAlive(p)
        case ("top", .growth):
            let share = try reader.rate("the share of B")
            guard share.numerator > 0 else { throw invocation.error("the share of B must be above 0%", at: what) }
            change = .growthShare(share)
        case ("lever", .costly):
            throw invocation.error("costly's suggestion, drop unprofitable, has no figures to set", at: what)
        case ("lever", _):
            change = .figures(group, try PlaybookSettings.kind(of: group).parse(&reader, tier: 0))
        default:
            let accepted = group == .growth ? "top S% or lever" : group == .costly ? "nothing (its suggestion is drop unprofitable)" : "palive P or lever"
            throw invocation.error("\(group.rawValue) takes \(accepted), found '\(what.text)'; usage: \(usage)", at: what)
        }
        try reader.finish()
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        switch change {
        case .standard: s.playbook = .standard
        case .atRiskAlive(let p): s.playbook.rules.atRiskAlive = p
        case .reactivateAlive(let p): s.playbook.rules.reactivateAlive = p
        case .growthShare(let share): s.playbook.rules.growthShare = share
        case .figures(let group, let lever): s.playbook.setFigures(lever, of: group)
        }
        context.session.setScenario(s)
        return [.text("Playbook of scenario \(s.name):\n" + Self.describe(s.playbook, tierCount: s.rule.tierCount, money: context.session.moneyFormatter()))]
    }

    /// The rules and suggestions, a line per group.
    static func describe(_ settings: PlaybookSettings, tierCount: Int, money: (Int64) -> String) -> String {
        let rules = settings.rules
        let rule: [PlaybookGroup: String] = [
            .atRisk: "P(alive) < \(rules.atRiskAlive)", .growth: "top \(rules.growthShare) by expected orders",
            .reactivate: "P(alive) ≥ \(rules.reactivateAlive), aov ≥ median", .costly: "net below zero",
        ]
        return PlaybookGroup.allCases.map { group in
            "  \(group.rawValue): \(rule[group] ?? ""); suggests lever \(settings.suggestion(for: group, tierCount: tierCount).script(money: money))"
        }.joined(separator: "\n")
    }

    /// The script lines that make `settings` from `parent`'s.
    static func script(_ settings: PlaybookSettings, from parent: PlaybookSettings, money: (Int64) -> String) -> [String] {
        var lines: [String] = []
        if settings.rules.atRiskAlive != parent.rules.atRiskAlive { lines.append("set playbook at-risk palive \(settings.rules.atRiskAlive)") }
        if settings.rules.reactivateAlive != parent.rules.reactivateAlive {
            lines.append("set playbook reactivate palive \(settings.rules.reactivateAlive)")
        }
        if settings.rules.growthShare != parent.rules.growthShare { lines.append("set playbook growth top \(settings.rules.growthShare)") }
        for group in [PlaybookGroup.atRisk, .growth, .reactivate] where settings.figures(of: group) != parent.figures(of: group) {
            // The lever's script without its kind and tier: the figures.
            let words = LeverKinds.script(settings.figures(of: group), money: money).split(separator: " ", maxSplits: 2)
            lines.append("set playbook \(group.rawValue) lever " + (words.count == 3 ? String(words[2]) : ""))
        }
        return lines
    }
}
