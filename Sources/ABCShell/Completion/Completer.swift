import ABCCore

/// Tab completion from the command specs: command names, sub-commands, options, criterion
/// names, tiers, option values and file paths.
public final class Completer {
    let session: Session

    public init(session: Session) { self.session = session }

    /// The candidates for the word before the cursor (sorted; quoted where a name would split
    /// the command) and where that word starts, in UTF-8 bytes from the line's start.
    public func complete(line: String, cursorUTF8: Int) -> (replaceFromUTF8: Int, candidates: [String]) {
        let bytes = Array(line.utf8.prefix(cursorUTF8))
        // The current command starts after the last ';'.
        let commandStart = (bytes.lastIndex(of: UInt8(ascii: ";")).map { $0 + 1 }) ?? 0
        let before = String(decoding: bytes[commandStart...], as: UTF8.self)
        let wordStartInCommand = before.utf8.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }).map { before.utf8.distance(from: before.utf8.startIndex, to: $0) + 1 } ?? 0
        let wordStart = commandStart + wordStartInCommand
        let word = String(decoding: bytes[wordStart...], as: UTF8.self)
        let previous = String(decoding: bytes[commandStart..<wordStart], as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let candidates = self.candidates(previous: previous, word: word)
        // File names that need quoting are offered quoted (see `paths`).
        return (
            replaceFromUTF8: wordStart,
            candidates: candidates.filter { $0.hasPrefix(word) || $0.hasPrefix("'" + word) }.sorted())
    }

    func candidates(previous: [String], word: String) -> [String] {
        if previous.isEmpty {
            return Array(Set(CommandTable.all.map { $0.words[0] })) + ["exit"]
        }
        let lowered = previous.map { $0.lowercased() }
        // Sub-command of a multi-word command.
        if previous.count == 1 {
            let subs = CommandTable.subcommands(of: lowered[0])
            if !subs.isEmpty { return subs }
        }
        if lowered[0] == "help" {
            return previous.count == 1 ? Array(Set(CommandTable.all.map { $0.words[0] })) : CommandTable.subcommands(of: lowered[1])
        }
        guard let (command, nameWords) = CommandTable.lookup(previous) else { return [] }
        let spec = command.spec
        if word.hasPrefix("--") { return spec.options.map { "--" + $0.name } }
        // The value of an option?
        if let last = previous.last, last.hasPrefix("--"), let option = spec.option(named: String(last.dropFirst(2))), option.value != nil {
            return values(for: option.completion, word: word)
        }
        // Position among the positional arguments.
        var position = 0
        var i = nameWords
        while i < previous.count {
            if previous[i].hasPrefix("--") {
                if let option = spec.option(named: String(previous[i].dropFirst(2))), option.value != nil { i += 1 }
            } else {
                position += 1
            }
            i += 1
        }
        return values(for: spec.completion(atArgument: position), word: word)
    }

    func values(for completion: CommandSpec.Completion, word: String) -> [String] {
        switch completion {
        case .none: return []
        case .words(let words): return words
        case .criterion: return Criterion.allCases.map(\.rawValue) + ["frequency", "loyalty"]
        case .tier: return Array(TieringRule.tierNames.prefix(session.scenario.rule.tierCount))
        case .path: return paths(matching: word)
        case .pathOrWords(let words): return paths(matching: word) + words
        case .scenario: return session.scenarios.map(\.name)
        case .attribute: return session.evaluator.dataset?.attributes.map(\.name) ?? []
        }
    }

    /// Files and folders starting with `word` (folders end in `/`).
    func paths(matching word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folderPart = slash.map { String(word[...$0]) } ?? ""
        var folder = folderPart.isEmpty ? session.environment.workingDirectory : folderPart
        if folder.hasPrefix("~/"), let home = session.environment.home { folder = home + folder.dropFirst(1) }
        if !folder.hasPrefix("/") { folder = session.environment.workingDirectory + "/" + folder }
        let fileSystem = session.fileSystem
        guard let entries = fileSystem.names(inFolder: folder) else { return [] }
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        return entries.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.map { name in
            if fileSystem.entry(at: folder + "/" + name).isDirectory { return folderPart + name + "/" }
            // A file name with blanks, `;`, `#` or quotes would split the command: quote it.
            let path = folderPart + name
            return path.contains(where: { " \t;#'\"".contains($0) }) ? Tokenizer.quote(path) : path
        }
    }
}
