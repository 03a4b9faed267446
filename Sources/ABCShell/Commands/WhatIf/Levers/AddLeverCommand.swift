import ABCCore

/// `lever KIND TIER …`: adds a lever of one kind to the current scenario.
struct AddLeverCommand<Kind: LeverKind>: ShellCommand {
    static var spec: CommandSpec { Kind.spec }

    enum Action {
        case add(Lever, tierToken: Token)
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
        let lever = try Kind.parse(&reader, tier: tier)
        try reader.finish()
        action = .add(lever, tierToken: token)
    }

    func run(in context: CommandContext) throws -> [Block] {
        switch action {
        case .remove(let remove): return try remove.run(in: context)
        case .add(let lever, let tierToken):
            var s = context.scenario
            _ = try TierName.parse(tierToken, tierCount: s.rule.tierCount)
            if let dataset = context.session.dataset,
               let missing = lever.missingData(in: dataset.metrics, profitKnown: dataset.metrics.profit != nil || s.margin != nil) {
                throw context.error(missing)
            }
            s.levers.append(lever)
            context.session.setScenario(s)
            return [.text("Lever \(s.levers.count) of scenario \(s.name): \(LeverKinds.script(lever, money: context.session.moneyFormatter()))")]
        }
    }
}
