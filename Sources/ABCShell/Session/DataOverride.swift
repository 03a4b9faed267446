import ABCCore
import Foundation

/// `abc run SCRIPT… --data [N=]FILE [LOAD OPTIONS]`: a file (or pattern) that replaces one
/// `load` of the scripts — the Nth to run, or without N the scripts' only one — and, when
/// load options follow it, options that replace that load's own.
public struct DataOverride: Sendable {
    /// Which load it replaces, counted from 1 in the order the loads run; nil: the only one.
    public let loadNumber: Int?
    /// The file or pattern as given, relative to the working directory; it names the data.
    public let path: String
    /// The load options given after it, as given; empty: the load keeps its own.
    public let options: [String]
    /// How it was given, for messages: `--data q4.csv --sep semicolon`.
    public let text: String
    /// The load these words make, checked when they were parsed.
    let load: LoadCommand

    /// Splits `abc run`'s arguments into the scripts and the data overrides, checking each
    /// override's load options as `load` would.
    public static func parse(_ arguments: [String]) throws(Diagnostic) -> (scripts: [String], overrides: [DataOverride]) {
        var scripts: [String] = []
        var overrides: [DataOverride] = []
        var pending: (value: String, options: [String])?
        func finish() throws(Diagnostic) {
            if let p = pending { overrides.append(try DataOverride(value: p.value, options: p.options)) }
            pending = nil
        }
        var i = 0
        func next(_ what: String) throws(Diagnostic) -> String {
            i += 1
            guard i < arguments.count else { throw Diagnostic(what) }
            return arguments[i]
        }
        while i < arguments.count {
            let word = arguments[i]
            if word == "--data" || word.hasPrefix("--data=") {
                try finish()
                let value = word == "--data" ? try next("--data needs a file: --data FILE or --data N=FILE") : String(word.dropFirst("--data=".count))
                pending = (value, [])
            } else if word.hasPrefix("--") && word.count > 2 {
                let name = String(word.dropFirst(2).prefix { $0 != "=" })
                guard var p = pending else {
                    throw Diagnostic("unknown option '\(word)' for 'abc run' (load options go after --data FILE)")
                }
                guard let option = LoadCommand.spec.option(named: name) else {
                    var message = "unknown load option '--\(name)' after --data \(p.value)"
                    if let near = NearestName.suggestion(for: name, among: LoadCommand.spec.options.map(\.name)) {
                        message += "; did you mean '--\(near)'?"
                    }
                    throw Diagnostic(message)
                }
                p.options.append(word)
                if option.value != nil && !word.contains("=") {
                    p.options.append(try next("option '--\(name)' after --data \(p.value) needs a value (\(option.value ?? ""))"))
                }
                pending = p
            } else {
                try finish()
                scripts.append(word)
            }
            i += 1
        }
        try finish()
        return (scripts, overrides)
    }

    /// `N=FILE` or `FILE`, then load options (each option's value a word of its own).
    init(value: String, options: [String]) throws(Diagnostic) {
        var path = value
        var number: Int?
        if let eq = value.firstIndex(of: "="), let n = Int(value[..<eq]) {
            guard n >= 1 else { throw Diagnostic("--data \(value): loads are counted from 1") }
            number = n
            path = String(value[value.index(after: eq)...])
        }
        guard !path.isEmpty else { throw Diagnostic("--data needs a file: --data FILE or --data N=FILE") }
        // The words as a `load` reads them, with the columns they have in `text`, so an error
        // points at the word in `--data q4.csv --sep x`.
        var text = "--data " + Tokenizer.quote(value)
        var tokens = [Token("load", column: 1), Token(path, column: text.count - Tokenizer.quote(path).count + 1)]
        var valueNext = false
        for word in options {
            text += " "
            let shown = Tokenizer.quote(word)
            // A value is never an option (`--customer --id`): it reads as a quoted word.
            tokens.append(Token(word, column: text.count + 1, quoted: valueNext))
            text += shown
            valueNext = !valueNext && !word.contains("=")
                && (LoadCommand.spec.option(named: String(word.dropFirst(2)))?.value != nil)
        }
        do {
            load = try LoadCommand(parsing: Invocation.parse(tokens))
        } catch {
            throw Diagnostic(error.message, at: SourceLocation(file: "<command-line>", line: 1, column: error.column), sourceLine: text)
        }
        loadNumber = number
        self.path = path
        self.options = options
        self.text = text
    }

    /// The load to type when the scripts load nothing themselves: `load FILE OPTIONS`.
    var loadLine: String {
        (["load", Tokenizer.quote(path)] + options.map { $0.hasPrefix("--") ? $0 : ScenarioScript.word(Token($0, column: 1, quoted: true)) })
            .joined(separator: " ")
    }
}

extension Session {
    /// `abc run SCRIPT… --data …`: checks `overrides` against the loads of `scripts` (in the
    /// order they would run, nested `run`s included) and sets them up. When the scripts load
    /// nothing (they work on whatever is loaded), `--data FILE` is loaded first: the line to
    /// run for that is returned.
    public func replaceLoads(of scripts: [String], with overrides: [DataOverride]) throws(Diagnostic) -> String? {
        guard !overrides.isEmpty else { return nil }
        var visited = Set<String>()
        let count = scripts.reduce(0) { total, script in
            let path = script.hasPrefix("/") ? script : environment.workingDirectory + "/" + script
            return total + loadCount(ofScript: path, visited: &visited)
        }
        var seen = Set<Int>()
        for override in overrides {
            let number = override.loadNumber ?? 1
            if !seen.insert(number).inserted { throw Diagnostic("--data is given twice for load \(number)") }
            if override.loadNumber == nil && (count > 1 || overrides.count > 1) {
                throw Diagnostic(
                    "the scripts load data \(count) times: say which load \(override.text) replaces with --data N=FILE "
                        + "(N = 1 for the first load to run, 2 for the second…)")
            }
            if let n = override.loadNumber, n > count {
                throw Diagnostic("\(override.text): the scripts load data \(count == 0 ? "nowhere" : count == 1 ? "once" : "\(count) times"); there is no load \(n)")
            }
        }
        if count == 0, let only = overrides.first { return only.loadLine }
        dataOverrides = overrides
        loadsRun = 0
        return nil
    }

    /// The `load`s a script would run, its nested `run`s' included (each script once); a
    /// nested script the fence would not let it run is not read (its `run` fails anyway).
    private func loadCount(ofScript path: String, visited: inout Set<String>, fence: Fence? = nil) -> Int {
        let canonical = fileSystem.canonicalPath(path)
        guard visited.insert(canonical).inserted, let lines = try? scriptLines(displayPath: path, resolvedPath: path) else { return 0 }
        let folder = fileSystem.folder(of: canonical)
        let fence = fence ?? Fence(
            folder: fileSystem.realPath(ofPossiblyMissing: fileSystem.folder(of: path)), allowances: allowances,
            created: createdFiles, fileSystem: fileSystem)
        var count = 0
        for (command, tokens) in Self.commands(in: lines) {
            if ObjectIdentifier(command) == ObjectIdentifier(LoadCommand.self) { count += 1 }
            if ObjectIdentifier(command) == ObjectIdentifier(RunCommand.self), tokens.count == 2 {
                let target = tokens[1].text
                let nested = target.hasPrefix("/") ? target : folder + "/" + target
                guard (try? fence.check(nested, .runScript, command: "run")) != nil else { continue }
                count += loadCount(ofScript: nested, visited: &visited, fence: fence)
            }
        }
        return count
    }
}
