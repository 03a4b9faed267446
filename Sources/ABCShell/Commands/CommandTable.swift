/// Every shell command, listed once, in the order `help` shows them. Adding a command is a
/// new `ShellCommand` type in `Commands/<Group>/` and one line here; adding a lever is a
/// new `LeverKind` in `Commands/WhatIf/Levers/` and one line in `LeverKinds.all`.
public enum CommandTable {
    static let commands: [any ShellCommand.Type] = [
        LoadCommand.self,
        ShowSQLCommand.self,
        ShowCriteriaCommand.self,
        SetWeightsCommand.self,
        SetTiersCommand.self,
        SetScalingCommand.self,
        SetPeriodCommand.self,
        SetAsOfCommand.self,
        SetCLVCommand.self,
        ShowCLVCommand.self,
        TrackCommand.self,
        SegmentCommand.self,
        CustomersCommand.self,
        CustomerCommand.self,
        ScenarioNewCommand.self,
        ScenarioUseCommand.self,
        ScenarioListCommand.self,
        ScenarioShowCommand.self,
        ScenarioDropCommand.self,
        ScenarioRenameCommand.self,
    ] + LeverKinds.all.map { $0.addCommand } + [
        LeverListCommand.self,
        LeverClearCommand.self,
        LeverRemoveCommand.self,
        LeverSetCommand.self,
        SetMarginCommand.self,
        PlaybookCommand.self,
        PlaybookApplyCommand.self,
        SetPlaybookCommand.self,
        SimulateCommand.self,
        SweepCommand.self,
        SeekCommand.self,
        CompareCommand.self,
        SummaryCommand.self,
        WorkspaceCommand.self,
        WorkspaceOpenCommand.self,
        WorkspaceCloseCommand.self,
        SnapshotSaveCommand.self,
        SnapshotListCommand.self,
        SnapshotShowCommand.self,
        SnapshotDropCommand.self,
        TrackSnapshotsCommand.self,
        ExpectCommand.self,
        SaveCommand.self,
        ExportSegmentsCommand.self,
        ChartCommand.self,
        ExportChartCommand.self,
        ExportReportCommand.self,
        RunCommand.self,
        SetFormatCommand.self,
        OutputCommand.self,
        OnceCommand.self,
        TimerCommand.self,
        SetEditorCommand.self,
        HistoryCommand.self,
        UndoCommand.self,
        HelpCommand.self,
        QuitCommand.self,
    ]

    /// Every command's spec, in table order.
    public static let all: [CommandSpec] = commands.map { $0.spec }

    /// Also accepted, never listed.
    static let aliases: [String: String] = [
        "exit": "quit", "quit!": "quit", "exit!": "quit", "?": "help", ".quit": "quit", ".exit": "quit", ".help": "help",
    ]

    /// The command whose name matches the longest prefix of `words`.
    static func lookup(_ words: [String]) -> (command: any ShellCommand.Type, wordCount: Int)? {
        guard let first = words.first else { return nil }
        let head = aliases[first.lowercased()] ?? first.lowercased()
        var best: (command: any ShellCommand.Type, wordCount: Int)?
        for command in commands where command.spec.words[0] == head {
            let spec = command.spec
            let n = spec.words.count
            if n == 1 || (words.count >= n && zip(spec.words.dropFirst(), words[1..<n]).allSatisfy { $0 == $1.lowercased() }) {
                if best.map({ n > $0.wordCount }) ?? true { best = (command, n) }
            }
        }
        return best
    }

    /// The spec whose name matches the longest prefix of `words`.
    public static func spec(for words: [String]) -> CommandSpec? { lookup(words)?.command.spec }

    /// Names of all commands (multi-word included).
    public static var names: [String] { all.map(\.name) }

    /// The second words of the multi-word commands starting with `word` (`scenario` → new, use, …).
    static func subcommands(of word: String) -> [String] {
        all.filter { $0.words[0] == word.lowercased() && $0.words.count > 1 }.map { $0.words[1] }
    }

    /// The known command nearest to `text`, if near enough to suggest.
    public static func suggestion(for text: String) -> String? {
        let candidates = Set(all.map(\.name) + all.map { $0.words[0] }).sorted()
        return NearestName.suggestion(for: text.lowercased(), among: candidates, maxDistance: max(1, text.count / 3))
    }

    /// The error for words that name no command, with a did-you-mean.
    static func unknownCommand(_ tokens: [Token]) -> CommandError {
        let first = tokens[0]
        let text = first.text
        let subs = subcommands(of: text)
        if let sub = tokens.dropFirst().first, all.contains(where: { $0.words[0] == text.lowercased() }) {
            let near = NearestName.nearest(to: sub.text, among: subs)?.name
            return CommandError(
                "unknown command '\(text) \(Diagnostic.clipped(sub.text))'; "
                    + (near.map { "did you mean '\(text) \($0)'?" } ?? "expected one of: \(subs.joined(separator: ", "))"),
                column: sub.column)
        }
        if tokens.count == 1, !subs.isEmpty {
            return CommandError("'\(text)' needs one of: \(subs.joined(separator: ", "))", column: first.column + text.count)
        }
        // A line that is not a command may be anything (a `run` of a file that is no script):
        // only its start is echoed.
        var message = "unknown command '\(Diagnostic.clipped(text))'"
        if let s = suggestion(for: text) { message += "; did you mean '\(s)'?" } else { message += "; type 'help' for the list" }
        return CommandError(message, column: first.column)
    }
}
