/// A command line matched against its command's spec: positional arguments and options.
public struct Invocation: Sendable {
    public var spec: CommandSpec { command.spec }
    /// The command's type, found in `CommandTable`.
    let command: any ShellCommand.Type
    /// The command's first word (errors about the command point here).
    public var name: Token
    /// The command's last name word (`asof` of `set asof`).
    var lastNameWord: Token
    public var arguments: [Token]
    /// Option name → its value token (nil for flags), with the option's own token.
    public var options: [String: (option: Token, value: Token?)]

    public func flag(_ name: String) -> Bool { options[name] != nil }
    public func value(_ name: String) -> Token? { options[name]?.value }

    /// The end of the command, for errors about missing arguments.
    public var endColumn: Int {
        var last = lastNameWord
        for token in arguments + options.values.flatMap({ [$0.option] + ($0.value.map { [$0] } ?? []) })
        where token.column > last.column { last = token }
        return last.column + last.text.count + (last.quoted ? 2 : 0)
    }

    func error(_ message: String, at token: Token? = nil) -> CommandError {
        CommandError(message, column: (token ?? name).column)
    }

    /// An error just after the command's end (something is missing).
    func missing(_ message: String) -> CommandError {
        CommandError(message, column: endColumn + 1)
    }

    /// Checks the number of positional arguments; the usage text comes from the spec.
    func expectArguments(_ range: ClosedRange<Int>) throws(CommandError) {
        guard range.contains(arguments.count) else {
            if arguments.count > range.upperBound {
                throw error("too many arguments; usage: \(spec.usage)", at: arguments[range.upperBound])
            }
            throw missing("missing argument; usage: \(spec.usage)")
        }
    }

    /// The one argument, one of `T`'s raw values (any case): `set format csv`, `timer on`.
    func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type) throws(CommandError) -> T where T.RawValue == String {
        try expectArguments(1...1)
        let token = arguments[0]
        guard let value = T(rawValue: token.text.lowercased()) else {
            let names = T.allCases.map(\.rawValue)
            let list = names.count == 2 ? names.joined(separator: " or ") : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
            throw error("expected \(list), found '\(token.text)'", at: token)
        }
        return value
    }

    static func parse(_ tokens: [Token]) throws(CommandError) -> Invocation {
        guard let first = tokens.first else { throw CommandError("empty command", column: 1) }
        let words = tokens.map { $0.quoted ? "\u{0}" : $0.text }
        guard let (command, count) = CommandTable.lookup(words) else {
            throw CommandTable.unknownCommand(tokens)
        }
        let spec = command.spec
        var invocation = Invocation(command: command, name: first, lastNameWord: tokens[count - 1], arguments: [], options: [:])
        var i = count
        while i < tokens.count {
            let token = tokens[i]
            if !token.quoted && token.text.hasPrefix("--") && token.text.count > 2 {
                var name = String(token.text.dropFirst(2))
                var inlineValue: Token?
                if let eq = name.firstIndex(of: "=") {
                    let valueText = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                    inlineValue = Token(valueText, column: token.column + 3 + name.count)
                }
                guard let option = spec.option(named: name) else {
                    var message = "unknown option '--\(name)' for '\(spec.name)'"
                    if let near = NearestName.suggestion(for: name, among: spec.options.map(\.name)) {
                        message += "; did you mean '--\(near)'?"
                    } else if spec.options.isEmpty {
                        message += " (it takes none)"
                    }
                    throw CommandError(message, column: token.column)
                }
                if let placeholder = option.value {
                    if inlineValue == nil {
                        guard i + 1 < tokens.count else {
                            throw CommandError("option '--\(name)' needs a value (\(placeholder))",
                                               column: token.column + token.text.count)
                        }
                        i += 1
                        inlineValue = tokens[i]
                    }
                } else if let inlineValue {
                    throw CommandError("option '--\(name)' takes no value", column: inlineValue.column)
                }
                if invocation.options[name] != nil {
                    throw CommandError("option '--\(name)' is given twice", column: token.column)
                }
                invocation.options[name] = (token, inlineValue)
            } else {
                invocation.arguments.append(token)
            }
            i += 1
        }
        return invocation
    }
}
