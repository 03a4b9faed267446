import ABCCore

/// `lever KIND TIER …`: adds a lever of one kind to the current scenario.
///
/// `where …` clauses after the tier (those of `customers`) narrow the lever to the customers of
/// its tier that meet them all (docs/levers.md#levers-on-groups).
struct AddLeverCommand<Kind: LeverKind>: ShellCommand {
    static var spec: CommandSpec {
        var spec = Kind.spec
        if spec.arguments.hasPrefix("TIER ") { spec.arguments = "TIER [where …] " + spec.arguments.dropFirst("TIER ".count) }
        spec.details += " " + Self.filterHelp
        return spec
    }

    static var filterHelp: String {
        "After TIER, `where ATTRIBUTE = VALUE` and `where GROUP` (at-risk, growth, reactivate, costly; any number, all of which a customer must meet) narrow the lever to those customers of the tier, as segmented before the levers (docs/levers.md#levers-on-groups)."
    }

    enum Action {
        case add(ScenarioLever, tierToken: Token)
        /// `lever drop N`: an old spelling of `lever remove N`.
        case remove(LeverRemoveCommand)
    }

    let action: Action

    init(parsing invocation: Invocation) throws(CommandError) {
        if Kind.self == DropLever.self, invocation.arguments.count == 1, Int(invocation.arguments[0].text) != nil {
            action = .remove(try LeverRemoveCommand(parsing: invocation))
            return
        }
        var reader = ArgumentReader(invocation)
        let (tier, token) = try reader.tier()
        let filter = try reader.filter()
        let lever = try Kind.parse(&reader, tier: tier)
        try reader.finish()
        action = .add(ScenarioLever(lever, filter: filter), tierToken: token)
    }

    func run(in context: CommandContext) throws -> [Block] {
        switch action {
        case .remove(let remove): return try remove.run(in: context)
        case .add(let declared, let tierToken):
            var s = context.scenario
            let tier = try TierName.parse(tierToken, tierCount: s.rule.tierCount)
            let lever = declared.lever
            if let dataset = context.session.dataset,
               let missing = lever.missingData(in: dataset.metrics, profitKnown: dataset.metrics.profit != nil || s.margin != nil) {
                throw context.error(missing)
            }
            for case .group(let group, let token) in declared.filter.clauses where group.tier(of: s.rule.tierCount) != tier {
                throw context.error(
                    "'\(group.rawValue)' is a group of tier \(TierName.name(group.tier(of: s.rule.tierCount))); this lever targets tier \(TierName.name(tier))",
                    at: token)
            }
            s.levers.append(declared)
            // With data, the filter is checked now (an unknown attribute or value, a group whose
            // rule cannot run) and the customers it picks are counted.
            let picked = context.session.dataset == nil ? nil : try Self.picked(declared, in: s, context: context)
            context.session.setScenario(s)
            return [.text(LeverAdded.confirmation(declared, to: s, picked: picked, context: context))]
        }
    }

    /// The customers of the lever's tier its filter picks, and the tier's customers; nil without a filter.
    private static func picked(_ declared: ScenarioLever, in scenario: Scenario, context: CommandContext) throws -> (count: Int, of: Int)? {
        guard !declared.filter.isEmpty else { return nil }
        let evaluator = context.session.evaluator
        let (dataset, segmentation) = try evaluator.segmentation(of: scenario)
        let scope = try evaluator.scope(of: scenario)
        let members: [Bool]?
        do {
            members = try declared.filter.members(dataset: dataset, scope: scope) {
                try evaluator.groupInputs(of: scenario, scope: scope, segmentation: segmentation)
            }
        } catch let error as RequestError {
            // A group's rule that cannot run: point at the first group named.
            let group = declared.filter.clauses.lazy.compactMap { if case .group(_, let token) = $0 { token } else { nil } }.first
            throw context.error(error.message, at: group)
        }
        return LeverAdded.count(members, ofTier: declared.tier, in: segmentation)
    }
}

/// What `lever` and `playbook apply` say of a lever they add.
enum LeverAdded {
    /// How many customers of tier `tier` `members` holds (all without members), and the tier's.
    static func count(_ members: [Bool]?, ofTier tier: Int, in segmentation: Segmentation) -> (count: Int, of: Int) {
        var count = 0, of = 0
        for c in 0..<segmentation.tier.count where Int(segmentation.tier[c]) == tier {
            of += 1
            if members.map({ c < $0.count && $0[c] }) ?? true { count += 1 }
        }
        return (count, of)
    }

    /// The confirmation of a lever just added as the last of `scenario`, with the customers its
    /// filter picks when they were counted (`lever` and `playbook apply` say the same).
    static func confirmation(_ declared: ScenarioLever, to scenario: Scenario, picked: (count: Int, of: Int)?, context: CommandContext) -> String {
        var text = "Lever \(scenario.levers.count) of scenario \(scenario.name): \(declared.script(money: context.session.moneyFormatter()))"
        if let picked {
            text += "\n\(picked.count) of the \(picked.of) customers of tier \(TierName.name(declared.tier)) meet its filter"
        }
        return text
    }
}
