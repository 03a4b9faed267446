import ABCShell
import ABCTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The interactive loop: libedit prompt, history, completion, Ctrl-C and Ctrl-D.
struct InteractiveShell {
    let terminal: Terminal
    let output: StandardOutput

    /// `prepare` runs first (opens `--workspace`); the shell opens even when it fails.
    func run(initialFile: String?, prepare: (Session) -> Bool = { _ in true }) -> Int32 {
        let session = Session(environment: terminal.environment(interactive: true))
        session.environment.standardInputHoldsCommands = true
        let completer = Completer(session: session)
        let editor = LineEditor(
            programName: "abc",
            historyURL: LineEditor.defaultHistoryURL(environment: ProcessInfo.processInfo.environment),
            completer: { line, cursor in
                let found = completer.complete(line: line, cursorUTF8: cursor)
                return LineEditor.Completion(replaceFromUTF8: found.replaceFromUTF8, candidates: found.candidates, listed: found.listed)
            })
        editor.onWarning = { message in
            StandardStreams.write("warning: \(message)\n", to: .error)
        }
        output.write("abc \(ABC.configuration.version) — ABC customer segmentation. Type 'help' for commands, Ctrl-D to leave.\n")
        Interrupts.install()
        _ = prepare(session)
        let journal = SessionJournal()
        var journalFailed = false
        session.stateObserver = { session in
            // A workspace keeps the scenarios itself.
            guard let journal, !session.keepsScenariosInWorkspace else { return }
            // Only work that would be lost is journalled: a session as saved needs no restore.
            guard session.hasUnsavedChanges else { return journal.remove() }
            do {
                try journal.write(session)
            } catch {
                if !journalFailed { output.note("warning: \(error); a crash would lose this session's scenarios\n") }
                journalFailed = true
            }
        }
        let restored = journal.map { offerRestore($0, into: session, editor: editor) } ?? false
        // A workspace that restored its data, or a journal restored, stands for the opening load.
        if (!restored && session.dataset == nil) || initialFile != nil {
            let first = initialFile.map { "load \(Tokenizer.quote($0))" } ?? "load sample"
            session.executeOpeningLoad(first, output: output)
        }
        // Leaving on purpose (quit, Ctrl-D) leaves nothing to restore.
        defer { journal?.remove() }
        session.historyProvider = { editor.historyEntries() }
        var currentMode = LineEditor.EditorMode.emacs
        var pending = ""
        // Leaving with unsaved scenarios asks once; a second Ctrl-D, quit or `quit!` leaves.
        var warned = false
        func mayLeave() -> Bool {
            guard session.hasUnsavedChanges, !warned else { return true }
            warned = true
            let count = session.scenarios.count
            output.write("\(count) scenario\(count == 1 ? "" : "s") not saved: `save FILE.abc` keeps them; Ctrl-D or quit again leaves.\n")
            return false
        }
        while !session.quitRequested {
            let prompt = pending.isEmpty ? promptText(session) : "   ...> "
            switch editor.readLine(prompt: prompt) {
            case .eof:
                if mayLeave() { return 0 }
            case .interrupted:
                pending = ""
                continue
            case .line(let line):
                if line.hasSuffix("\\") {
                    pending += String(line.dropLast())
                    continue
                }
                let full = pending + line
                pending = ""
                guard !full.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                editor.addHistory(Session.historyLine(full))
                Interrupts.install()
                Interrupts.reset()
                session.environment.terminalWidth = terminal.width  // the window may have been resized
                session.execute(full, origin: .interactive, output: output)
                ProgressBar.shared.clear()  // a command that printed nothing after its bar
                Interrupts.reset()
                let forced = ["quit!", "exit!"].contains(full.trimmingCharacters(in: .whitespaces).lowercased())
                if session.quitRequested && !forced && !mayLeave() { session.cancelQuit() }
                if session.editorMode != currentMode.rawValue, let mode = LineEditor.EditorMode(rawValue: session.editorMode) {
                    editor.setEditor(mode)
                    currentMode = mode
                }
            }
        }
        return 0
    }

    /// A journal left by a session that crashed: asks whether to restore it, and does. True
    /// when restored. Ctrl-C or Ctrl-D at the question keeps the journal for next time.
    private func offerRestore(_ journal: SessionJournal, into session: Session, editor: LineEditor) -> Bool {
        guard let orphan = journal.orphan() else { return false }
        let when = DateFormatter.localizedString(from: orphan.date, dateStyle: .short, timeStyle: .short)
        output.write("A session ended without quitting (\(when)): \(orphan.summary).\n")
        guard case .line(let answer) = editor.readLine(prompt: "Restore it? [Y/n] ") else { return false }
        unlink(orphan.path)
        guard answer.trimmingCharacters(in: .whitespaces).isEmpty || answer.lowercased().hasPrefix("y") else { return false }
        for file in orphan.changedFiles {
            output.note("note: '\(file)' changed since that session (size or time): loading it as it is now\n")
        }
        let failed = session.restore(orphan.script, reportingErrorsTo: output)
        let count = session.scenarios.count
        output.write("Restored \(count) scenario\(count == 1 ? "" : "s")\(failed > 0 ? " (\(failed) line\(failed == 1 ? "" : "s") failed)" : "").\n")
        return true
    }

    func promptText(_ session: Session) -> String {
        let name = session.scenario.name == "base" ? "abc> " : "abc[\(session.scenario.name)]> "
        guard terminal.stderrColour else { return name }
        return "\u{1B}[1;36m" + name.dropLast() + "\u{1B}[0m "
    }
}
