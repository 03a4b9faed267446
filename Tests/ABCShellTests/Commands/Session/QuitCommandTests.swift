import Testing
@testable import ABCShell

@Suite("quit")
struct QuitCommandTests {
    @Test(arguments: ["quit", "exit", ".quit", "QUIT"])
    func stopsTheRestOfTheLine(word: String) throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let output = f.run("\(word); scenario new later")
        #expect(f.session.quitRequested)
        #expect(f.session.scenario(named: "later") == nil)
        #expect(output.text.isEmpty)
    }

    @Test func stopsAScript() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: nil)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        files.put("scenario new before\nquit\nscenario new after\n", at: f.path("q.abc"))
        f.run("run q.abc")
        #expect(f.session.scenarios.map(\.name) == ["base", "before"])
    }

    @Test func usageError() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let d = try #require(f.failure("quit now"))
        #expect(d.message == "too many arguments; usage: quit")
        #expect(d.location?.column == 6)
        #expect(!f.session.quitRequested)
    }
}
