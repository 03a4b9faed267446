import Foundation
import Testing
@testable import ABCShell

@Suite("timer")
struct TimerCommandTests {
    /// A clock that advances a quarter of a second each time it is read.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var time = 0.0
        func now() -> Double {
            lock.lock()
            defer { lock.unlock() }
            defer { time += 0.25 }
            return time
        }
    }

    @Test func parsesOnAndOff() throws {
        #expect(try ShellFixture.parse("timer ON", as: TimerCommand.self).on)
        #expect(try !ShellFixture.parse("timer off", as: TimerCommand.self).on)
    }

    @Test func elapsedTimesGoBesideTheOutput() throws {
        let clock = Clock()
        let f = try ShellFixture(configure: { $0.now = { clock.now() } })
        defer { f.remove() }
        // Each command reads the clock when it starts and, with the timer on, when it ends:
        // 0.25 s each. `timer on` is timed itself; after `timer off` nothing is.
        let output = f.run("timer on; scenario list; timer off; scenario list")
        #expect(output.notes == "Run Time: 0.250 s\nRun Time: 0.250 s\n")
        #expect(!output.text.contains("Run Time"))
        #expect(!f.session.timerOn)
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("timer maybe"))
        #expect(d.message == "expected on or off, found 'maybe'")
        #expect(d.location?.column == 7)
    }
}
