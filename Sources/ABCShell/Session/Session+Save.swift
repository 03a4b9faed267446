import ABCCore
import Foundation

extension Session {
    func save(_ context: CommandContext) throws -> [Block] {
        try context.expectArguments(1...1, usage: "save PATH [--force]")
        let given = context.arguments[0].text
        let path = context.resolve(given, base: environment.workingDirectory)
        let script = sessionScript(scriptFolder: URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path)
        try AtomicFile.write(Array(script.utf8), to: path, replace: context.invocation.flag("force"))
        return [.text("Saved \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s") to \(given)")]
    }

    /// A script that recreates the session in a fresh shell: the data, then every scenario
    /// (copies of a pristine base, so each lists all its settings), then base, then the
    /// current scenario.
    func sessionScript(scriptFolder: String) -> String {
        let money = moneyFormatter()
        var lines = ["# abc scenario script: replay with `abc run FILE` or `run FILE` in the shell.", ""]
        if let load = loadCommand {
            var path = load.path
            if path != "sample" {
                let standard = URL(fileURLWithPath: path).standardizedFileURL.path
                path = standard.hasPrefix(scriptFolder + "/") ? String(standard.dropFirst(scriptFolder.count + 1)) : standard
            }
            lines.append((["load", Tokenizer.quote(path)] + load.options).joined(separator: " "))
        }
        func settings(_ s: Scenario) -> [String] {
            var out: [String] = []
            if let criteria = s.criteria {
                out.append("set weights " + criteria.map { "\($0.criterion.rawValue) \(exactWeight($0.weight))" }.joined(separator: " "))
            }
            if s.rule != .standard { out.append("set tiers " + s.rule.description) }
            out += s.levers.map { "lever " + $0.script(money: money) }
            return out
        }
        for s in scenarios.dropFirst() {
            lines.append("")
            lines.append("scenario new \(Tokenizer.quote(s.name)) from base")
            lines += settings(s)
        }
        let base = settings(scenarios[0])
        if !base.isEmpty || scenarios.count > 1 {
            lines.append("")
            if scenarios.count > 1 { lines.append("scenario use base") }
            lines += base
        }
        if currentScenarioName != "base" { lines.append("scenario use \(Tokenizer.quote(currentScenarioName))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A weight written so it reads back as the same Double.
    private func exactWeight(_ w: Double) -> String {
        let short = NumberFormatting.weight(w)
        return Double(short) == w ? short : "\(w)"
    }
}
