/// Where something is in a text the user gave us: a data file, a script, or the command line.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

extension DataError {
    /// Characters of a value from the data (a header, a field) that a message shows.
    public static let excerptLength = 80

    /// `text` cut to `excerptLength` characters, with `…` when cut: a 5 MB header stays a line.
    public static func excerpt(_ text: String) -> String {
        var count = 0
        for index in text.indices {
            if count == excerptLength { return String(text[..<index]) + "…" }
            count += 1
        }
        return text
    }
}

/// An error in a data file, with the place it was found (`sales.csv:1042:17`).
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    /// The load option the error is about (`customer` for `--customer NAME`), so the shell
    /// can point at what was typed; nil for errors in the data.
    public var option: String?

    public init(_ message: String, at location: SourceLocation? = nil, option: String? = nil) {
        self.message = message
        self.location = location
        self.option = option
    }

    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}

/// A request the core cannot carry out as asked: a criterion the data lacks, shares that do
/// not add up, an unknown tier. The message is for the user; the shell adds the location.
public struct RequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Thrown by long operations when the user interrupts them (Ctrl-C); nothing was changed.
public struct Interrupted: Error, Sendable, Equatable {
    public init() {}
}
