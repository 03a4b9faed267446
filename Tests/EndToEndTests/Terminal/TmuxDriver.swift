import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the real `abc` binary in a pseudo-terminal, as a user would, by starting it as the
/// only pane of a private tmux server (`tmux -L <socket>`), typing with `send-keys` and
/// reading the screen with `capture-pane`.
///
/// The shell runs in its own session on its own terminal, so the SIGINT that libedit re-raises
/// to its process group never reaches the test runner. The pane stays after the program ends
/// (`remain-on-exit`), so an exit or a crash is visible and its status can be read.
///
/// Nothing here sleeps blindly: every wait polls the screen until a condition holds or a
/// timeout passes, and a timeout fails with the screen as it was.
final class TmuxDriver {
    /// A failure with a message meant for the person reading the test log.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What the pane shows: scrollback and screen, wrapped lines joined, trailing blank lines
    /// dropped. Line indices are stable for the life of the pane (the history limit is high).
    struct Screen {
        var lines: [String]

        var text: String { lines.joined(separator: "\n") }

        /// The line the cursor is on after a prompt (the last non-blank line), without
        /// trailing spaces.
        var currentLine: String { lines.last.map(TmuxDriver.trimmingTrailingSpaces) ?? "" }

        /// The lines after index `start`, up to and excluding the current (prompt) line.
        func output(after start: Int) -> String {
            guard lines.count - 1 > start + 1 else { return "" }
            return lines[(start + 1)..<(lines.count - 1)].joined(separator: "\n")
        }
    }

    static let defaultTimeout: Duration = .seconds(10)
    /// Start-up loads the bundled sample; a debug build on a busy machine needs a moment.
    static let startupTimeout: Duration = .seconds(20)

    let home: URL
    let socket: String
    private let tmuxPath: String
    private let configURL: URL
    private let target = "abc"
    private var serverRunning = false
    private var socketPath: String?

