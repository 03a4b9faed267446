import ABCCore

/// A shell command: its declaration, a parse step that checks the words and builds the
/// command without touching the session, and a run step against the session.
///
/// One type per command, in a file of its own under `Commands/<Group>/`; `CommandTable`
/// lists the types. Help, Tab completion, did-you-mean, usage errors and the README
/// reference are all generated from `spec`.
protocol ShellCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Checks the invocation's words; state-dependent checks belong to `run`.
    init(parsing invocation: Invocation) throws(CommandError)
    /// Runs the command: what it prints, in order. A thrown error leaves the session as it was.
    func run(in context: CommandContext) throws -> [Block]
    /// Whether a change this command makes to the scenarios is one `undo` step (not for
    /// `undo` itself).
    static var isUndoable: Bool { get }
    /// How `save` keeps this command when it succeeds (`.command` unless it is about the
    /// shell itself or writes files).
    static var saved: SavedAs { get }
    /// Whether the command replaces the dataset (`load`): a load right after the shell's
    /// opening one takes its place in what `save` writes.
    static var loadsData: Bool { get }
    /// The command as `save` writes it back, from the words it was typed with: path
    /// arguments resolved, so the script can name them relative to its own folder.
    func scriptWords(_ tokens: [Token], in context: CommandContext) -> [ScriptWord]
}

/// How `save` keeps a command that succeeded.
enum SavedAs: Sendable {
    /// Written as it ran.
    case command
    /// Written commented out unless `save --with-exports` (it writes files).
    case export
    /// Not written: it is about the shell, not the work (`help`, `timer`, `save`).
    case omitted
}

/// A word of a saved command: as written, or a path (absolute, or `sample`-like words are
/// `.text`) that the script names relative to its folder.
enum ScriptWord: Sendable, Equatable {
    case text(String)
    /// An absolute path; `quoted` keeps a quoted word quoted (a name taken as it is).
    case path(String, quoted: Bool)
}

extension ShellCommand {
    static var isUndoable: Bool { true }
    static var saved: SavedAs { .command }
    static var loadsData: Bool { false }

    func scriptWords(_ tokens: [Token], in context: CommandContext) -> [ScriptWord] {
        let spec = Self.spec
        let arguments = context.invocation.arguments
        return tokens.map { token in
            if let position = arguments.firstIndex(where: { $0.column == token.column }) {
                switch spec.completion(atArgument: position) {
                case .path: return .path(context.resolve(token.text), quoted: token.quoted)
                case .pathOrWords(let words) where token.quoted || !words.contains(token.text):
                    return .path(context.resolve(token.text), quoted: token.quoted)
                default: break
                }
            }
            return .text(ScenarioScript.word(token))
        }
    }
}

/// A command that takes no words after its name.
protocol CommandWithoutArguments: ShellCommand {
    init()
}

extension CommandWithoutArguments {
    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(0...0)
        self.init()
    }
}

/// A command that takes exactly one word after its name (`scenario use NAME`).
protocol CommandWithOneArgument: ShellCommand {
    init(argument: Token)
}

extension CommandWithOneArgument {
    init(parsing invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        self.init(argument: invocation.arguments[0])
    }
}

/// The file a writing command names, and whether it may replace one (`PATH [--force]`).
struct OutputPath: Sendable {
    let token: Token
    let force: Bool
    var path: String { token.text }

    init(_ invocation: Invocation) throws(CommandError) {
        try invocation.expectArguments(1...1)
        token = invocation.arguments[0]
        force = invocation.flag("force")
    }

    /// The path resolved as the command's other paths are, once the script fence lets the
    /// command write it.
    func resolve(in context: CommandContext) throws(CommandError) -> String {
        try context.resolve(token, for: .write(replacing: force))
    }

    /// Writes `bytes` to the path, resolved as the command's other paths are.
    func write(_ bytes: [UInt8], in context: CommandContext) throws {
        let resolved = try resolve(in: context)
        let fileSystem = context.session.fileSystem
        let existed = fileSystem.fileExists(resolved)
        try fileSystem.write(bytes, to: resolved, replace: force)
        if !existed { context.session.noteCreated(resolved) }
    }

    /// Writes an `.xlsx` workbook to the path: `fill` adds its sheets; libxlsxwriter writes it
    /// in the file-system port's private temporary folder and the port moves it into place.
    func writeWorkbook(title: String, in context: CommandContext, _ fill: (XlsxWorkbook) throws(RequestError) -> Void) throws {
        let resolved = try resolve(in: context)
        let fileSystem = context.session.fileSystem
        let existed = fileSystem.fileExists(resolved)
        try fileSystem.write(to: resolved, replace: force) { (produced: String) throws(RequestError) in
            let folder = String(produced[..<(produced.lastIndex(of: "/") ?? produced.startIndex)])
            let book = try XlsxWorkbook(path: produced, temporaryFolder: folder, target: resolved, title: title)
            try fill(book)
            try book.close()
        }
        if !existed { context.session.noteCreated(resolved) }
    }
}

/// What a running command reaches: the session, where the command came from, and the
/// invocation (for error columns).
struct CommandContext {
    let session: Session
    let invocation: Invocation
    let origin: CommandOrigin
    /// The whole line the command is part of, for carets in errors.
    let line: String
    let output: OutputSink

    var dataset: Dataset {
        get throws(RequestError) { try session.evaluator.requireDataset() }
    }

    var scenario: Scenario { session.scenario }

    /// Where relative paths are taken from: the script's folder inside scripts.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = session.environment.home {
            return home + String(path.dropFirst(1))
        }
        if case .script(let script, _, _) = origin {
            let absolute = script.hasPrefix("/") ? script : session.environment.workingDirectory + "/" + script
            return session.fileSystem.folder(of: absolute) + "/" + path
        }
        return session.environment.workingDirectory + "/" + path
    }

    /// The fence this command runs in: a script's (its outermost script's folder) or piped
    /// standard input's (the working directory); nil for commands the user typed (the prompt, `-c`).
    var fence: Fence? {
        let folder: String
        switch origin {
        case .interactive, .commandLine: return nil
        case .standardInput: folder = session.environment.workingDirectory
        case .script(let path, _, _):
            folder = session.outermostScriptFolder
                ?? session.fileSystem.folder(of: path.hasPrefix("/") ? path : session.environment.workingDirectory + "/" + path)
        }
        let fileSystem = session.fileSystem
        return Fence(
            folder: fileSystem.realPath(ofPossiblyMissing: folder), allowances: session.allowances,
            created: session.createdFiles, fileSystem: fileSystem)
    }

    /// `token`'s path resolved (`resolve`), once the fence, if any, lets this command reach it:
    /// the one check every path a command reads or writes goes through.
    func resolve(_ token: Token, for access: Fence.Access) throws(CommandError) -> String {
        let resolved = resolve(token.text)
        try check(resolved, for: access, at: token)
        return resolved
    }

    /// Checks an absolute path against the fence, if any; the refusal points at `token`.
    func check(_ resolved: String, for access: Fence.Access, at token: Token) throws(CommandError) {
        guard let fence else { return }
        do {
            try fence.check(resolved, access, command: invocation.spec.name)
        } catch {
            throw CommandError(error.message, column: token.column)
        }
    }

    func error(_ message: String, at token: Token? = nil) -> CommandError {
        invocation.error(message, at: token)
    }
}
