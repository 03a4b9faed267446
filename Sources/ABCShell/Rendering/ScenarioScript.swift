import ABCCore
import Foundation

/// The script `save` writes: it recreates the session's data and scenarios in a fresh shell.
enum ScenarioScript {
    /// A script that recreates the session in a fresh shell: the data, then every scenario
    /// (copies of a pristine base, so each lists all its settings), then base, then the
    /// current scenario.
    static func text(of session: Session, scriptFolder: String) -> String {
        let money = session.moneyFormatter()
        let scenarios = session.scenarios
        var lines = ["# abc scenario script: replay with `abc run FILE` or `run FILE` in the shell.", ""]
        if let load = session.loadRecord {
            let paths = load.paths.map { path in
                guard path != "sample" else { return path }
                let standard = URL(fileURLWithPath: path).standardizedFileURL.path
                return standard.hasPrefix(scriptFolder + "/") ? String(standard.dropFirst(scriptFolder.count + 1)) : standard
            }
            lines.append((["load"] + paths.map(Tokenizer.quote) + load.options).joined(separator: " "))
        }
        // What a scenario sets beyond the one it is copied from when the script replays it.
        func settings(_ s: Scenario, from parent: Scenario) -> [String] {
            var out: [String] = []
            if s.criteria != parent.criteria {
                out.append("set weights " + (s.criteria.map {
                    $0.map { "\($0.criterion.rawValue) \(exactWeight($0.weight))" }.joined(separator: " ")
                } ?? "default"))
            }
            if s.rule != parent.rule { out.append("set tiers " + s.rule.script) }
            if s.scaling != parent.scaling { out.append("set scaling " + s.scaling.rawValue) }
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
            out += levers.map { "lever " + LeverKinds.script($0, money: money) }
            return out
        }
        // Scenarios replay in creation order while base is still as a fresh session has it
        // (base's own settings come last), so a copy of base starts from the defaults and a
        // copy of another scenario from that scenario's final settings.
        let pristineBase = Scenario(name: "base")
        var replayed: [String: Scenario] = ["base": pristineBase]
        for s in scenarios.dropFirst() {
            let parentName = s.parent.flatMap { replayed[$0] != nil ? $0 : nil } ?? "base"
            lines.append("")
            lines.append("scenario new \(Tokenizer.quote(s.name)) from \(Tokenizer.quote(parentName))")
            lines += settings(s, from: replayed[parentName] ?? pristineBase)
            replayed[s.name] = s
        }
        let base = settings(scenarios[0], from: pristineBase)
        if !base.isEmpty {
            lines.append("")
            if scenarios.count > 1 { lines.append("scenario use base") }
            lines += base
        }
        if session.scenario.name != "base" { lines.append("scenario use \(Tokenizer.quote(session.scenario.name))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A weight written so it reads back as the same Double.
    private static func exactWeight(_ w: Double) -> String {
        let short = NumberFormatting.weight(w)
        return Double(short) == w ? short : "\(w)"
    }
}