    /// Starts `binary` in a new private tmux server, in `home` as HOME and working directory,
    /// with a clean environment: `NO_COLOR=1`, `TERM=xterm-256color`, `LANG=C.UTF-8`, no
    /// `XDG_STATE_HOME` unless `environment` sets it, plus `environment`.
    init(home: URL, binary: String, environment: [String: String] = [:], arguments: [String] = [], columns: Int = 200) throws {
        self.home = home
        self.socket = "abc-test-\(UUID().uuidString)"
        self.tmuxPath = try TerminalTools.tmux()
        self.configURL = home.appendingPathComponent(".tmux-\(socket).conf")
        try """
            set -g remain-on-exit on
            set -g history-limit 100000
            set -g status off

            """.write(to: configURL, atomically: true, encoding: .utf8)

        var variables: [String: String] = [
            "HOME": home.path,
            "NO_COLOR": "1",
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        if let libraries = ProcessInfo.processInfo.environment["LD_LIBRARY_PATH"] {
            variables["LD_LIBRARY_PATH"] = libraries
        }
        variables.merge(environment) { _, new in new }
        let assignments = variables.keys.sorted().map { "\($0)=\(variables[$0]!)" }
        let command = (["exec", "env", "-i"] + assignments + [binary] + arguments)
            .map(TmuxDriver.shellQuoted).joined(separator: " ")

        try tmux(["new-session", "-d", "-s", target, "-x", String(columns), "-y", "50", "-c", home.path, command])
        serverRunning = true
        socketPath = try? tmux(["display-message", "-p", "#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { stop() }

    /// Kills the tmux server, and with it the program if it still runs, and removes the
    /// server's socket (tmux leaves it behind). Safe to call twice.
    func stop() {
        guard serverRunning else { return }
        serverRunning = false
        _ = try? tmux(["kill-server"])
        if let socketPath, !socketPath.isEmpty { unlink(socketPath) }
        try? FileManager.default.removeItem(at: configURL)
    }

    // MARK: - Keys

    /// Types `text` literally (UTF-8 included).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// Presses named keys: `Enter`, `Tab`, `Up`, `BSpace`, `C-c`, `C-d`, …
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    // MARK: - Reading the screen

    func screen() throws -> Screen {
        let captured = try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", target])
        var lines = captured.components(separatedBy: "\n")
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return Screen(lines: lines)
    }

    /// Whether the program has ended, and its exit status or the signal that ended it. tmux
    /// may report the pane dead a moment before it has the status.
    func paneState() throws -> (dead: Bool, status: Int32?, signal: Int32?) {
        let fields = try tmux(["display-message", "-p", "-t", target, "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "1" else { return (false, nil, nil) }
        return (true, Int32(fields[1]), Int32(fields[2]))
    }

    /// The process the pane runs (the shell itself: it is started with `exec`).
    func panePID() throws -> Int32? {
        Int32(try tmux(["display-message", "-p", "-t", target, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Polls the screen until `condition` holds; fails after `timeout` with the screen.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = TmuxDriver.defaultTimeout,
        _ condition: (Screen) -> Bool
    ) async throws -> Screen {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let current = try screen()
            if condition(current) { return current }
            if try paneState().dead {
                // Nothing more will appear; look once more in case the last output raced us.
                let last = try screen()
                if condition(last) { return last }
                throw Failure(description: "the program ended while waiting for \(what)\n" + (try describe(last)))
            }
            if clock.now >= deadline {
                throw Failure(description: "timed out after \(timeout) waiting for \(what)\n" + (try describe(current)))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Waits for a prompt (`abc> ` or `abc[NAME]> `) on the current line.
    @discardableResult
    func waitForPrompt(timeout: Duration = TmuxDriver.defaultTimeout) async throws -> Screen {
        try await waitUntil("a prompt", timeout: timeout) { TmuxDriver.isPrompt($0.currentLine) }
    }

    /// Waits until the current line reads `line` (trailing spaces ignored).
    @discardableResult
    func waitForCurrentLine(_ line: String, timeout: Duration = TmuxDriver.defaultTimeout) async throws -> Screen {
        let expected = TmuxDriver.trimmingTrailingSpaces(line)
        return try await waitUntil("the current line to read \(String(reflecting: expected))", timeout: timeout) {
            $0.currentLine == expected
        }
    }

    /// Waits for a new prompt after line index `start` (the line a command was typed on).
    @discardableResult
    func waitForPrompt(after start: Int, timeout: Duration = TmuxDriver.defaultTimeout) async throws -> Screen {
        try await waitUntil("a new prompt", timeout: timeout) {
            $0.lines.count - 1 > start && TmuxDriver.isPrompt($0.currentLine)
        }
    }

    /// Types `command`, presses Enter and waits for the next prompt.
    ///
    /// - Returns: The line the command was typed on and what the command printed (the lines
    ///   between that line and the new prompt), and the new prompt.
    func run(_ command: String, timeout: Duration = TmuxDriver.defaultTimeout) async throws
        -> (echo: String, output: String, prompt: String)
    {
        let start = try await waitForPrompt().lines.count - 1
        try type(command)
        try press("Enter")
        let after = try await waitForPrompt(after: start, timeout: timeout)
        return (TmuxDriver.trimmingTrailingSpaces(after.lines[start]), after.output(after: start), after.currentLine)
    }

    /// Waits for the program to end and returns its exit status.
    func waitForExit(timeout: Duration = TmuxDriver.defaultTimeout) async throws -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let state = try paneState()
            if let status = state.status { return status }
            if let signal = state.signal {
                throw Failure(description: "the program was killed by signal \(signal)\n" + (try describe(screen())))
            }
            if state.dead {
                // tmux before 3.5 sometimes loses the SIGCHLD of a pane whose terminal closed
                // first: the pane is dead, its program a zombie, and the status never comes.
                // Another SIGCHLD to our private server makes it reap the program.
                try nudgeServerToReap()
            }
            if clock.now >= deadline {
                throw Failure(description: "timed out after \(timeout) waiting for the program to exit\n" + (try describe(screen())))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func nudgeServerToReap() throws {
        let text = try tmux(["display-message", "-p", "#{pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        if let pid = pid_t(text), pid > 1 { kill(pid, SIGCHLD) }
    }

    /// The screen and the program's state, for failure messages.
    func describe(_ screen: Screen) throws -> String {
        let state = try paneState()
        let status = !state.dead ? "the program is running"
            : state.signal.map { "the program was killed by signal \($0)" }
            ?? "the program has ended (status \(state.status.map(String.init) ?? "?"))"
        var lines = screen.lines
        // A dead pane puts its notice at the bottom of the screen: drop the blank rows above it.
        if let notice = lines.last, notice.hasPrefix("Pane is dead") {
            lines.removeLast()
            while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
            lines.append(notice)
        }
        let shown = lines.suffix(40).map { "  | " + $0 }.joined(separator: "\n")
        return "\(status); the terminal shows (last 40 lines):\n\(shown)"
    }

    // MARK: - Helpers

    /// `abc> ` or `abc[NAME]> ` with nothing typed after it.
    static func isPrompt(_ line: String) -> Bool {
        let line = trimmingTrailingSpaces(line)
        return line == "abc>" || (line.hasPrefix("abc[") && line.hasSuffix("]>") && !line.dropFirst(4).dropLast(2).contains(" "))
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs tmux on this driver's socket and returns its standard output.
    ///
    /// Spawned with posix_spawn rather than Foundation's Process: the test runner's threads
    /// block most signals and Process passes that mask on, so the tmux server and the shell in
    /// its pane would start with SIGINT and SIGHUP blocked (Ctrl-C would do nothing and
    /// kill-server could not end the shell). Output goes through files, not pipes: the server
    /// tmux forks would otherwise inherit the pipe and a read to its end would never return.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let fullArguments = ["-L", socket, "-f", configURL.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil  // the tests may themselves run inside tmux
        environment["TERM"] = environment["TERM"] ?? "xterm-256color"
        let outputURL = home.appendingPathComponent(".tmux-\(socket).out")
        let errorURL = home.appendingPathComponent(".tmux-\(socket).err")
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let status = try Spawn.run(
            tmuxPath, arguments: fullArguments, environment: environment,
            standardOutput: outputURL.path, standardError: errorURL.path)
        let output = (try? Data(contentsOf: outputURL)) ?? Data()
        guard status == 0 else {
            let errors = (try? Data(contentsOf: errorURL)) ?? Data()
            throw Failure(description: "`tmux \(fullArguments.joined(separator: " "))` failed (\(status)): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// posix_spawn with every signal unblocked and the usual ones at their default action.
    private enum Spawn {
        /// Runs `path` to completion; standard input is /dev/null, output and errors go to the
        /// files named. Returns the exit status, or 128 + the signal that ended it.
        static func run(
            _ path: String, arguments: [String], environment: [String: String],
            standardOutput: String, standardError: String
        ) throws -> Int32 {
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var unblocked = sigset_t()
            sigemptyset(&unblocked)
            posix_spawnattr_setsigmask(&attributes, &unblocked)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            for signal in [SIGINT, SIGHUP, SIGTERM, SIGQUIT, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGUSR1, SIGUSR2, SIGALRM] {
                sigaddset(&defaults, signal)
            }
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

            let argv = ([path] + arguments).map { strdup($0) } + [nil]
            let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid = pid_t()
            let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
            guard result == 0 else {
                throw TmuxDriver.Failure(description: "cannot start \(path): \(String(cString: strerror(result)))")
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                guard errno == EINTR else {
                    throw TmuxDriver.Failure(description: "waitpid for \(path) failed: \(String(cString: strerror(errno)))")
                }
            }
            let signal = status & 0x7F
            return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        }
    }
}

/// The programs the terminal tests need. A missing one fails the test: these tests are part of
/// `make test`, which installs tmux, and a silent skip would hide a broken shell.
enum TerminalTools {
    /// tmux from PATH.
    static func tmux() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TmuxDriver.Failure(description: """
            tmux is not on PATH (\(path)). The terminal tests need it: `make test` installs it, \
            or run `apt-get install tmux`.
            """)
    }

    /// The `abc` executable: `ABC_BINARY` if set; else the one built beside this test bundle
    /// (the same build and scratch path as the tests); else `<package root>/.build/debug/abc`.
    static func abcBinary(filePath: String = #filePath) throws -> String {
        let fileManager = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["ABC_BINARY"], !explicit.isEmpty {
            guard fileManager.isExecutableFile(atPath: explicit) else {
                throw TmuxDriver.Failure(description: "ABC_BINARY is \(explicit), which is not an executable file")
            }
            return explicit
        }
        var candidates: [String] = []
        if let runner = CommandLine.arguments.first, runner.contains(".xctest") {
            let folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("abc").path)
        }
        let root = packageRoot(filePath: filePath)
        candidates.append(root.appendingPathComponent(".build/debug/abc").path)
        if let found = candidates.first(where: fileManager.isExecutableFile(atPath:)) { return found }
        throw TmuxDriver.Failure(description: """
            the abc executable was not found (looked at \(candidates.joined(separator: ", "))). \
            Run `swift build` first, or set ABC_BINARY to the executable to test.
            """)
    }

    /// The folder holding Package.swift, found upwards from this source file.
    static func packageRoot(filePath: String = #filePath) -> URL {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: filePath).deletingLastPathComponent()
    }
}

/// A private HOME for one test under the temporary directory; `remove()` deletes it.
struct TerminalTestHome {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("abc-terminal-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
