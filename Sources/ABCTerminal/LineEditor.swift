import CEditLine
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The libedit binding is written by hand on purpose: no Swift wrapper for libedit exists, and
// the surface we need (one prompt, Tab completion, history) is small. The C side is
// `Sources/CEditLine/shim.h`.

/// Set by the SIGINT handler that `LineEditor.readLine(prompt:)` installs while it waits for
/// input. Only ever written with a plain store from the handler and reset before each read.
nonisolated(unsafe) private var sigintReceived: sig_atomic_t = 0

/// An interactive line editor on the terminal (libedit): prompt, Emacs or vi key bindings,
/// Tab completion and a persistent history.
///
/// The executable drives it, and only when standard input is a terminal; the shell library
/// never reads standard input anywhere else. One `LineEditor` should be alive at a time:
/// libedit routes signals to the editor that read last.
public final class LineEditor {
    /// What the completer found for the word before the cursor.
    public struct Completion: Equatable, Sendable {
        /// Byte offset (UTF-8) in the line where the word being completed starts; the bytes
        /// from here to the cursor are replaced.
        public var replaceFromUTF8: Int
        /// Full replacement words (not suffixes). A candidate ending in "/" is a directory and
        /// gets no trailing space when it is the only one.
        public var candidates: [String]
        /// The candidates as listed when there are several (a path's last component, as bash
        /// lists them); the same count as `candidates`.
        public var listed: [String]

        /// `listed` defaults to the candidates themselves (and is ignored when the counts differ).
        public init(replaceFromUTF8: Int, candidates: [String], listed: [String]? = nil) {
            self.replaceFromUTF8 = replaceFromUTF8
            self.candidates = candidates
            self.listed = listed.flatMap { $0.count == candidates.count ? $0 : nil } ?? candidates
        }

        /// Nothing to offer: Tab beeps.
        public static let none = Completion(replaceFromUTF8: 0, candidates: [])
    }

    /// The outcome of one `readLine(prompt:)`.
    public enum ReadResult: Equatable, Sendable {
        /// A line the user entered with Return, without its newline.
        case line(String)
        /// Ctrl-D on an empty line, or the terminal went away.
        case eof
        /// Ctrl-C: the line was abandoned; prompt again.
        case interrupted
    }

    /// Key binding families libedit offers.
    public enum EditorMode: String, Sendable, CaseIterable {
        case emacs, vi
    }

    /// How many history entries are kept unless the initializer is told otherwise.
    public static let defaultHistorySize = 2000

    /// Receives at most one warning per editor, about a history file that cannot be read or
    /// written. History problems never stop the shell; they are worth telling the user once.
    /// A warning raised during `init` is delivered as soon as this is set.
    public var onWarning: ((String) -> Void)? {
        didSet {
            if let warning = pendingWarning, let onWarning {
                pendingWarning = nil
                onWarning(warning)
            }
        }
    }

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let historyURL: URL?
    private let completer: (_ line: String, _ cursorUTF8: Int) -> Completion
    /// The marked-up prompt libedit's prompt callback returns; owned (malloc) by this object.
    private var promptBuffer: UnsafeMutablePointer<CChar>
    private var promptSource = ""
    private var historySavingEnabled = true
    private var hasWarned = false
    private var pendingWarning: String?

    /// The character libedit's EL_PROMPT_ESC uses to bracket non-printing prompt sequences.
    static let promptMarker: Unicode.Scalar = "\u{1}"

    /// The name of the editor function Tab is bound to (usable in `~/.editrc` as well).
    static let completionFunctionName = "abc-complete"

