import ABCCore

/// `lever remove N | KIND TIER [where …]`: removes one lever of the current scenario by its
/// number, or the levers named by kind, tier and filter as written (docs/levers.md#levers-on-groups).
struct LeverRemoveCommand: ShellCommand {
    static let spec = CommandSpec(
        "lever remove", group: .whatIf, arguments: "N | KIND TIER [where …]",
        summary: "remove lever N of the current scenario, or the levers of a kind on a tier with the same filter",
        details: "`lever remove retention A where at-risk` removes every retention lever on A whose where-clauses read the same (`lever list` prints them); without where, those on the whole tier.",
        example: "lever remove 2", completion: [.leverNumber, .none])

    enum Target {
        case number(Token)
        case named(kind: Token, tier: Token, filter: CustomerFilter)
    }

    let target: Target

    init(parsing invocation: Invocation) throws(CommandError) {
        target = try Self.target(invocation)
    }

    private static func target(_ invocation: Invocation) throws(CommandError) -> Target {
        let arguments = invocation.arguments
        if arguments.count < 2 || Int(arguments[0].text) != nil {
            try invocation.expectArguments(1...1)
            return .number(arguments[0])
        }
        var reader = ArgumentReader(invocation)
        let kind = try reader.next("a lever kind")
        let names = LeverKinds.all.map { $0.name }
        if !names.contains(kind.text.lowercased()) {
            throw invocation.error("expected a lever number or kind (\(names.joined(separator: ", "))), found '\(kind.text)'", at: kind)
        }
        let tier = try reader.tier().1
        let filter = try reader.filter()
        try reader.finish()
        return .named(kind: kind, tier: tier, filter: filter)
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        let money = context.session.moneyFormatter()
        switch target {
        case .number(let number):
            guard !s.levers.isEmpty else { throw context.error("scenario \(s.name) has no levers", at: number) }
            guard let n = Int(number.text), n >= 1, n <= s.levers.count else {
                throw context.error("expected a lever number from 1 to \(s.levers.count), found '\(number.text)'", at: number)
            }
            let removed = s.levers.remove(at: n - 1)
            context.session.setScenario(s)
            return [.text("Removed lever \(n): \(removed.script(money: money))")]
        case .named(let kind, let tierToken, let filter):
            let tier = try TierName.parse(tierToken, tierCount: s.rule.tierCount)
            let named = s.levers.indices.filter {
                s.levers[$0].kind == kind.text.lowercased() && s.levers[$0].tier == tier && s.levers[$0].filter == filter
            }
            guard !named.isEmpty else {
                let what = ([kind.text.lowercased(), TierName.name(tier)] + (filter.isEmpty ? [] : [filter.script])).joined(separator: " ")
                throw context.error("scenario \(s.name) has no lever \(what); lever list shows its levers", at: kind)
            }
            let lines = named.map { "Removed lever \($0 + 1): \(s.levers[$0].script(money: money))" }
            for i in named.reversed() { s.levers.remove(at: i) }
            context.session.setScenario(s)
            return [.text(lines.joined(separator: "\n"))]
        }
    }
}
