import ABCCore

/// Tab completion from the command specs: command names, sub-commands, options, and each
/// argument's hint (`CommandSpec.Completion`): criteria, tiers, scenarios, file paths, a
/// setting's words and values, lever fields, customer attributes.
public final class Completer {
    /// What Tab offers for the word before the cursor.
    public struct Result: Sendable, Equatable {
        /// Where the word starts, in UTF-8 bytes from the line's start; the bytes from here to
        /// the cursor are replaced.
        public var replaceFromUTF8: Int
        /// The words that replace it, sorted; quoted where a word would split the command (a
        /// quote the word opened is kept, and closed unless the word is a folder).
        public var candidates: [String]
        /// Each candidate as listed when there are several: a path's last component (folders
        /// with `/`), never quoted, as bash lists them.
        public var listed: [String]
    }

    /// One value a hint offers, before quoting.
    struct Candidate: Hashable {
        var value: String
        /// How it is listed (a path's last component).
        var listed: String
        /// A folder: the quote stays open and no blank follows.
        var isFolder = false

        init(_ value: String, listed: String? = nil, isFolder: Bool = false) {
            self.value = value
            self.listed = listed ?? value
            self.isFolder = isFolder
        }
    }

    /// What the words typed so far said, for the hints that depend on them.
    struct Context: Equatable {
        /// The words of a setting (`lever`, `1`, `adoption`).
        var setting: [String] = []
        /// The lever number typed for a `leverNumber` hint.
        var lever: String?
        /// The field typed for a `leverField` hint.
        var field: String?
        /// The attribute typed for an `attribute` hint.
        var attribute: String?
    }

    let session: Session

    public init(session: Session) { self.session = session }

    /// The candidates for the word before the cursor and where that word starts.
    public func complete(line: String, cursorUTF8: Int) -> Result {
        guard let partial = PartialCommand(line: line, cursorUTF8: cursorUTF8) else {
            return Result(replaceFromUTF8: cursorUTF8, candidates: [], listed: [])
        }
        var seen = Set<String>()
        var found: [(text: String, listed: String)] = []
        for candidate in candidates(previous: partial.words, word: partial.word)
        where candidate.value.hasPrefix(partial.word) {
            guard let text = Self.written(candidate, quote: partial.quote), seen.insert(text).inserted else { continue }
            found.append((text, candidate.listed))
        }
        found.sort { $0.text < $1.text }
        return Result(replaceFromUTF8: partial.wordStart, candidates: found.map(\.text), listed: found.map(\.listed))
    }

    /// `candidate` as typed on the command line: in the quote the word opened, or quoted when
    /// it would not read back as one word; nil when it cannot be written in that quote.
    static func written(_ candidate: Candidate, quote: Character?) -> String? {
        let value = candidate.value
        let q: Character
        if let quote {
            guard !value.contains(quote) else { return nil }
            q = quote
        } else if Tokenizer.quote(value) != value {
            q = value.contains("'") ? "\"" : "'"
            if value.contains(q) { return nil }
        } else {
            return value
        }
        return String(q) + value + (candidate.isFolder ? "" : String(q))
    }

    func candidates(previous: [String], word: String) -> [Candidate] {
        func words(_ list: [String]) -> [Candidate] { list.map { Candidate($0) } }
        if previous.isEmpty {
            return words(Array(Set(CommandTable.all.map { $0.words[0] })) + ["exit"])
        }
        let lowered = previous.map { $0.lowercased() }
        // Sub-command of a multi-word command.
        if previous.count == 1 {
            let subs = CommandTable.subcommands(of: lowered[0])
            if !subs.isEmpty { return words(subs) }
        }
        if lowered[0] == "help" {
            return words(previous.count == 1 ? Array(Set(CommandTable.all.map { $0.words[0] })) : CommandTable.subcommands(of: lowered[1]))
        }
        guard let (command, nameWords) = CommandTable.lookup(previous) else { return [] }
        let spec = command.spec
        if word.hasPrefix("--") { return words(spec.options.map { "--" + $0.name }) }
        // The value of an option?
        if let last = previous.last, last.hasPrefix("--"), let option = spec.option(named: String(last.dropFirst(2))), option.value != nil {
            return values(for: option.completion, context: Context(), word: word)
        }
        // The positional arguments typed so far, without the options and their values.
        var arguments: [String] = []
        var i = nameWords
        while i < previous.count {
            if previous[i].hasPrefix("--") {
                if let option = spec.option(named: String(previous[i].dropFirst(2))), option.value != nil { i += 1 }
            } else {
                arguments.append(previous[i])
            }
            i += 1
        }
        if spec.words.first == "lever", LeverKinds.all.contains(where: { $0.spec.words == spec.words }) {
            let (rest, inside) = leverFilter(arguments)
            if let inside { return inside }
            let (hint, context) = Self.hint(after: rest, in: spec)
            // Right after the tier (or a clause): a `where` clause may come.
            return values(for: hint, context: context, word: word) + (rest.count == 1 ? words(["where"]) : [])
        }
        let (hint, context) = Self.hint(after: arguments, in: spec)
        return values(for: hint, context: context, word: word)
    }

