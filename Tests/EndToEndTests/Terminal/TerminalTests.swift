import Foundation
import Testing

/// The interactive shell, driven through a real pseudo-terminal (tmux) as a user would: keys
/// in, screen out. Each test gets its own HOME and its own tmux server.
///
/// Serialized: libedit re-raises SIGINT to its process group and the tests send Ctrl-C, so
/// terminal tests run one at a time (each in its own tmux session, never in ours).
@Suite(.serialized, .timeLimit(.minutes(1)))
struct TerminalTests {
    /// Starts the shell on the bundled sample in a fresh HOME and waits for its first prompt.
    private static func startShell(
        home: TerminalTestHome, environment: [String: String] = [:], columns: Int = 200
    ) async throws -> TmuxDriver {
        let driver = try TmuxDriver(home: home.url, binary: try TerminalTools.abcBinary(), environment: environment, columns: columns)
        let screen = try await driver.waitForPrompt(timeout: TmuxDriver.startupTimeout)
        #expect(screen.text.contains("customers  5000"), "the sample should be loaded at start-up")
        return driver
    }

    // MARK: - Running commands

    @Test("a command and Enter runs it")
    func commandAndEnterRunsIt() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let result = try await shell.run("segment")
        #expect(result.echo == "abc> segment")
        #expect(result.output.contains("total"), "segment prints the tier profile")
        #expect(result.output.contains("5,000"))
        #expect(result.prompt == "abc>")
    }

    @Test("an unknown command gets a suggestion and the shell keeps running")
    func unknownCommandGetsSuggestion() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let result = try await shell.run("segmnt")
        #expect(result.output.contains("unknown command 'segmnt'"))
        #expect(result.output.contains("did you mean 'segment'?"))
        #expect(try shell.paneState().dead == false)

        let next = try await shell.run("segment")
        #expect(next.output.contains("total"))
        #expect(next.output.contains("5,000"))
    }

    @Test("a 60-column terminal shows simulate's ROI and segment's profit (tables stack, never cut)")
    func narrowTerminalKeepsTheNumbers() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home, columns: 60)
        defer { shell.stop() }

        let segment = try await shell.run("segment")
        // Tier A's profit on the sample (scenarios/pareto-vs-weighted.expected): 1,811,552.01.
        #expect(segment.output.contains("1,811,552.01"), "\(segment.output)")
        _ = try await shell.run("scenario new lean")
        _ = try await shell.run("lever uplift B revenue +10% adoption 30% cost 2 per-adopter")
        let simulate = try await shell.run("simulate")
        // (15,845.20 − 900) / 900 = 1660.6% (README's worked session).
        #expect(simulate.output.contains("1660.6%"), "\(simulate.output)")
        #expect(!simulate.output.contains("more columns"))
    }

    // MARK: - Completion

    @Test("Tab completes a command name")
    func tabCompletesCommandName() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let start = try await shell.waitForPrompt().lines.count - 1
        try shell.type("seg")
        try await shell.waitForCurrentLine("abc> seg")
        try shell.press("Tab")
        try await shell.waitForCurrentLine("abc> segment")
        // The completion is in libedit's buffer, not only on the screen: Enter runs it.
        try shell.press("Enter")
        let screen = try await shell.waitForPrompt(after: start)
        #expect(screen.output(after: start).contains("total"))
        #expect(screen.output(after: start).contains("5,000"))
    }

    /// Needs scenarios (`scenario new`, `scenario use`, the `abc[NAME]> ` prompt).
    @Test("Tab completes a scenario name (UTF-8)")
    func tabCompletesScenarioName() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let created = try await shell.run("scenario new växt")
        try #require(created.prompt == "abc[växt]>", "`scenario new växt` should switch to it; printed:\n\(created.output)")

        try shell.type("scenario use vä")
        try await shell.waitForCurrentLine("abc[växt]> scenario use vä")
        try shell.press("Tab")
        try await shell.waitForCurrentLine("abc[växt]> scenario use växt")
        // A unique completion ends with a space: the next character starts a new word.
        try shell.type("x")
        try await shell.waitForCurrentLine("abc[växt]> scenario use växt x")
        try shell.press("BSpace")
        try await shell.waitForCurrentLine("abc[växt]> scenario use växt")
        let start = try shell.screen().lines.count - 1
        try shell.press("Enter")
        let screen = try await shell.waitForPrompt(after: start)
        #expect(screen.currentLine == "abc[växt]>")
        #expect(!screen.output(after: start).contains("error"), "\(screen.output(after: start))")
    }

    @Test("Tab after `sweep lever 1` lists that lever's fields, then completes one")
    func tabCompletesLeverFields() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        _ = try await shell.run("lever uplift B revenue +10% adoption 30% cost 2 per-adopter")
        try shell.type("sweep lever 1 ")
        try await shell.waitForCurrentLine("abc> sweep lever 1")
        try shell.press("Tab")
        let listed = try await shell.waitUntil("the lever's fields listed") { screen in
            screen.lines.contains { $0.hasPrefix("adoption") && $0.contains(" cost ") && $0.hasSuffix("lift") }
        }
        #expect(!listed.text.contains("weight"), "the first word is not offered again:\n\(listed.text)")
        try shell.type("ad")
        try shell.press("Tab")
        try await shell.waitForCurrentLine("abc> sweep lever 1 adoption")
    }

    // MARK: - History

    @Test("Up recalls the previous command")
    func upRecallsPreviousCommand() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        _ = try await shell.run("segment")
        _ = try await shell.run("help segment")
        try shell.press("Up")
        try await shell.waitForCurrentLine("abc> help segment")
        try shell.press("Up")
        try await shell.waitForCurrentLine("abc> segment")
    }

    enum HistoryLocation: String, CaseIterable, CustomTestStringConvertible {
        /// XDG_STATE_HOME unset: `~/.local/state/abc/history`.
        case home
        /// XDG_STATE_HOME set: `$XDG_STATE_HOME/abc/history`.
        case xdgStateHome

        var testDescription: String { rawValue }

        func environment(home: URL) -> [String: String] {
            switch self {
            case .home: return [:]
            case .xdgStateHome: return ["XDG_STATE_HOME": home.appendingPathComponent("xdg-state").path]
            }
        }

        func historyFile(home: URL) -> URL {
            switch self {
            case .home: return home.appendingPathComponent(".local/state/abc/history")
            case .xdgStateHome: return home.appendingPathComponent("xdg-state/abc/history")
            }
        }
    }

    @Test("history survives a restart", arguments: HistoryLocation.allCases)
    func historySurvivesRestart(location: HistoryLocation) async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let environment = location.environment(home: home.url)

        let first = try await Self.startShell(home: home, environment: environment)
        defer { first.stop() }
        _ = try await first.run("segment")
        try first.press("C-d")
        #expect(try await first.waitForExit() == 0)
        first.stop()
        #expect(
            FileManager.default.fileExists(atPath: location.historyFile(home: home.url).path),
            "history should be saved at \(location.historyFile(home: home.url).path)")

        let second = try await Self.startShell(home: home, environment: environment)
        defer { second.stop() }
        try second.press("Up")
        try await second.waitForCurrentLine("abc> segment")
    }

    // MARK: - Ctrl-C and Ctrl-D

    @Test("Ctrl-C at the prompt clears the line")
    func ctrlCAtPromptClearsLine() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let start = try await shell.waitForPrompt().lines.count - 1
        try shell.type("segm")
        try await shell.waitForCurrentLine("abc> segm")
        try shell.press("C-c")
        let cleared = try await shell.waitForPrompt(after: start)
        #expect(cleared.currentLine == "abc>", "a fresh, empty prompt after Ctrl-C")
        #expect(try shell.paneState().dead == false, "Ctrl-C at the prompt must not end the shell")

        // Had the line survived, this would run `segment`.
        let result = try await shell.run("ent")
        #expect(result.echo == "abc> ent")
        #expect(result.output.contains("unknown command 'ent'"), "\(result.output)")
        #expect(!result.output.contains("total"), "`segment` must not have run")
    }

    /// Presses Ctrl-C and waits for the prompt: the screen, what was printed since line `start`
    /// (which must say it was interrupted), and how long the prompt took to come back.
    private static func interrupt(
        _ shell: TmuxDriver, after start: Int, timeout: Duration
    ) async throws -> (screen: TmuxDriver.Screen, output: String, elapsed: Duration) {
        let clock = ContinuousClock()
        let interruptedAt = clock.now
        try shell.press("C-c")
        let screen = try await shell.waitForPrompt(after: start, timeout: timeout)
        let elapsed = clock.now - interruptedAt
        let output = screen.output(after: start)
        #expect(output.contains("interrupted"), "\(output)")
        return (screen, output, elapsed)
    }

    @Test("Ctrl-C during a long load returns to the prompt and keeps the loaded data")
    func ctrlCDuringLoadKeepsData() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        try Self.writeLargeTransactions(to: home.url.appendingPathComponent("big.csv"), rows: 3_500_000)
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let start = try await shell.waitForPrompt().lines.count - 1
        try shell.type("load big.csv")
        try await shell.waitForCurrentLine("abc> load big.csv")
        try shell.press("Enter")
        // Let the load get going (a debug build takes several seconds for this file).
        try await Task.sleep(for: .milliseconds(500))
        let beforeInterrupt = try shell.screen()
        if beforeInterrupt.lines.count - 1 > start && TmuxDriver.isPrompt(beforeInterrupt.currentLine) {
            throw TmuxDriver.Failure(description: """
                the load ended within 0.5 s, before Ctrl-C could interrupt it: the file is too small \
                for this binary
                \(try shell.describe(beforeInterrupt))
                """)
        }

        let (screen, output, elapsed) = try await Self.interrupt(shell, after: start, timeout: .seconds(5))
        #expect(!output.contains("Loaded"), "the load should not have completed:\n\(output)")
        #expect(screen.currentLine == "abc>")
        #expect(elapsed < .seconds(3), "the prompt came back \(elapsed) after Ctrl-C")
        #expect(try shell.paneState().dead == false)

        let segmented = try await shell.run("segment")
        #expect(segmented.output.contains("total"), "\(segmented.output)")
        #expect(segmented.output.contains("5,000"), "the sample (5000 customers) is still loaded:\n\(segmented.output)")
    }

    @Test("Ctrl-C during a long server query cancels it on the server and keeps the loaded data")
    func ctrlCDuringServerQueryCancelsIt() async throws {
        let environment = ProcessInfo.processInfo.environment
        let url = try #require(environment["ABC_PG_URL"], "no ABC_PG_URL: run the tests with tools/with-postgres.sh (make test does)")
        let psql = try #require(environment["ABC_PG_PSQL"])
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let start = try await shell.waitForPrompt().lines.count - 1
        let line = "load '\(url)' --query \"SELECT s.* FROM sales_small s CROSS JOIN pg_sleep(45)\" --date sold_at"
        try shell.type(line)
        try shell.press("Enter")
        try await Task.sleep(for: .milliseconds(1500))
        let (_, output, elapsed) = try await Self.interrupt(shell, after: start, timeout: .seconds(10))
        #expect(!output.contains("abc-test-password"), "\(output)")
        #expect(elapsed < .seconds(5), "the prompt came back \(elapsed) after Ctrl-C")
        // The server stopped the statement: no pg_sleep left running.
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-c", psql + " -At -c \"SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(45)%' AND state = 'active' AND pid <> pg_backend_pid()\""]
        let out = Pipe()
        check.standardOutput = out
        try check.run()
        check.waitUntilExit()
        #expect(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "0\n")
        let segmented = try await shell.run("segment")
        #expect(segmented.output.contains("5,000"), "the sample is still loaded:\n\(segmented.output)")
    }

    @Test("Ctrl-D at the prompt exits with status 0")
    func ctrlDExitsZero() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        try shell.press("C-d")
        #expect(try await shell.waitForExit() == 0)
    }

    @Test("Ctrl-D with unsaved scenarios asks once, then leaves")
    func ctrlDWithUnsavedScenariosAsksOnce() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        _ = try await shell.run("scenario new lean")
        try shell.press("C-d")
        let asked = try await shell.waitUntil("the unsaved-scenarios question") { $0.text.contains("2 scenarios not saved") }
        #expect(asked.text.contains("`save FILE.abc` keeps them"))
        #expect(try shell.paneState().dead == false)
        try shell.press("C-d")
        #expect(try await shell.waitForExit() == 0)
    }

    /// A shell killed with scenarios and levers not saved: the next start offers them back,
    /// from the journal under XDG_STATE_HOME (0600), and restores them; a shell left with
    /// quit leaves no journal (docs/scripts.md#restoring-a-session).
    @Test("a killed session is offered back at the next start")
    func aKilledSessionIsRestored() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let environment = ["XDG_STATE_HOME": home.url.appendingPathComponent("xdg-state").path]
        let journals = home.url.appendingPathComponent("xdg-state/abc")
        let first = try await Self.startShell(home: home, environment: environment)
        defer { first.stop() }
        _ = try await first.run("scenario new lean")
        _ = try await first.run("lever cost-to-serve C per-order 4.50")
        _ = try await first.run("scenario new growth from base")
        _ = try await first.run("lever uplift B revenue +10% adoption 30% cost 2 per-adopter")
        _ = try await first.run("set tiers revenue 70/20/10")
        let pid = try #require(try first.panePID())
        let journal = journals.appendingPathComponent("session-\(pid).abc")
        let mode = try FileManager.default.attributesOfItem(atPath: journal.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        kill(pid, SIGKILL)
        try await first.waitUntil("the shell to die") { _ in (try? first.paneState().dead) ?? false }
        first.stop()

        let second = try TmuxDriver(home: home.url, binary: try TerminalTools.abcBinary(), environment: environment)
        defer { second.stop() }
        let offer = try await second.waitUntil("the offer", timeout: TmuxDriver.startupTimeout) { $0.text.contains("Restore it? [Y/n]") }
        #expect(offer.text.contains("A session ended without quitting"), "\(offer.text)")
        #expect(offer.text.contains("3 scenarios (load sample)"), "\(offer.text)")
        try second.type("y")
        try second.press("Enter")
        try await second.waitUntil("the restore") { $0.text.contains("Restored 3 scenarios.") }
        let list = try await second.run("lever list")
        #expect(list.output.contains("lever uplift B revenue +10% adoption 30% cost 2.00 per-adopter"), "\(list.output)")
        #expect(!list.output.contains("Loaded sample"), "the restore prints only errors")
        #expect(list.prompt == "abc[growth]>")
        let lean = try await second.run("scenario show lean")
        #expect(lean.output.contains("cost-to-serve C per-order 4.50"), "\(lean.output)")
        #expect(!lean.output.contains("70/20/10"), "\(lean.output)")
        #expect(!FileManager.default.fileExists(atPath: journal.path), "the old journal goes once restored")
        try second.type("quit!")
        try second.press("Enter")
        #expect(try await second.waitForExit() == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: journals.path).filter { $0.hasPrefix("session-") }
        #expect(left.isEmpty, "\(left)")
    }

    /// With a workspace, a killed shell's scenarios are in it already: the next start with it
    /// restores them, its data and the current scenario, and offers no journal.
    @Test("a killed session with a workspace comes back from it")
    func aKilledSessionComesBackFromTheWorkspace() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let environment = ["XDG_STATE_HOME": home.url.appendingPathComponent("xdg-state").path]
        let first = try TmuxDriver(home: home.url, binary: try TerminalTools.abcBinary(), environment: environment, arguments: ["--workspace", "w.abcw"])
        defer { first.stop() }
        try await first.waitForPrompt(timeout: TmuxDriver.startupTimeout)
        _ = try await first.run("scenario new lean")
        _ = try await first.run("lever cost-to-serve C per-order 4.50")
        _ = try await first.run("scenario new growth from base")
        _ = try await first.run("lever uplift B revenue +10% adoption 30% cost 2 per-adopter")
        let pid = try #require(try first.panePID())
        kill(pid, SIGKILL)
        try await first.waitUntil("the shell to die") { _ in (try? first.paneState().dead) ?? false }
        first.stop()

        let second = try TmuxDriver(home: home.url, binary: try TerminalTools.abcBinary(), environment: environment, arguments: ["--workspace", "w.abcw"])
        defer { second.stop() }
        let screen = try await second.waitForPrompt(timeout: TmuxDriver.startupTimeout)
        #expect(screen.text.contains("Restored 3 scenarios from the workspace (current: growth)"), "\(screen.text)")
        #expect(!screen.text.contains("Restore it?"))
        #expect(screen.currentLine.hasPrefix("abc[growth]>"))
        let lean = try await second.run("scenario show lean")
        #expect(lean.output.contains("cost-to-serve C per-order 4.50"), "\(lean.output)")
        let list = try await second.run("lever list")
        #expect(list.output.contains("uplift B revenue +10% adoption 30% cost 2.00 per-adopter"), "\(list.output)")
    }

    @Test("quit! leaves at once, unsaved or not")
    func quitBangLeaves() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        _ = try await shell.run("scenario new lean")
        try shell.type("quit!")
        try shell.press("Enter")
        #expect(try await shell.waitForExit() == 0)
    }

    // MARK: - UTF-8

    /// Needs scenarios (`scenario new NAME` and the `abc[NAME]> ` prompt).
    @Test("UTF-8 input round-trips: scenario new växt")
    func utf8ScenarioName() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let result = try await shell.run("scenario new växt")
        #expect(result.echo == "abc> scenario new växt")
        #expect(result.prompt == "abc[växt]>", "printed:\n\(result.output)")
    }

    @Test("UTF-8 input round-trips: a missing file's name in the error, and in history")
    func utf8FileName() async throws {
        let home = try TerminalTestHome()
        defer { home.remove() }
        let shell = try await Self.startShell(home: home)
        defer { shell.stop() }

        let result = try await shell.run("load 'växt.csv'")
        #expect(result.echo == "abc> load 'växt.csv'")
        #expect(result.output.contains("error"), "\(result.output)")
        #expect(result.output.contains("växt.csv"), "\(result.output)")
        #expect(result.prompt == "abc>")

        try shell.press("Up")
        try await shell.waitForCurrentLine("abc> load 'växt.csv'")
    }

    // MARK: - Data

    /// Writes a transactions CSV of `rows` short rows, fast: one block is built once and
    /// written repeatedly.
    static func writeLargeTransactions(to url: URL, rows: Int) throws {
        let blockRows = 1000
        var block = ""
        block.reserveCapacity(blockRows * 24)
        for i in 0..<blockRows {
            let day = i % 28 + 1
            block += "C\(i * 7 % 1000 + 10_000),2024-01-\(day < 10 ? "0" : "")\(day),\(i % 900 + 1).50\n"
        }
        let blockData = Data(block.utf8)
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("customer_id,date,amount\n".utf8))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        for _ in 0..<(rows / blockRows) { try handle.write(contentsOf: blockData) }
    }
}
