/// `lever remove N`: removes one lever of the current scenario.
struct LeverRemoveCommand: CommandWithOneArgument {
    static let spec = CommandSpec(
        "lever remove", group: .whatIf, arguments: "N", summary: "remove lever N of the current scenario",
        example: "lever remove 2", completion: [.leverNumber, .none])

    let number: Token

    init(argument: Token) { number = argument }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        guard !s.levers.isEmpty else { throw context.error("scenario \(s.name) has no levers", at: number) }
        guard let n = Int(number.text), n >= 1, n <= s.levers.count else {
            throw context.error("expected a lever number from 1 to \(s.levers.count), found '\(number.text)'", at: number)
        }
        let removed = s.levers.remove(at: n - 1)
        context.session.setScenario(s)
        return [.text("Removed lever \(n): \(removed.script(money: context.session.moneyFormatter()))")]
    }
}
