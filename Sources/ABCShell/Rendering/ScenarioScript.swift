import ABCCore
import ABCWarehouse
import Foundation

/// The scripts `save` writes: the session's commands in the order they ran, or
/// (`--scenarios-only`) the data and scenarios as they stand.
enum ScenarioScript {
    /// The version a saved script declares on its first line (`# abc 0.2`). Scripts without
    /// one were written before it: their levers placed customers by re-ranking.
    static let version = "0.2"
    static let versionLine = "# abc \(version)"
    /// The first line `save` wrote before scripts had a version line (abc 0.1).
    static let earlierHeader = "# abc scenario script"

    /// The session form: every successful command in the order it ran, one per line, as it
    /// was typed, paths relative to the script's folder; exports commented out unless
    /// `withExports`. `abc run` of it prints what the commands printed.
    static func session(of session: Session, scriptFolder: String, withExports: Bool) -> String {
        var lines = [versionLine, "# The commands of an abc session in the order they ran; replay with `abc run FILE` or `run FILE`."]
        let record = session.record
        if !withExports && record.contains(where: { $0.saved == .export }) {
            lines.append("# Exports are commented out; `save --with-exports` keeps them.")
        }
        lines.append("")
        for command in record {
            let text = line(command.words, scriptFolder: scriptFolder)
            lines.append(command.saved == .export && !withExports ? "# " + text : text)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The scenarios-only form: the data, base set up first, then every other scenario in
    /// creation order as a copy of its parent with what it sets beyond it, then the current
    /// scenario.
    static func scenarios(of session: Session, scriptFolder: String) -> String {
        var lines = [versionLine, "# The data and scenarios of an abc session (`save --scenarios-only`); replay with `abc run FILE` or `run FILE`.", ""]
        if let load = session.loadRecord {
            lines.append(line(loadWords(load), scriptFolder: scriptFolder))
        }
        for entry in scenarioEntries(of: session) {
            if entry.name == "base" {
                guard !entry.settings.isEmpty else { continue }
                lines += ["", "scenario use base"]
            } else {
                lines += ["", "scenario new \(Tokenizer.quote(entry.name)) from \(Tokenizer.quote(entry.parent ?? "base"))"]
            }
            lines += entry.settings
        }
        // `scenario new` switched to each copy in turn: the last one made is current now.
        let current = session.scenario.name
        if current != (session.scenarios.last?.name ?? "base") { lines.append("scenario use \(Tokenizer.quote(current))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each scenario in creation order, base first: the scenario it is copied from when a
    /// script replays it (nil for base) and the commands that set what it has beyond it. What
    /// `scenarios(of:)` writes, and what a workspace keeps per scenario.
    static func scenarioEntries(of session: Session) -> [(name: String, parent: String?, settings: [String])] {
        let money = session.moneyFormatter()
        let scenarios = session.scenarios
        func settings(_ s: Scenario, from parent: Scenario) -> [String] { settingLines(s, from: parent, money: money) }
        // Base first, set up explicitly from a fresh session's (a replay inside a shell with
        // scenarios of its own starts from a fresh base: `Session.replaceScenariosForReplay`);
        // then every other scenario as a copy of its parent as the script has made it.
        let base = scenarios[0]
        var entries = [(name: "base", parent: String?.none, settings: settings(base, from: Scenario(name: "base")))]
        var replayed: [String: Scenario] = ["base": base]
        for s in scenarios.dropFirst() {
            let parentName = s.parent.flatMap { replayed[$0] != nil ? $0 : nil } ?? "base"
            entries.append((s.name, parentName, settings(s, from: replayed[parentName] ?? base)))
            replayed[s.name] = s
        }
        return entries
    }

    /// What a scenario sets beyond the one it is copied from, as script lines (`set weights …`,
    /// `lever …`); from `Scenario(name: "base")` they make it from a fresh session.
    static func settingLines(_ s: Scenario, from parent: Scenario, money: (Int64) -> String) -> [String] {
        var out: [String] = []
        if s.criteria != parent.criteria {
            out.append("set weights " + (s.criteria.map {
                $0.map { "\($0.criterion.rawValue) \(exactWeight($0.weight))" }.joined(separator: " ")
            } ?? "default"))
        }
        if s.rule != parent.rule { out.append("set tiers " + s.rule.script) }
        if s.scaling != parent.scaling { out.append("set scaling " + s.scaling.rawValue) }
        if s.clv != parent.clv { out.append(SetCLVCommand.script(s.clv)) }
        out += SetPlaybookCommand.script(s.playbook, from: parent.playbook, money: money)
        if s.margin != parent.margin { out.append("set margin " + (s.margin.map { $0.text() } ?? "off")) }
        if s.period != parent.period || s.asOf != parent.asOf {
            // Lift the parent's as-of first: the new period may lie after it.
            if parent.asOf != nil { out.append("set asof off") }
            if s.period != parent.period { out.append("set period " + (s.period?.script ?? "all")) }
            if let asOf = s.asOf { out.append("set asof " + CivilDate.iso(asOf)) }
        }
        var levers = s.levers[...]
        if s.levers.starts(with: parent.levers) {
            levers = s.levers.dropFirst(parent.levers.count)
        } else {
            out.append("lever clear")
        }
        out += levers.map { "lever " + $0.script(money: money) }
        return out
    }

    /// The words of a `load` as `save` writes it: its files or patterns, then its options.
    static func loadWords(_ load: LoadRecord) -> [ScriptWord] {
        [.text("load")] + load.paths.map {
            $0 == "sample" ? .text($0) : PostgresURL.isPostgres($0) ? .text(Tokenizer.quote($0)) : .path($0, quoted: false)
        } + load.options.map(ScriptWord.text)
    }

    /// One command line of a script: paths relative to the script's folder when they lie
    /// inside it, absolute otherwise (always, when `scriptFolder` is empty).
    static func line(_ words: [ScriptWord], scriptFolder: String) -> String {
        words.map { word in
            switch word {
            case .text(let text): return text
            case .path(let path, let quoted):
                let standard = URL(fileURLWithPath: path).standardizedFileURL.path
                let inside = !scriptFolder.isEmpty && standard.hasPrefix(scriptFolder + "/")
                let relative = inside ? String(standard.dropFirst(scriptFolder.count + 1)) : standard
                return quoted ? quotedWord(relative) : Tokenizer.quote(relative)
            }
        }.joined(separator: " ")
    }

    /// A word as it reads back the same: unquoted as typed, quoted when it was quoted (a quoted
    /// word is never an option or a pattern).
    static func word(_ token: Token) -> String {
        token.quoted ? quotedWord(token.text) : token.text
    }

    /// `text` in quotes, whatever it holds: `'…'`, `"…"` when it holds `'`, and pieces of both
    /// joined when it holds both (`'it'"'"'s "x"'`).
    private static func quotedWord(_ text: String) -> String {
        if !text.contains("'") { return "'\(text)'" }
        if !text.contains("\"") { return "\"\(text)\"" }
        return text.split(separator: "'", omittingEmptySubsequences: false).map { "'\($0)'" }.joined(separator: "\"'\"")
    }

    /// A weight written so it reads back as the same Double.
    private static func exactWeight(_ w: Double) -> String {
        let short = NumberFormatting.weight(w)
        return Double(short) == w ? short : "\(w)"
    }
}