    /// Sets the process's LC_CTYPE from the environment once, falling back to C.UTF-8, because
    /// libedit silently drops non-ASCII input unless the locale is UTF-8.
    private static let localeConfigured: Void = {
        if setlocale(LC_CTYPE, "") == nil || abc_locale_is_utf8() == 0 {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }()

    /// Creates an editor on the process's terminal with Emacs bindings, Tab bound to
    /// `completer`, libedit's signal handling on, and the history loaded from `historyURL`
    /// (a missing file is fine; `nil` keeps history in memory only).
    ///
    /// - Parameters:
    ///   - programName: The name `~/.editrc` lines can be prefixed with (`abc:bind ...`).
    ///   - historyURL: Where history is loaded from and saved to, usually
    ///     `LineEditor.defaultHistoryURL(environment:)`.
    ///   - historySize: The number of entries kept in memory and on disk.
    ///   - completer: Called on Tab with the whole line and the cursor's UTF-8 byte offset.
    public init(
        programName: String,
        historyURL: URL?,
        historySize: Int = LineEditor.defaultHistorySize,
        completer: @escaping (_ line: String, _ cursorUTF8: Int) -> Completion
    ) {
        _ = LineEditor.localeConfigured
        guard let editLine = abc_el_init(programName) else {
            fatalError("libedit: el_init failed")
        }
        guard let history = history_init() else {
            fatalError("libedit: history_init failed")
        }
        self.editLine = editLine
        self.history = history
        self.historyURL = historyURL
        self.completer = completer
        self.promptBuffer = strdup("")!

        _ = abc_history_set_size(history, Int32(clamping: max(historySize, 1)))
        _ = abc_history_set_unique(history, 1)
        _ = abc_el_set_history(editLine, history)
        _ = abc_el_set_client_data(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = abc_el_set_prompt_esc(
            editLine,
            { editLine in
                guard let editLine, let editor = LineEditor.editor(of: editLine) else {
                    return UnsafeMutableRawPointer(mutating: ("" as StaticString).utf8Start)
                        .assumingMemoryBound(to: CChar.self)
                }
                return editor.promptBuffer
            },
            CChar(LineEditor.promptMarker.value))
        _ = abc_el_set_signal(editLine, 1)
        _ = abc_el_set_editor(editLine, EditorMode.emacs.rawValue)
        _ = abc_el_add_function(
            editLine, LineEditor.completionFunctionName, "Complete the word before the cursor",
            { editLine, _ in
                guard let editLine, let editor = LineEditor.editor(of: editLine) else {
                    return UInt8(CC_ERROR)
                }
                return editor.complete()
            })
        // The user's ~/.editrc may change modes and bindings; Tab stays ours.
        _ = el_source(editLine, nil)
        bindCompletionKey()
        loadHistory()
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(promptBuffer)
    }

    // MARK: - Reading

    /// Shows `prompt` and lets the user edit one line.
    ///
    /// The prompt may contain ANSI escape sequences (colours); they are marked so libedit does
    /// not count them as columns. libedit needs a visible character after the last escape
    /// sequence, so end the prompt with one (conventionally a space); a prompt that ends in an
    /// escape sequence gets a space appended. Keep prompts on one line.
    ///
    /// While this waits, SIGINT (Ctrl-C) is caught: the line is abandoned and `.interrupted`
    /// returned. The previous SIGINT disposition is restored before returning.
    public func readLine(prompt: String) -> ReadResult {
        setPrompt(prompt)

        sigintReceived = 0
        var savedAction = sigaction()
        let installed = abc_sigint_install({ _ in sigintReceived = 1 }, &savedAction) == 0
        defer {
            if installed { _ = abc_sigint_restore(&savedAction) }
        }

        var count: Int32 = 0
        guard let raw = el_gets(editLine, &count) else {
            let error = abc_errno()
            if count < 0 && error == EINTR {
                // libedit already put the terminal back in cooked mode; drop the line state.
                el_reset(editLine)
                abc_el_write(editLine, sigintReceived != 0 ? "^C\n" : "\n")
                return .interrupted
            }
            // Ctrl-D on an empty line (count 0; libedit echoed "^D"), or a read error.
            abc_el_write(editLine, "\n")
            return .eof
        }
        // `raw` points into libedit's buffer, valid only until the next call: copy it now.
        var length = strlen(raw)
        if length > 0 && raw[length - 1] == 0x0A {
            length -= 1
        }
        return .line(String(decoding: UnsafeRawBufferPointer(start: raw, count: length), as: UTF8.self))
    }

    /// Switches between Emacs and vi key bindings. Switching resets libedit's bindings, so Tab
    /// is bound to completion again.
    public func setEditor(_ mode: EditorMode) {
        _ = abc_el_set_editor(editLine, mode.rawValue)
        bindCompletionKey()
    }

    private func bindCompletionKey() {
        _ = abc_el_bind(editLine, "^I", LineEditor.completionFunctionName)
    }

    private func setPrompt(_ prompt: String) {
        guard prompt != promptSource else { return }
        let marked = prompt.unicodeScalars.contains("\u{1B}") || prompt.unicodeScalars.contains(LineEditor.promptMarker)
            ? LineEditor.markingEscapeSequences(in: prompt) : prompt
        guard let buffer = strdup(marked) else { return }
        free(promptBuffer)
        promptBuffer = buffer
        promptSource = prompt
    }

    private static func editor(of editLine: OpaquePointer) -> LineEditor? {
        guard let data = abc_el_client_data(editLine) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    // MARK: - Completion

    /// The Tab handler: asks the completer, then edits the line or lists the candidates.
    private func complete() -> UInt8 {
        guard let info = el_line(editLine)?.pointee, let buffer = info.buffer,
            let cursorPointer = info.cursor, let lastPointer = info.lastchar
        else { return UInt8(CC_ERROR) }
        // el_line's buffer is not NUL-terminated and is rewritten by the next libedit call.
        let lineBytes = Array(UnsafeRawBufferPointer(start: buffer, count: lastPointer - buffer))
        let cursor = cursorPointer - buffer
        let line = String(decoding: lineBytes, as: UTF8.self)

        let completion = completer(line, cursor)
        let start = min(max(completion.replaceFromUTF8, 0), cursor)
        if start < lineBytes.count && lineBytes[start] & 0xC0 == 0x80 {
            return UInt8(CC_REFRESH_BEEP)  // not at a character boundary
        }
        let word = String(decoding: lineBytes[start..<cursor], as: UTF8.self)
        let candidates = completion.candidates

        switch candidates.count {
        case 0:
            return UInt8(CC_REFRESH_BEEP)
        case 1:
            let candidate = candidates[0]
            replaceBeforeCursor(word, with: candidate.hasSuffix("/") ? candidate : candidate + " ")
            return UInt8(CC_REFRESH)
        default:
            let prefix = LineEditor.longestCommonPrefix(of: candidates)
            if prefix.unicodeScalars.count > word.unicodeScalars.count {
                replaceBeforeCursor(word, with: prefix)
                return UInt8(CC_REFRESH)
            }
            let columns = Int(abc_el_terminal_columns(editLine))
            abc_el_write(editLine, "\n" + LineEditor.columnLayout(of: completion.listed, width: columns > 0 ? columns : 80))
            return UInt8(CC_REDISPLAY)
        }
    }

    /// Replaces `word`, which ends at the cursor, with `text`. libedit counts characters
    /// (wide characters, i.e. Unicode scalars), not bytes.
    private func replaceBeforeCursor(_ word: String, with text: String) {
        let scalarCount = word.unicodeScalars.count
        if scalarCount > 0 {
            el_deletestr(editLine, Int32(scalarCount))
        }
        if !text.isEmpty {
            _ = el_insertstr(editLine, text)
        }
    }

    // MARK: - History

    /// Adds a line to the history (unless it is blank or repeats the previous entry) and saves
    /// the history file at once, atomically, so a crash or a second shell never leaves a torn
    /// file.
    public func addHistory(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        _ = abc_history_enter(history, line)
        saveHistory()
    }

    /// Every history entry, oldest first.
    public func historyEntries() -> [String] {
        var entries: [String] = []
        var entry = abc_history_oldest(history)
        while let text = entry {
            entries.append(String(cString: text))
            entry = abc_history_newer(history)
        }
        return entries
    }

    /// Where history lives by default: `$XDG_STATE_HOME/abc/history`, or
    /// `~/.local/state/abc/history` when XDG_STATE_HOME is unset or not absolute (as the XDG
    /// base directory specification asks). `nil` when neither variable helps.
    public static func defaultHistoryURL(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state, isDirectory: true)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".local", isDirectory: true)
                .appendingPathComponent("state", isDirectory: true)
        } else {
            return nil
        }
        return base.appendingPathComponent("abc", isDirectory: true)
            .appendingPathComponent("history", isDirectory: false)
    }

