import ABCCore

/// `lever set N FIELD VALUE`: changes one figure of a lever in place (same number).
struct LeverSetCommand: ShellCommand {
    static let spec = CommandSpec(
        "lever set", group: .whatIf, arguments: "N FIELD VALUE",
        summary: "change one figure of lever N in place (the fields sweep can vary)",
        details: "Fields: uplift lift|adoption|cost, retention after|cost, reactivation response|days|orders|cost, discount price|volume, cost-to-serve per-order|per-customer. Percentages as typed in the lever (`lever set 2 adoption 40%`).",
        example: "lever set 1 adoption 40%", completion: [.leverNumber, .leverField, .leverFieldValue, .none])

    let number: Token
    let field: Token
    let value: Token
    let setting: SettingValue

    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(3...3)
        number = invocation.arguments[0]
        field = invocation.arguments[1]
        value = invocation.arguments[2]
        guard let setting = SettingValue.parse(value.text) else {
            throw invocation.error("expected a number (e.g. 40% or 2.50), found '\(value.text)'", at: value)
        }
        self.setting = setting
    }

    func run(in context: CommandContext) throws -> [Block] {
        var s = context.scenario
        guard let n = Int(number.text), n >= 1, n <= s.levers.count else {
            throw context.error("expected a lever number from 1 to \(s.levers.count), found '\(number.text)'", at: number)
        }
        let lever = s.levers[n - 1].lever
        let kind = LeverKinds.kind(of: lever)
        guard let figure = kind.fields.first(where: { $0.name == field.text.lowercased() }) else {
            let names = kind.fields.map(\.name)
            throw context.error(
                "lever \(n) (\(lever.kind)) has no figure '\(field.text)'; it has: \(names.isEmpty ? "none" : names.joined(separator: ", "))",
                at: field)
        }
        guard figure.range.contains(setting) else {
            throw context.error(
                "\(figure.name) goes from \(figure.range.lowerBound.formatted(figure.unit)) to \(figure.range.upperBound.formatted(figure.unit)), found '\(value.text)'",
                at: value)
        }
        s.levers[n - 1].lever = figure.apply(lever, setting)
        context.session.setScenario(s)
        return [.text("Lever \(n) of scenario \(s.name): \(s.levers[n - 1].script(money: context.session.moneyFormatter()))")]
    }
}
