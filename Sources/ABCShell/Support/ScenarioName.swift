/// Scenario names as typed: looked up with a did-you-mean, or checked as a new name.
enum ScenarioName {
    /// Words the command language gives a meaning of their own.
    static let reserved: Set<String> = ["from", "tier", "total", "projected"]

    /// The scenario `token` names.
    static func lookup(_ token: Token, in session: Session) throws(CommandError) -> Scenario {
        if let scenario = session.scenario(named: token.text) { return scenario }
        throw unknown(token, in: session)
    }

    static func unknown(_ token: Token, in session: Session) -> CommandError {
        let names = session.scenarios.map(\.name)
        let hint = NearestName.suggestion(for: token.text, among: names).map { "did you mean '\($0)'? " } ?? ""
        return CommandError("no scenario '\(token.text)'; \(hint)scenarios: \(names.joined(separator: ", "))", column: token.column)
    }

    /// Refuses a name that could not be typed back as one.
    static func checkNew(_ token: Token) throws(CommandError) {
        let name = token.text
        // `~`: the copies a replay into a workspace keeps (`lean~1`).
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "~" }),
              !reserved.contains(name), name.first != "-", name.first != "~" else {
            throw CommandError("'\(name)' cannot be a scenario name: use letters, digits, '-', '_' or '~'", column: token.column)
        }
    }
}
