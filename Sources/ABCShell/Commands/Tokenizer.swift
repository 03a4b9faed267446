/// A word of a command line and where it starts (1-based column, in characters).
public struct Token: Sendable, Equatable {
    public var text: String
    public var column: Int
    public var quoted: Bool

    public init(_ text: String, column: Int, quoted: Bool = false) {
        self.text = text
        self.column = column
        self.quoted = quoted
    }
}

/// An error in a command, with the column it points at.
public struct CommandError: Error, Sendable, Equatable {
    public var message: String
    public var column: Int

    public init(_ message: String, column: Int) {
        self.message = message
        self.column = column
    }
}

/// Splits a line into commands (`;` separates) and words (blanks separate, `'…'` and `"…"`
/// group, `#` starts a comment).
public enum Tokenizer {
    public static func commands(in line: String) throws(CommandError) -> [[Token]] {
        var commands: [[Token]] = []
        var current: [Token] = []
        var word = ""
        var wordColumn = 0
        var quoted = false
        var inWord = false
        var quote: Character?
        var quoteColumn = 0
        var column = 0
        func finishWord() {
            if inWord { current.append(Token(word, column: wordColumn, quoted: quoted)) }
            word = ""
            inWord = false
            quoted = false
        }
        for character in line {
            column += 1
            if let q = quote {
                if character == q { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case " ", "\t", "\r", "\n":
                finishWord()
            case ";":
                finishWord()
                if !current.isEmpty { commands.append(current) }
                current = []
            case "#" where !inWord:
                finishWord()
                if !current.isEmpty { commands.append(current) }
                return commands
            case "'", "\"":
                if !inWord {
                    inWord = true
                    wordColumn = column
                }
                quote = character
                quoted = true
                quoteColumn = column
            default:
                if !inWord {
                    inWord = true
                    wordColumn = column
                }
                word.append(character)
            }
        }
        if quote != nil { throw CommandError("unterminated quote", column: quoteColumn) }
        finishWord()
        if !current.isEmpty { commands.append(current) }
        return commands
    }
}

/// A command line matched against its spec: positional arguments and options.
public struct Invocation: Sendable {
    public var spec: CommandSpec
    public var name: Token
    public var arguments: [Token]
    /// Option name → its value token (nil for flags), with the option's own token.
    public var options: [String: (option: Token, value: Token?)]

    public func flag(_ name: String) -> Bool { options[name] != nil }
    public func value(_ name: String) -> Token? { options[name]?.value }
    /// The end of the command, for errors about missing arguments.
    public var endColumn: Int {
        let last = ([name] + arguments + options.values.flatMap { [$0.option] + ($0.value.map { [$0] } ?? []) })
            .max { $0.column < $1.column }!
        return last.column + last.text.count + (last.quoted ? 2 : 0)
    }

    public static func parse(_ tokens: [Token]) throws(CommandError) -> Invocation {
        let words = tokens.map { $0.quoted ? "\u{0}" : $0.text }
        guard let (spec, count) = CommandTable.lookup(words) else {
            let text = tokens[0].text
            var message = "unknown command '\(text)'"
            if let s = CommandTable.suggestion(for: text) { message += "; did you mean '\(s)'?" }
            else { message += "; type 'help' for the list" }
            if let sub = tokens.dropFirst().first,
               CommandTable.all.contains(where: { $0.words[0] == text.lowercased() }) {
                let subs = CommandTable.all.filter { $0.words[0] == text.lowercased() }.compactMap { $0.words.dropFirst().first }
                let near = subs.min { CommandTable.editDistance(sub.text, $0) < CommandTable.editDistance(sub.text, $1) }
                message = "unknown command '\(text) \(sub.text)'; "
                    + (near.map { "did you mean '\(text) \($0)'?" } ?? "expected one of: \(subs.joined(separator: ", "))")
                throw CommandError(message, column: sub.column)
            }
            if tokens.count == 1, CommandTable.all.contains(where: { $0.words[0] == text.lowercased() && $0.words.count > 1 }) {
                let subs = CommandTable.all.filter { $0.words[0] == text.lowercased() }.compactMap { $0.words.dropFirst().first }
                throw CommandError("'\(text)' needs one of: \(subs.joined(separator: ", "))", column: tokens[0].column + text.count)
            }
            throw CommandError(message, column: tokens[0].column)
        }
        var invocation = Invocation(spec: spec, name: tokens[0], arguments: [], options: [:])
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
                    let near = spec.options.map(\.name).min { CommandTable.editDistance(name, $0) < CommandTable.editDistance(name, $1) }
                    if let near, CommandTable.editDistance(name, near) <= 2 { message += "; did you mean '--\(near)'?" }
                    else if spec.options.isEmpty { message += " (it takes none)" }
                    throw CommandError(message, column: token.column)
                }
                if option.value != nil {
                    if inlineValue == nil {
                        guard i + 1 < tokens.count else {
                            throw CommandError("option '--\(name)' needs a value (\(option.value!))",
                                               column: token.column + token.text.count)
                        }
                        i += 1
                        inlineValue = tokens[i]
                    }
                } else if inlineValue != nil {
                    throw CommandError("option '--\(name)' takes no value", column: inlineValue!.column)
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

extension Tokenizer {
    /// A word for the command language, quoted when it would not read back as one word.
    public static func quote(_ text: String) -> String {
        if !text.isEmpty && !text.contains(where: { " \t;#'\"".contains($0) }) { return text }
        return text.contains("'") ? "\"\(text)\"" : "'\(text)'"
    }
}
