import ABCCore

/// `set scaling minmax|rank`: how the current scenario normalises its criteria.
struct SetScalingCommand: ShellCommand {
    static let spec = CommandSpec(
        "set scaling", group: .segmentation, arguments: "minmax|rank",
        summary: "normalise criteria by min-max (default) or by rank",
        details: """
            minmax: (x − min) / (max − min), so on skewed revenue one large customer decides the
            scale and most customers sit near 0. rank: the customer's mid-rank (customers with a
            smaller value plus half the others with an equal one) over N − 1, so a weight means
            the same on any distribution. `show criteria` says when min-max leaves most customers
            below 0.1.
            """,
        example: "set scaling rank", completion: [.words(Scaling.allCases.map(\.rawValue))])

    let scaling: Scaling

    init(parsing invocation: Invocation) throws(CommandError) {
        scaling = try invocation.choice(Scaling.self)
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        s.scaling = scaling
        context.session.setScenario(s)
        return [.text("Scaling: \(scaling.rawValue)")]
    }
}
