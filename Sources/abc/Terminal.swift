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
            loaderThreads: ProcessSettings.loaderThreads,
            availableMemory: SystemMemory.available)
    }
}

/// Writes session output to stdout and diagnostics to stderr.
final class StandardOutput: OutputSink {
    let colour: Bool
    init(colour: Bool) { self.colour = colour }

    func write(_ text: String) {
        ProgressBar.shared.clear()
        StandardStreams.write(text, to: .output)
    }

    func note(_ text: String) {
        ProgressBar.shared.clear()
        StandardStreams.write(text, to: .error)
    }

    func report(_ diagnostic: Diagnostic) {
        ProgressBar.shared.clear()
        // The terminal echoed ^C on the prompt line: start the message on a line of its own.
        if Interrupts.pending && isatty(2) == 1 { StandardStreams.write("\n", to: .error) }
        StandardStreams.write(DiagnosticRenderer.render(diagnostic, colour: colour), to: .error)
    }
}

/// Writes to file descriptors 1 and 2 with write(2) (Foundation's `FileHandle.write` traps on
/// an error). A failed write ends the process with status 1: a closed or broken stdout
/// (EPIPE: the reader went away, as with `| head`) at once and silently; any other error on
/// stdout (`> /dev/full`, closed) with a message on stderr; an error on stderr silently.
enum StandardStreams {
    enum Stream: Int32 {
        case output = 1
        case error = 2
    }

    static func write(_ text: String, to stream: Stream) {
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(stream.rawValue, base + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        guard let failure else { return }
        if stream == .output && failure != EPIPE {
            let message = "abc: error: cannot write to standard output: \(String(cString: strerror(failure)))\n"
            _ = message.utf8CString.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count - 1) }
        }
        TemporaryFiles.removeAll()
        exit(1)
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
        StandardStreams.write("\r\(bar) \(percent)%", to: .error)
        shown = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        started = nil
        shownPercent = -1
        if shown {
            StandardStreams.write("\r\u{1B}[K", to: .error)
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
