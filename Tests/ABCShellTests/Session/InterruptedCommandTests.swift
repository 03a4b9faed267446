import Foundation
import Testing
@testable import ABCShell

/// Ctrl-C during a long command: the executable's handler sets a flag that the command polls
/// (`Session.Environment.isCancelled`). Here the flag is raised by the command's first
/// progress report, so the command is stopped in the middle of its work.
@Suite("interrupted commands")
struct InterruptedCommandTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var armed = false, raised = false, reports = 0
        /// From now on, the next progress report raises the flag.
        func arm() { lock.withLock { armed = true; raised = false; reports = 0 } }
        func disarm() { lock.withLock { armed = false; raised = false } }
        func report(_ fraction: Double) { lock.withLock { reports += 1; if armed { raised = true } } }
        var isRaised: Bool { lock.withLock { raised } }
        var reportCount: Int { lock.withLock { reports } }
    }

    static let setup = "load sales.csv; lever uplift B revenue +10% adoption 30% cost 2; scenario new lean; lever drop C unprofitable"

    @Test(arguments: ["simulate --runs 100000", "summary --runs 100000", "track monthly", "sweep weight revenue 0 0.9 0.001"])
    func stopsWithOneLineAndTheSessionAsItWas(line: String) throws {
        let flag = Flag()
        let f = try ShellFixture(setup: Self.setup) { environment in
            environment.isCancelled = { flag.isRaised }
            environment.progress = flag.report
        }
        defer { f.remove() }
        let scenarios = f.session.scenarios, current = f.session.currentScenarioName
        flag.arm()
        let output = CapturedOutput()
        #expect(!f.session.execute(line, origin: .commandLine, output: output))
        #expect(output.diagnostics.map(\.message) == ["interrupted; nothing was changed"])
        #expect(output.text.isEmpty, "nothing of the stopped command is printed")
        #expect(f.session.scenarios == scenarios && f.session.currentScenarioName == current)
        // The session goes on: the same command, not interrupted, completes.
        flag.disarm()
        f.run(line.replacingOccurrences(of: "100000", with: "50"))
        #expect(flag.reportCount > 0)
    }

    /// Without a terminal the executable passes no progress: nothing is reported, and the
    /// output is the same as with a progress bar.
    @Test func progressChangesNothingPrinted() throws {
        let flag = Flag()
        let watched = try ShellFixture(setup: Self.setup) { $0.progress = flag.report }
        let plain = try ShellFixture(setup: Self.setup)
        defer { watched.remove(); plain.remove() }
        let line = "simulate --runs 300; summary --runs 300; track monthly; sweep weight revenue 0 1 0.25"
        #expect(watched.run(line).text == plain.run(line).text)
        #expect(flag.reportCount > 0)
    }
}
