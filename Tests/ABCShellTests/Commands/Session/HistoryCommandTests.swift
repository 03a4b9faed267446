import Testing
@testable import ABCShell

@Suite("history")
struct HistoryCommandTests {
    @Test func outsideTheInteractiveShell() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        #expect(try f.blocks("history", as: HistoryCommand.self).text == "no history outside the interactive shell")
    }

    @Test func numberedAndRightAligned() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let entries = (1...9).map { "scenario new s\($0)" } + ["segment"]
        f.session.historyProvider = { entries }
        let lines = try f.blocks("history", as: HistoryCommand.self).text.split(separator: "\n")
        // Ten entries: numbers two wide.
        #expect(lines.count == 10)
        #expect(lines.first == " 1  scenario new s1")
        #expect(lines.last == "10  segment")
    }

    @Test func usageError() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("history 5"))
        #expect(d.message == "too many arguments; usage: history")
        #expect(d.location?.column == 9)
    }
}
