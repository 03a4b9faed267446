import ABCCore

/// `playbook apply GROUP|all`: adds the lever the playbook suggests for a strategy group (or for
/// each) to the current scenario, narrowed to the group.
struct PlaybookApplyCommand: ShellCommand {
    static let spec = CommandSpec(
        "playbook apply", group: .whatIf, arguments: "at-risk|growth|reactivate|costly|all",
        summary: "add the playbook's suggested lever for a group (or every group) to the scenario",
        details: """
            Adds `lever KIND TIER where GROUP …` with the figures `set playbook` holds (playbook shows
            them), after the scenario's levers, so simulate, compare and save then have it. A group
            whose rule cannot run on the data is refused, or with `all` left out with a note. costly's
            suggestion, drop unprofitable, needs the scenario's cost-to-serve lever on the last tier.
            """,
        example: "playbook apply at-risk",
        completion: [.words(PlaybookGroup.allCases.map(\.rawValue) + ["all"]), .none],
        needsData: true)

    let name: Token
    /// The groups named, in the playbook's order.
    let groups: [PlaybookGroup]

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        let argument = invocation.arguments[0]
        name = argument
        if argument.text.lowercased() == "all" {
            groups = PlaybookGroup.allCases
        } else if let group = PlaybookGroup(rawValue: argument.text.lowercased()) {
            groups = [group]
        } else {
            var message = "expected at-risk, growth, reactivate, costly or all, found '\(argument.text)'"
            if let near = NearestName.suggestion(for: argument.text.lowercased(), among: PlaybookGroup.allCases.map(\.rawValue)) {
                message += "; did you mean '\(near)'?"
            }
            throw invocation.error(message, at: argument)
        }
    }

    func run(in context: CommandContext) throws -> [Block] {
        let evaluator = context.session.evaluator
        var s = context.scenario
        let (dataset, segmentation) = try evaluator.segmentation(of: s)
        let scope = try evaluator.scope(of: s)
        let inputs = try evaluator.groupInputs(of: s, scope: scope, segmentation: segmentation)
        let profitKnown = dataset.metrics.profit != nil || s.margin != nil
        var lines: [String] = [], skipped: [String] = []
        for group in groups {
            let suggestion = s.playbook.suggestion(for: group, tierCount: segmentation.tierCount)
            do throws(RequestError) {
                if let missing = suggestion.lever.missingData(in: dataset.metrics, profitKnown: profitKnown) { throw RequestError(missing) }
                let member = try group.members(inputs)
                s.levers.append(suggestion)
                let picked = LeverAdded.count(member, ofTier: suggestion.tier, in: segmentation)
                lines.append(LeverAdded.confirmation(suggestion, to: s, picked: picked, context: context))
            } catch {
                guard groups.count > 1 else { throw context.error(error.message, at: name) }
                skipped.append("\(group.rawValue) left out: \(error.message)")
            }
        }
        if !lines.isEmpty { context.session.setScenario(s) }
        if lines.isEmpty { lines.append("No lever added to scenario \(s.name)") }
        return [.text((lines + skipped).joined(separator: "\n"))]
    }
}
