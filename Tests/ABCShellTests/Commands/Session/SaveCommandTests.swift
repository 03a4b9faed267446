import Foundation
import Testing
@testable import ABCShell

@Suite("save")
struct SaveCommandTests {
    static let workshop = """
        load sales.csv; set weights revenue 1; scenario new lean; set tiers revenue 80/15/5; \
        lever uplift B revenue +10% adoption 30% cost 2
        """

    @Test func aScriptThatRecreatesTheSession() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: Self.workshop)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(try f.blocks("save w.abc", as: SaveCommand.self).text == "Saved 2 scenarios to w.abc")
        let lines = try #require(files.text(at: f.path("w.abc"))).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(!FileManager.default.fileExists(atPath: f.path("w.abc")))
        // The data relative to the script's folder; lean as a copy of a fresh base with every
        // setting it has, amounts exact; then base's own settings; then back to lean.
        #expect(lines.first?.hasPrefix("# abc scenario script") == true)
        #expect(lines.contains("load sales.csv"))
        let lean = try #require(lines.firstIndex(of: "scenario new lean from base"))
        #expect(Array(lines[(lean + 1)...(lean + 3)]) == [
            "set weights revenue 1", "set tiers revenue 80/15/5", "lever uplift B revenue +10% adoption 30% cost 2.00 per-adopter",
        ])
        #expect(lines.suffix(4) == ["scenario use base", "set weights revenue 1", "scenario use lean", ""])
        // Replayed from the same file system, it gives the same scenarios.
        let replay = try ShellFixture(fileSystem: files, setup: nil)
        defer { replay.remove() }
        replay.run("run \(f.path("w.abc"))")
        #expect(replay.session.scenarios == f.session.scenarios)
        #expect(replay.session.scenario.name == "lean")
    }

    @Test func replacesAFileOnlyWithForce() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        files.put("# someone's script\n", at: f.path("w.abc"))
        let d = try #require(f.failure("save w.abc"))
        #expect(d.message == "'\(f.path("w.abc"))' exists; add --force to replace it")
        #expect(files.text(at: f.path("w.abc")) == "# someone's script\n")
        f.run("save w.abc --force")
        #expect(files.text(at: f.path("w.abc"))?.contains("\nload sales.csv\n") == true)
        #expect(files.writes.count == 1)
    }

    @Test func pathsThatNeedQuotesAreQuoted() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(files: ["my sales.csv": ShellFixture.sales], fileSystem: files, setup: "load 'my sales.csv' --sep comma")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("save w.abc")
        #expect(files.text(at: f.path("w.abc"))?.contains("\nload 'my sales.csv' --sep comma\n") == true)
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let missing = try #require(f.failure("save"))
        #expect(missing.message == "missing argument; usage: save PATH [--force]")
        #expect(missing.location?.column == 6)
        let extra = try #require(f.failure("save a.abc b.abc"))
        #expect(extra.message == "too many arguments; usage: save PATH [--force]")
        #expect(extra.location?.column == 12)
    }
}