    /// A lever's `where` clauses after its tier (docs/levers.md#levers-on-groups): the candidates
    /// when the word is inside one (a group or attribute, `=`, the attribute's values), else the
    /// arguments without the clauses, for the lever's own hints.
    private func leverFilter(_ arguments: [String]) -> (rest: [String], inside: [Candidate]?) {
        guard arguments.count >= 1 else { return (arguments, nil) }
        func words(_ list: [String]) -> [Candidate] { list.map { Candidate($0) } }
        var i = 1
        while i < arguments.count, arguments[i].lowercased() == "where" {
            guard i + 1 < arguments.count else { return ([], words(PlaybookGroup.allCases.map(\.rawValue) + session.attributeNames)) }
            let name = arguments[i + 1]
            let isGroup = PlaybookGroup(rawValue: name.lowercased()) != nil && (i + 2 >= arguments.count || arguments[i + 2] != "=")
            if isGroup || name.contains("=") {
                i += 2
                continue
            }
            guard i + 2 < arguments.count else { return ([], words(["="])) }
            guard i + 3 < arguments.count else { return ([], words(session.attributeValues(of: name))) }
            i += 4
        }
        return ([arguments[0]] + arguments[i...], nil)
    }

    /// What the argument after `arguments` completes with, and what those words said: the
    /// spec's hints in order (the last repeats, or with `completionCycles` the whole list), a
    /// `choice` or `setting` continuing with the hints of the word typed for it.
    static func hint(after arguments: [String], in spec: CommandSpec) -> (CommandSpec.Completion, Context) {
        let hints = spec.argumentCompletion
        var context = Context()
        // Hints a choice or setting put before the spec's next ones; whether they are a setting's.
        var pending: [(hint: CommandSpec.Completion, inSetting: Bool)] = []
        var position = 0
        func next() -> (hint: CommandSpec.Completion, inSetting: Bool) {
            if !pending.isEmpty { return pending.removeFirst() }
            guard !hints.isEmpty else { return (.none, false) }
            defer { position += 1 }
            return (spec.completionCycles ? hints[position % hints.count] : hints[min(position, hints.count - 1)], false)
        }
        for word in arguments {
            let (hint, inSetting) = next()
            if inSetting { context.setting.append(word) }
            switch hint {
            case .choice(let branches):
                guard let branch = branches.first(where: { $0.word.lowercased() == word.lowercased() }) else { return (.none, context) }
                pending.insert(contentsOf: branch.then.map { ($0, inSetting) }, at: 0)
            case .setting:
                context.setting = [word]
                guard let then = Setting.completion[word.lowercased()] else { return (.none, context) }
                pending.insert(contentsOf: then.map { ($0, true) }, at: 0)
            case .leverNumber: context.lever = word
            case .leverField: context.field = word
            case .attribute: context.attribute = word
            default: break
            }
        }
        return (next().hint, context)
    }