    private func loadHistory() {
        guard let path = historyURL?.path else { return }
        if abc_history_load(history, path) >= 0 { return }
        var info = stat()
        guard stat(path, &info) == 0 else { return }  // no history yet
        if info.st_size == 0 { return }
        // Something is there that libedit cannot read: leave it alone rather than overwrite it.
        historySavingEnabled = false
        let reason = access(path, R_OK) == 0 ? "not a libedit history file" : LineEditor.describe(errno: abc_errno())
        warn("cannot read the history file \(path) (\(reason)); history will not be saved this session")
    }

    private func saveHistory() {
        guard historySavingEnabled, let url = historyURL else { return }
        let directory = url.deletingLastPathComponent()
        if let failure = LineEditor.makeDirectories(directory.path) {
            warn("cannot create the history directory \(failure.path): \(LineEditor.describe(errno: failure.errno))")
            return
        }
        // Write a sibling temporary file, then rename it over the history file.
        var template = Array("\(directory.path)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            warn("cannot save history in \(directory.path): \(LineEditor.describe(errno: abc_errno()))")
            return
        }
        close(descriptor)
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if abc_history_save(history, temporaryPath) < 0 {
            let error = abc_errno()
            unlink(temporaryPath)
            warn("cannot save history to \(temporaryPath): \(LineEditor.describe(errno: error))")
            return
        }
        if rename(temporaryPath, url.path) != 0 {
            let error = abc_errno()
            unlink(temporaryPath)
            warn("cannot save history to \(url.path): \(LineEditor.describe(errno: error))")
        }
    }

