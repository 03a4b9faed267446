import ABCCore
import Foundation

extension Session {
    /// Runs a script file: `abc run SCRIPT`. Stops at the first error; false when one happened.
    public func runScript(path: String, output: OutputSink) -> Bool {
        do {
            try runScriptFile(displayPath: path, resolvedPath: path, output: output)
            return true
        } catch let diagnostic as Diagnostic {
            output.report(diagnostic)
            return false
        } catch {
            return false
        }
    }

    /// Runs lines that are not a script file (standard input that is not a terminal).
    /// Stops at the first error; false when one happened.
    public func runLines(_ lines: [String], output: OutputSink) -> Bool {
        for (number, line, _) in Self.logicalLines(lines) {
            if !execute(line, origin: .standardInput(line: number), output: output) { return false }
            if quitRequested { break }
        }
        return true
    }

    /// Runs the commands of a script file, fenced against running itself.
    ///
    /// A script the session runs itself (`abc run`, or a `run` typed or saved) replaces the
    /// session's scenarios when it brings its own: when it is a saved script (its version line)
    /// and the shell has scenarios beyond a fresh base, or when it makes a scenario the shell
    /// already has. It then starts from a fresh base and one line says so. A script from before
    /// `ScenarioScript.version` whose levers place customers differently now gets one note.
    func runScriptFile(displayPath: String, resolvedPath: String, output: OutputSink) throws {
        let canonical = fileSystem.canonicalPath(resolvedPath)
        if scriptStack.contains(canonical) {
            let chain = (scriptStack + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
            throw Diagnostic("script runs itself: \(chain.joined(separator: " → "))")
        }
        // Scripts running scripts each take stack: refused past a depth, as sqlite3's `.read` is.
        if scriptStack.count >= Self.nestingLimit { throw Diagnostic("input nesting limit (\(Self.nestingLimit)) reached") }
        let lines = try scriptLines(displayPath: displayPath, resolvedPath: resolvedPath)
        let commands = Self.commands(in: lines)
        let name = URL(fileURLWithPath: resolvedPath).lastPathComponent
        var notes: [String] = []
        let version = Self.version(of: lines)
        // An earlier abc's saved script: an older version line, or none under the header that
        // `save` wrote before version lines (a script written by hand is not from an earlier abc).
        let savedBefore = version == nil && lines.first.map { $0.hasPrefix(ScenarioScript.earlierHeader) } == true
        if !oldScriptNoted, version.map({ $0.lexicographicallyPrecedes(Self.currentVersion) }) ?? savedBefore,
           commands.contains(where: { $0.command.spec.words[0] == "lever" }) {
            oldScriptNoted = true
            notes.append(
                "note: \(name) is from an earlier abc (no `\(ScenarioScript.versionLine)` line): its levers now place "
                    + "customers against the tier boundaries before the levers (docs/levers.md, \"Placing customers "
                    + "after the levers\"), so its projected tiers may differ from when it was written")
        }
        if depth <= 1 {
            let fresh = [Scenario(name: "base")]
            let makes = Set(commands.filter { ObjectIdentifier($0.command) == ObjectIdentifier(ScenarioNewCommand.self) }.compactMap { $0.tokens.dropFirst(2).first?.text })
            if (version != nil && scenarios != fresh) || scenarios.contains(where: { makes.contains($0.name) }) {
                let names = scenarios.map(\.name).joined(separator: ", ")
                if keepsScenariosInWorkspace {
                    let copies = resetScenariosKeepingCopies()
                    notes.append("\(name) replaces this shell's scenarios (\(names)); the workspace keeps them as \(copies.joined(separator: ", "))")
                } else {
                    notes.append("\(name) replaces this shell's scenarios (\(names))" + (depth == 1 ? "; `undo` brings them back" : ""))
                    resetScenarios()
                }
            }
        }
        // Notes beside the output (stderr), so a replay's output stays what its commands print.
        for note in notes { output.note(note + "\n") }
        if scriptStack.isEmpty {
            let absolute = resolvedPath.hasPrefix("/") ? resolvedPath : environment.workingDirectory + "/" + resolvedPath
            outermostScriptFolder = fileSystem.folder(of: absolute)
        }
        scriptStack.append(canonical)
        defer { scriptStack.removeLast() }
        for (number, line, continuations) in Self.logicalLines(lines) {
            let origin = CommandOrigin.script(path: displayPath, line: number, continuations: continuations)
            if !execute(line, origin: origin, output: output) {
                throw AlreadyReported()
            }
            if quitRequested { return }
        }
    }

    /// A script file's lines: UTF-8, a byte order mark skipped, LF or CRLF.
    func scriptLines(displayPath: String, resolvedPath: String) throws(Diagnostic) -> [String] {
        guard let data = fileSystem.contents(of: resolvedPath) else {
            throw Diagnostic(fileSystem.fileExists(resolvedPath) ? "cannot read script '\(displayPath)'" : "no script '\(displayPath)'")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a byte order mark
        // "\r\n" is one Character in Swift: split on scalars so CRLF scripts work too.
        return text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            let line = String(String.UnicodeScalarView($0))
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
    }

    /// Scripts a script may run inside one another (sqlite3's limit for `.read`).
    static let nestingLimit = 64

    static let currentVersion = ScenarioScript.version.split(separator: ".").compactMap { Int($0) }

    /// The version a script declares on its first line (`# abc 0.2` → [0, 2]); nil without one.
    static func version(of lines: [String]) -> [Int]? {
        guard let first = lines.first?.trimmingCharacters(in: .whitespaces), first.hasPrefix("# abc ") else { return nil }
        let parts = first.dropFirst("# abc ".count).split(separator: ".").map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return parts.compactMap { $0 }
    }

    /// The commands a script's lines name, looked up without running them (a line that does
    /// not parse is left out: running it reports it).
    static func commands(in lines: [String]) -> [(command: any ShellCommand.Type, tokens: [Token])] {
        logicalLines(lines).flatMap { _, line, _ -> [(command: any ShellCommand.Type, tokens: [Token])] in
            guard let commands = try? Tokenizer.commands(in: line) else { return [] }
            return commands.compactMap { tokens in
                CommandTable.lookup(tokens.map { $0.quoted ? "\u{0}" : $0.text }).map { ($0.command, tokens) }
            }
        }
    }

    /// Joins lines ending in a backslash with the next; each logical line keeps its first line
    /// number and the (1-based) columns where its further physical lines begin.
    static func logicalLines(_ lines: [String]) -> [(Int, String, [Int])] {
        var result: [(Int, String, [Int])] = []
        var pending: (Int, String, [Int])?
        for (index, line) in lines.enumerated() {
            let continued = line.hasSuffix("\\")
            let part = continued ? String(line.dropLast()) : line
            if var p = pending {
                p.2.append(p.1.count + 1)
                p.1 += part
                pending = p
            } else {
                pending = (index + 1, part, [])
            }
            if !continued {
                result.append(pending!)
                pending = nil
            }
        }
        if let p = pending { result.append(p) }
        return result
    }
}
