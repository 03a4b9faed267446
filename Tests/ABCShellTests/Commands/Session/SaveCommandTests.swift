import Foundation
import Testing
@testable import ABCShell

@Suite("save")
struct SaveCommandTests {
    static let workshop = """
        load sales.csv; set weights revenue 1; scenario new lean; set tiers revenue 80/15/5; \
        lever uplift B revenue +10% adoption 30% cost 2
        """

    /// The script's lines after its two header lines and the blank line after them.
    static func commands(_ text: String?) -> [String] {
        Array((text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropFirst(3))
    }

    /// `abc` opens on the sample; the user loads their file at once: the saved script loads
    /// only that file (so `abc run w.abc --data q4.csv` replaces the one load), but keeps the
    /// sample when a command used it first.
    @Test func aLoadRightAfterTheOpeningOneTakesItsPlace() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "q.csv": ShellFixture.sales], fileSystem: files, setup: nil)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(f.session.executeOpeningLoad("load q.csv", output: CapturedOutput()))
        f.run("help; load sales.csv; segment; save w.abc")
        #expect(Self.commands(files.text(at: f.path("w.abc"))) == ["load sales.csv", "segment", ""])
        let g = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "q.csv": ShellFixture.sales], fileSystem: files, setup: nil)
        defer { g.remove() }
        files.addFolder(g.folder.path)
        #expect(g.session.executeOpeningLoad("load q.csv", output: CapturedOutput()))
        g.run("segment; load sales.csv; save w2.abc")
        #expect(Self.commands(files.text(at: g.path("w2.abc"))) == ["load q.csv", "segment", "load sales.csv", ""])
    }

    @Test func theCommandsThatRanInOrder() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: Self.workshop)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(try f.blocks("save w.abc", as: SaveCommand.self).text == "Saved 5 commands (2 scenarios) to w.abc")
        #expect(!FileManager.default.fileExists(atPath: f.path("w.abc")))
        let text = try #require(files.text(at: f.path("w.abc")))
        // The version line first; then each command as typed, one per line, the data relative
        // to the script's folder.
        #expect(text.hasPrefix("# abc 0.2\n# The commands of an abc session in the order they ran"))
        #expect(Self.commands(text) == [
            "load sales.csv", "set weights revenue 1", "scenario new lean", "set tiers revenue 80/15/5",
            "lever uplift B revenue +10% adoption 30% cost 2", "",
        ])
        // Replayed from the same file system, it gives the same scenarios.
        let replay = try ShellFixture(fileSystem: files, setup: nil)
        defer { replay.remove() }
        replay.run("run \(f.path("w.abc"))")
        #expect(replay.session.scenarios == f.session.scenarios)
        #expect(replay.session.scenario.name == "lean")
    }

    /// What a room typed, saved and replayed in a fresh session, prints the same bytes.
    @Test func aReplayPrintsWhatTheCommandsPrinted() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let typed = [
            "load sales.csv", "segment", "set tiers revenue 80/15/5", "scenario new lean",
            "lever cost-to-serve C per-order 4.50", "lever uplift B revenue +10% adoption 30% cost 2 per-adopter",
            "simulate", "lever list", "compare base lean", "scenario list", "expect tier A customers = 3",
            "set format markdown", "segment", "scenario use base; scenario show",
        ]
        let seen = typed.map { f.run($0).text }.joined()
        f.run("save w.abc")
        let replayed = Session(environment: .init(workingDirectory: f.folder.path, home: nil))
        let output = CapturedOutput()
        #expect(replayed.runScript(path: f.path("w.abc"), output: output), "\(output.diagnostics)")
        #expect(output.diagnostics.isEmpty)
        #expect(output.text == seen)
    }

    @Test func failedUndoneAndShellCommandsAreLeftOut() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: "load sales.csv")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("scenario new a; lever uplift B revenue +10% adoption 30%")
        _ = f.failure("set tiers revenue 80/15")  // shares that do not add up
        _ = f.failure("scenario use nowhere")
        f.run("undo")  // takes the lever back: it leaves the script too
        f.run("segment; help segment; history; timer on; timer off; set editor vi; set format csv")
        f.run("save first.abc")
        f.run("scenario new b; undo")  // undone right away: never in the script
        f.run("save w.abc")
        #expect(Self.commands(files.text(at: f.path("w.abc"))) == ["load sales.csv", "scenario new a", "segment", "set format csv", ""])
    }

    @Test func exportsAreCommentedOutUnlessWithExports() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: "load sales.csv")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("export segments out.csv; segment; save w.abc")
        let text = try #require(files.text(at: f.path("w.abc")))
        #expect(text.contains("\n# Exports are commented out; `save --with-exports` keeps them.\n"))
        #expect(Self.commands(text).dropFirst() == ["load sales.csv", "# export segments out.csv", "segment", ""])
        f.run("save --with-exports --force w.abc")
        let with = try #require(files.text(at: f.path("w.abc")))
        #expect(!with.contains("commented out"))
        #expect(Self.commands(with) == ["load sales.csv", "export segments out.csv", "segment", ""])
    }

    /// Paths typed relative to the working directory are written relative to the script's
    /// folder (absolute when they lie outside it); a `run` is kept as its own line.
    @Test func pathsAreRelativeToTheScriptsFolder() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: nil)
        defer { f.remove() }
        try FileManager.default.createDirectory(atPath: f.path("q3"), withIntermediateDirectories: true)
        try Data(ShellFixture.sales.utf8).write(to: URL(fileURLWithPath: f.path("q3/sales.csv")))
        files.addFolder(f.path("q3"))
        files.put("set tiers count 40/60\n", at: f.path("q3/tiers.abc"))
        f.run("load q3/sales.csv --sep comma; run q3/tiers.abc; export segments 'q3/out put.csv'; export segments top.csv")
        f.run("save --with-exports q3/w.abc")
        #expect(Self.commands(files.text(at: f.path("q3/w.abc"))) == [
            "load sales.csv --sep comma", "run tiers.abc", "export segments 'out put.csv'", "export segments \(f.path("top.csv"))", "",
        ])
    }

    @Test func pathsThatNeedQuotesAreQuoted() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(files: ["my sales.csv": ShellFixture.sales], fileSystem: files, setup: "load 'my sales.csv' --sep comma")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("export segments \"it's.csv\"; save w.abc")
        #expect(Self.commands(files.text(at: f.path("w.abc"))).dropFirst() == ["load 'my sales.csv' --sep comma", "# export segments \"it's.csv\"", ""])
    }

    /// The scenarios as they stand: base set up first, then each scenario as a copy of its
    /// parent with what it sets beyond it, then the current scenario. lean was copied from base
    /// before base's tiers changed: as a copy of base as it stands, it puts the old tiers back.
    @Test func scenariosOnly() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: "load sales.csv")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("""
            scenario new lean; lever cost-to-serve C per-order 4.5; scenario new lean2 from lean; set weights revenue 1; \
            scenario use base; set tiers revenue 80/15/5; segment; scenario use lean
            """)
        #expect(try f.blocks("save --scenarios-only w.abc", as: SaveCommand.self).text == "Saved 3 scenarios to w.abc")
        #expect(files.text(at: f.path("w.abc")) == """
            # abc 0.2
            # The data and scenarios of an abc session (`save --scenarios-only`); replay with `abc run FILE` or `run FILE`.

            load sales.csv

            scenario use base
            set tiers revenue 80/15/5

            scenario new lean from base
            set tiers count 20/30/50
            lever cost-to-serve C per-order 4.50

            scenario new lean2 from lean
            set weights revenue 1
            scenario use lean

            """)
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

    @Test func usageErrors() throws {
        let f = try ShellFixture(setup: nil)
        defer { f.remove() }
        let usage = "save PATH [--force] [--with-exports] [--scenarios-only]"
        try f.expectFailure("save", message: "missing argument; usage: \(usage)", column: 6)
        try f.expectFailure("save a.abc b.abc", message: "too many arguments; usage: \(usage)", column: 12)
        try f.expectFailure(
            "save a.abc --with-exports --scenarios-only",
            message: "--scenarios-only writes no commands, so no exports: give one of --with-exports and --scenarios-only", column: 27)
    }
}