    /// `mkdir -p` with mode 0700 (the XDG state directory is private). Written with mkdir(2)
    /// rather than FileManager so a failure names the component and the system's reason.
    private static func makeDirectories(_ path: String) -> (path: String, errno: Int32)? {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 {
                let error = abc_errno()
                var info = stat()
                if error == EEXIST && stat(prefix, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                    continue
                }
                return (prefix, error == EEXIST ? ENOTDIR : error)
            }
        }
        return nil
    }

    private func warn(_ message: String) {
        guard !hasWarned else { return }
        hasWarned = true
        if let onWarning {
            onWarning(message)
        } else {
            pendingWarning = message
        }
    }

    private static func describe(errno error: Int32) -> String {
        error == 0 ? "unknown error" : String(cString: strerror(error))
    }

    // MARK: - Pure helpers (internal for tests)

    /// Brackets each run of ANSI escape sequences in `prompt` with `promptMarker`, the form
    /// libedit's EL_PROMPT_ESC wants. libedit glues a marked run to the visible character that
    /// follows it, so adjacent sequences share one run and a trailing run gets a space to
    /// attach to. Stray marker characters are dropped.
    static func markingEscapeSequences(in prompt: String) -> String {
        let scalars = Array(prompt.unicodeScalars.filter { $0 != promptMarker })
        var output = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        func flushRun() {
            guard !run.isEmpty else { return }
            output.append(promptMarker)
            output.append(contentsOf: run)
            output.append(promptMarker)
            run = String.UnicodeScalarView()
        }
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\u{1B}" {
                let end = escapeSequenceEnd(in: scalars, from: index)
                run.append(contentsOf: scalars[index..<end])
                index = end
            } else {
                flushRun()
                output.append(scalars[index])
                index += 1
            }
        }
        if !run.isEmpty {
            flushRun()
            output.append(" ")
        }
        return String(output)
    }

    /// The index just past the escape sequence starting at `start` (an ESC): CSI
    /// (`ESC [ params final`), OSC (`ESC ] ... BEL` or `ESC ] ... ESC \`), or a short
    /// `ESC intermediates final` form.
    private static func escapeSequenceEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start + 1
        guard index < scalars.count else { return index }
        switch scalars[index] {
        case "[":
            index += 1
            while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
            return index < scalars.count && (0x40...0x7E).contains(scalars[index].value) ? index + 1 : index
        case "]":
            index += 1
            while index < scalars.count {
                if scalars[index] == "\u{7}" { return index + 1 }
                if scalars[index] == "\u{1B}", index + 1 < scalars.count, scalars[index + 1] == "\\" {
                    return index + 2
                }
                index += 1
            }
            return index
        default:
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
            return min(index + 1, scalars.count)
        }
    }

    /// The longest string every candidate starts with, compared scalar by scalar so the result
    /// is a literal prefix of each.
    static func longestCommonPrefix(of candidates: [String]) -> String {
        guard var prefix = candidates.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for candidate in candidates.dropFirst() {
            var length = 0
            for scalar in candidate.unicodeScalars {
                guard length < prefix.count, prefix[length] == scalar else { break }
                length += 1
            }
            prefix.removeSubrange(length...)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix)
        return String(view)
    }

    /// Candidates in columns filling `width`, top to bottom then left to right, as bash lists
    /// completions; every row ends with a newline.
    static func columnLayout(of items: [String], width: Int) -> String {
        guard !items.isEmpty else { return "" }
        let widths = items.map(displayWidth)
        let columnWidth = widths.max()! + 2
        let columnCount = max(1, min(items.count, width / columnWidth))
        let rowCount = (items.count + columnCount - 1) / columnCount
        var output = ""
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < items.count else { break }
                let isLast = (column + 1) * rowCount + row >= items.count
                line += items[index]
                if !isLast { line += String(repeating: " ", count: columnWidth - widths[index]) }
            }
            output += line + "\n"
        }
        return output
    }

    /// Terminal columns `text` occupies: wcwidth per scalar, control characters 0, and 1 for
    /// printable characters the current locale does not know.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let width = Int(abc_wcwidth(wchar_t(bitPattern: scalar.value)))
            if width >= 0 { return total + width }
            return total + (scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) ? 0 : 1)
        }
    }
}
