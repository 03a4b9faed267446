import ABCShell
import CSupport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What the process is attached to: decides colours, widths, progress and line editing.
struct Terminal {
    let stdinIsTerminal = isatty(0) == 1
    let stdoutIsTerminal = isatty(1) == 1
    let stderrIsTerminal = isatty(2) == 1
    let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false

    var stderrColour: Bool { stderrIsTerminal && !noColour }

    /// Columns of the terminal on stdout, or nil for a fixed layout.
    var width: Int? {
        guard stdoutIsTerminal else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    func environment(interactive: Bool) -> Session.Environment {
        let showProgress = stderrIsTerminal && !noColour
        return Session.Environment(
            terminalWidth: interactive ? width : nil,
            isCancelled: { Interrupts.pending },
            progress: showProgress ? ProgressBar.shared.update : nil,
            loaderThreads: ProcessSettings.loaderThreads)
    }
}

/// Writes session output to stdout and diagnostics to stderr.
final class StandardOutput: OutputSink {
    let colour: Bool
    init(colour: Bool) { self.colour = colour }

    func write(_ text: String) {
        ProgressBar.shared.clear()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func note(_ text: String) {
        ProgressBar.shared.clear()
        FileHandle.standardError.write(Data(text.utf8))
    }

    func report(_ diagnostic: Diagnostic) {
        ProgressBar.shared.clear()
        // The terminal echoed ^C on the prompt line: start the message on a line of its own.
        if Interrupts.pending && isatty(2) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
        FileHandle.standardError.write(Data(DiagnosticRenderer.render(diagnostic, colour: colour).utf8))
    }
}

/// Ctrl-C while a command runs: the handler only sets a flag that long operations poll.
enum Interrupts {
    nonisolated(unsafe) static var flag: sig_atomic_t = 0

    static var pending: Bool { flag != 0 }

    static func reset() { flag = 0 }

    /// Installs the flag-setting handler (no SA_RESTART, so blocking reads return).
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupts.flag = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }
}

/// A progress bar on stderr for commands that take more than a moment: loads, Monte Carlo
/// runs, `track`, `sweep` (terminal only). Redrawn when the percentage changes.
final class ProgressBar: @unchecked Sendable {
    static let shared = ProgressBar()
    private var started: Double?
    private var shown = false
    private var shownPercent = -1
    private let lock = NSLock()

    @Sendable func update(_ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date().timeIntervalSince1970
        let start = started ?? now
        started = start
        let percent = Int(fraction * 100)
        guard now - start > 0.4, fraction < 1, percent != shownPercent else { return }
        shownPercent = percent
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(percent)%".utf8))
        shown = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        started = nil
        shownPercent = -1
        if shown {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            shown = false
        }
    }
}

/// Keeps freed memory in the process for reuse: re-segmenting a million customers allocates
/// ~50 MB of fresh arrays, and with glibc's defaults each time they are new pages that the
/// kernel must fault in and zero (measured: a third of a re-segmentation's time).
enum MemoryTuning {
    static func apply() {
        abc_keep_freed_memory()
    }
}
