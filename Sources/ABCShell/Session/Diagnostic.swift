import ABCCore

/// An error for the user, with where it happened. Rendered in one place (`DiagnosticRenderer`).
public struct Diagnostic: Error, Sendable, Equatable {
    public var location: SourceLocation?
    public var message: String
    /// The command line the error points into, shown with a caret under the column.
    public var sourceLine: String?
    /// Further lines: where a script was when a data error happened.
    public var notes: [String] = []
    /// The caret's column in `sourceLine` (the location's, or given for typed commands).
    public var column: Int?

    public init(_ message: String, at location: SourceLocation? = nil, sourceLine: String? = nil, column: Int? = nil) {
        self.message = message
        self.location = location
        self.sourceLine = sourceLine
        self.column = column ?? location?.column
    }
}

extension Diagnostic {
    /// At most this many characters of a script's line are echoed in an error: a line that is
    /// not a command may be anything (a `run` of a file that is no script).
    static let echoLimit = 80

    /// A word echoed in a message: its first 30 characters, then `…`.
    static func clipped(_ word: String) -> String {
        word.count > 30 ? word.prefix(30) + "…" : word
    }

    /// The diagnostic with at most `echoLimit` characters of its source line, around the caret.
    func clippingSource() -> Diagnostic {
        guard let line = sourceLine, line.count > Self.echoLimit else { return self }
        var clipped = self
        let caret = max(1, column ?? 1)
        let start = min(max(0, caret - 1 - 20), line.count - Self.echoLimit)
        var visible = Array(line.dropFirst(start).prefix(Self.echoLimit))
        if start > 0 { visible[0] = "…" }
        if start + Self.echoLimit < line.count { visible[visible.count - 1] = "…" }
        clipped.sourceLine = String(visible)
        clipped.column = caret - start
        return clipped
    }
}

/// Where the commands come from; names the location of errors.
public enum CommandOrigin: Sendable, Equatable {
    /// Typed at the prompt: errors show the line and a caret, no file name.
    case interactive
    /// `abc -c '…'`: `<command-line>:1:COLUMN`.
    case commandLine
    /// Standard input that is not a terminal: `<stdin>:LINE:COLUMN`.
    case standardInput(line: Int)
    /// A script file: `PATH:LINE:COLUMN`. A line continued with `\\` is run joined;
    /// `continuations` are the columns of the joined line where each further physical line
    /// begins, so errors still name the physical line and column.
    case script(path: String, line: Int, continuations: [Int] = [])

    /// Whether commands from here are fenced (`Fence`): script files and piped input, not
    /// what the user types (the prompt, `-c`).
    var isFenced: Bool {
        switch self {
        case .interactive, .commandLine: return false
        case .standardInput, .script: return true
        }
    }

    func location(column: Int) -> SourceLocation? {
        switch self {
        case .interactive: return nil
        case .commandLine: return SourceLocation(file: "<command-line>", line: 1, column: column)
        case .standardInput(let line): return SourceLocation(file: "<stdin>", line: line, column: column)
        case .script(let path, let line, let continuations):
            let k = continuations.lastIndex { $0 <= column } ?? -1
            return k < 0 ? SourceLocation(file: path, line: line, column: column)
                : SourceLocation(file: path, line: line + k + 1, column: column - continuations[k] + 1)
        }
    }
}

/// Receives what the session prints. The executable writes it to stdout/stderr; tests collect it.
public protocol OutputSink: AnyObject {
    func write(_ text: String)
    func report(_ diagnostic: Diagnostic)
    /// Text beside the data (load reports, titles, notes) when tables are printed as CSV or
    /// JSON: kept off the data stream so it stays parseable. Default: `write`.
    func note(_ text: String)
}

extension OutputSink {
    public func note(_ text: String) { write(text) }
}

/// Collects output in memory.
public final class CapturedOutput: OutputSink {
    public private(set) var text = ""
    /// What went beside the data (csv/json formats): reports, titles, timings.
    public private(set) var notes = ""
    public private(set) var diagnostics: [Diagnostic] = []
    public init() {}
    public func write(_ text: String) { self.text += text }
    public func note(_ text: String) { notes += text }
    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
}
