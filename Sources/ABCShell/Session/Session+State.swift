import ABCWarehouse
import Foundation

/// The session's state kept outside the process, so a crash loses nothing: the interactive
/// shell's journal (and the workspace) keep `stateScript` after every change and replay it
/// with `restore` (docs/scripts.md#restoring-a-session).
extension Session {
    /// The data and scenarios as they stand, as the scenarios-only script `save` writes, with
    /// absolute paths (it is replayed from wherever the next shell starts).
    public var stateScript: String { ScenarioScript.scenarios(of: self, scriptFolder: "") }

    /// The files the dataset was read from (absolute paths and patterns); empty for the
    /// sample or no data.
    public var dataFiles: [String] { loadRecord?.paths.filter { $0 != "sample" && !PostgresURL.isPostgres($0) } ?? [] }

    /// Replays a state script as if typed (unfenced: it is the session's own state), printing
    /// nothing but its errors, to `errors` (none when nil). A line that fails (a data file
    /// gone) does not stop the rest, so as much as can be is restored; returns how many failed.
    @discardableResult
    public func restore(_ script: String, reportingErrorsTo errors: OutputSink?) -> Int {
        let errorsOnly = ErrorsOnly(errors)
        var failed = 0
        for (_, line, _) in Self.logicalLines(script.components(separatedBy: "\n")) {
            if !execute(line, origin: .commandLine, output: errorsOnly) { failed += 1 }
        }
        return failed
    }
}

/// Passes on errors (when it has somewhere to), drops the rest.
private final class ErrorsOnly: OutputSink {
    let output: OutputSink?
    init(_ output: OutputSink?) { self.output = output }
    func write(_ text: String) {}
    func note(_ text: String) {}
    func report(_ diagnostic: Diagnostic) { output?.report(diagnostic) }
}
