import ABCCore
import ABCWorkspace
import Foundation

/// Scenarios that survive: with a writable workspace open, the scenarios, the current one and
/// the last load are written to it after every command that changes them (one transaction
/// each; docs/workspace.md#scenarios-that-survive), and opening it again restores them.
extension Session {
    /// Writes the scenarios to the open workspace, when it is writable and this shell's.
    /// A write refused because another shell wrote since is told once; nothing is overwritten.
    func keepScenariosInWorkspace(output: OutputSink) {
        guard var open = workspace, open.readOnlyReason == nil, !isRestoringScenarios else { return }
        func warnOnce(_ message: String) {
            if !open.scenarioWarningGiven { output.note("warning: \(message)\n") }
            open.scenarioWarningGiven = true
            workspace = open
        }
        guard let expected = open.scenarioRevision else {
            return warnOnce("workspace '\(open.shown)' holds the scenarios of another session, so this shell's are not kept "
                + "there: open it in a fresh shell (abc --workspace \(open.shown)) to restore them, or `save FILE.abc` to keep these")
        }
        let stored = ScenarioScript.scenarioEntries(of: self).map {
            StoredScenario(name: $0.name, parent: $0.parent, script: $0.settings.map { $0 + "\n" }.joined())
        }
        let load = loadRecord.map { ScenarioScript.line(ScenarioScript.loadWords($0), scriptFolder: "") }
        let files = dataFiles
        let stamp = FileStamp.of(files)
        let session = StoredSession(
            currentScenario: scenario.name, load: load, datasetPaths: files, datasetBytes: stamp?.bytes, datasetHash: stamp?.stamp)
        do {
            open.scenarioRevision = try open.store.saveScenarios(stored, session: session, expectedRevision: expected, now: environment.now())
            workspace = open
        } catch let conflict as ScenarioConflict {
            warnOnce("workspace '\(open.shown)': \(conflict.message). This shell keeps its scenarios: `save FILE.abc "
                + "--scenarios-only` keeps them, `workspace open \(open.shown)` takes the workspace's")
        } catch {
            warnOnce("the scenarios could not be kept in workspace '\(open.shown)': \(error)")
        }
    }

    /// After `workspace open`: restores what the workspace keeps when this shell has no
    /// scenarios of its own; what to print. A data file that changed since (size or time) is
    /// not loaded, and said so.
    func restoreScenariosFromWorkspace() -> [String] {
        guard var open = workspace else { return [] }
        let stored: StoredScenarios
        do { stored = try open.store.storedScenarios() } catch { return ["note: the workspace's scenarios could not be read: \(error.message)"] }
        guard stored.revision > 0, let row = stored.session else {
            open.scenarioRevision = stored.revision
            workspace = open
            return []
        }
        let fresh = scenarios == [Scenario(name: "base")]
        guard fresh else {
            open.scenarioRevision = nil
            workspace = open
            let names = stored.scenarios.map(\.name).joined(separator: ", ")
            return ["note: workspace '\(open.shown)' keeps the scenarios of another session (\(names)); this shell has its own, "
                + "so they are left as they are: open it in a fresh shell to restore them"]
        }
        var lines: [String] = []
        var notes: [String] = []
        if let load = row.load {
            if row.datasetPaths.isEmpty || FileStamp.of(row.datasetPaths)?.stamp == row.datasetHash {
                lines.append(load)
            } else {
                notes.append("note: '\(row.datasetPaths.joined(separator: "', '"))' changed since the workspace kept it (size or time): "
                    + "not loaded; load it again")
            }
        }
        for scenario in stored.scenarios {
            if scenario.name == "base" {
                lines.append("scenario use base")
            } else {
                lines.append("scenario new \(Tokenizer.quote(scenario.name)) from \(Tokenizer.quote(scenario.parent ?? "base"))")
            }
            lines += scenario.script.split(separator: "\n").map(String.init)
        }
        lines.append("scenario use \(Tokenizer.quote(row.currentScenario))")
        isRestoringScenarios = true
        let failed = restore(lines.joined(separator: "\n"), reportingErrorsTo: nil)
        isRestoringScenarios = false
        open.scenarioRevision = stored.revision
        workspace = open
        markSaved()
        let count = scenarios.count
        var text = "Restored \(count) scenario\(count == 1 ? "" : "s") from the workspace (current: \(scenario.name))"
        if failed > 0 { text += "; \(failed) line\(failed == 1 ? "" : "s") could not be replayed" }
        return [text] + notes
    }
}

