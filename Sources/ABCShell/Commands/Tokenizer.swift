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

extension Tokenizer {
    /// A word for the command language, quoted when it would not read back as one word.
    public static func quote(_ text: String) -> String {
        if !text.isEmpty && !text.contains(where: { " \t;#'\"".contains($0) }) { return text }
        return text.contains("'") ? "\"\(text)\"" : "'\(text)'"
    }
}