    func values(for completion: CommandSpec.Completion, context: Context, word: String) -> [Candidate] {
        func words(_ list: [String]) -> [Candidate] { list.map { Candidate($0) } }
        let scenario = session.scenario
        switch completion {
        case .none: return []
        case .words(let list): return words(list)
        case .choice(let branches): return words(branches.map(\.word))
        case .setting: return words(Setting.completion.keys.sorted())
        case .criterion: return words(Criterion.allCases.map(\.rawValue) + ["frequency", "loyalty"])
        case .tier: return words(Array(TieringRule.tierNames.prefix(scenario.rule.tierCount)))
        case .path: return paths(matching: word)
        case .pathOrWords(let list): return paths(matching: word) + words(list)
        case .scenario: return words(session.scenarios.map(\.name))
        case .snapshot: return words(session.snapshotNames)
        case .leverNumber: return words(scenario.levers.indices.map { String($0 + 1) })
        case .leverField: return words(typedLever(context).map { $0.kind.fields.map(\.name) } ?? [])
        case .leverFieldValue:
            guard let (lever, kind) = typedLever(context), let name = context.field?.lowercased(),
                  let field = kind.fields.first(where: { $0.name == name }), let value = field.read(lever) else { return [] }
            return [Candidate(value.formatted(field.unit))]
        case .settingBound(let bound):
            guard let setting = setting(context) else { return [] }
            return [Candidate(setting.format(bound == .lowest ? setting.range.lowerBound : setting.range.upperBound))]
        case .settingRange:
            guard let setting = setting(context) else { return [] }
            return [Candidate(setting.format(setting.range.lowerBound) + ".." + setting.format(setting.range.upperBound))]
        case .attribute: return words(session.attributeNames)
        case .attributeValue: return words(context.attribute.map { session.attributeValues(of: $0) } ?? [])
        }
    }

    /// The current scenario's lever numbered in `context`, and its kind.
    private func typedLever(_ context: Context) -> (lever: Lever, kind: any LeverKind.Type)? {
        let levers = session.scenario.levers
        guard let text = context.lever, let n = Int(text), n >= 1, n <= levers.count else { return nil }
        return (levers[n - 1].lever, LeverKinds.kind(of: levers[n - 1].lever))
    }

    /// The setting `context` names in the current scenario, when it names one.
    private func setting(_ context: Context) -> Setting? {
        guard let dataset = session.dataset, context.setting.count >= 2 else { return nil }
        let tokens = context.setting.map { Token($0, column: 1) }
        let words = Setting.Words(kind: tokens[0], what: tokens[1], field: tokens.count > 2 ? tokens[2] : nil)
        return try? Setting.resolve(words, scenario: session.scenario, dataset: dataset)
    }

    /// Files and folders starting with `word` (folders end in `/`), listed by their names.
    func paths(matching word: String) -> [Candidate] {
        let slash = word.lastIndex(of: "/")
        let folderPart = slash.map { String(word[...$0]) } ?? ""
        var folder = folderPart.isEmpty ? session.environment.workingDirectory : folderPart
        if folder.hasPrefix("~/"), let home = session.environment.home { folder = home + folder.dropFirst(1) }
        if !folder.hasPrefix("/") { folder = session.environment.workingDirectory + "/" + folder }
        let fileSystem = session.fileSystem
        guard let entries = fileSystem.names(inFolder: folder) else { return [] }
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        return entries.filter { $0.hasPrefix(prefix) && (!$0.hasPrefix(".") || prefix.hasPrefix(".")) }.map { name in
            fileSystem.entry(at: folder + "/" + name).isDirectory
                ? Candidate(folderPart + name + "/", listed: name + "/", isFolder: true)
                : Candidate(folderPart + name, listed: name)
        }
    }
}

/// The command the cursor is in, read as the tokenizer reads it up to the cursor: the words
/// before the one being typed, and that word without its quotes.
struct PartialCommand {
    /// The words before the current one, unquoted.
    var words: [String] = []
    /// The current word as typed so far, without quotes.
    var word = ""
    /// Where the current word starts (its opening quote included), in UTF-8 bytes.
    var wordStart = 0
    /// The quote the current word is still inside.
    var quote: Character?

    /// Nil inside a comment (nothing to complete).
    init?(line: String, cursorUTF8: Int) {
        let text = String(decoding: line.utf8.prefix(max(0, cursorUTF8)), as: UTF8.self)
        var inWord = false
        var offset = 0
        wordStart = text.utf8.count
        for character in text {
            defer { offset += character.utf8.count }
            if let q = quote {
                if character == q { quote = nil } else { word.append(character) }
                continue
            }
            switch character {
            case " ", "\t", "\r", "\n", ";":
                if inWord { words.append(word) }
                if character == ";" { words = [] }
                word = ""
                inWord = false
            case "#" where !inWord:
                return nil
            case "'", "\"":
                if !inWord { inWord = true; wordStart = offset }
                quote = character
            default:
                if !inWord { inWord = true; wordStart = offset }
                word.append(character)
            }
        }
        if !inWord { wordStart = text.utf8.count }
    }
}
