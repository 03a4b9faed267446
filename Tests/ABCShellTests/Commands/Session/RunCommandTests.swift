import Foundation
import Testing
@testable import ABCShell

/// Scripts are written into an in-memory file system and run from there; the data they load
/// stays a real file.
@Suite("run")
struct RunCommandTests {
    func fixture(_ scripts: [String: String]) throws -> (ShellFixture, InMemoryFileSystem) {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: nil)
        files.addFolder(f.folder.path)
        for (name, text) in scripts {
            files.addFolder(URL(fileURLWithPath: f.path(name)).deletingLastPathComponent().path)
            files.put(text, at: f.path(name))
        }
        return (f, files)
    }

    @Test func runsTheCommandsOfAScript() throws {
        let (f, _) = try fixture(["w.abc": "# a workshop\nload sales.csv\nset tiers revenue 80/15/5\n\nexpect tier A customers = 3\nscenario new next\n"])
        defer { f.remove() }
        let output = CapturedOutput()
        #expect(try f.blocks("run \(f.path("w.abc"))", as: RunCommand.self, output: output).isEmpty)
        // What the script's commands print goes straight to the output.
        #expect(output.text.contains("Tiers: revenue share 80/15/5 (cumulative share of revenue)\n"))
        #expect(f.session.scenario.name == "next")
        #expect(f.session.scenario.rule == .valueShare(.revenue, [80, 15, 5]))
    }

    @Test func stopsAtTheFirstErrorNamingTheScriptLine() throws {
        let (f, _) = try fixture(["w.abc": "load sales.csv\nexpect tier A customers = 4\nscenario new never\n"])
        defer { f.remove() }
        let d = try #require(f.failure("run \(f.path("w.abc"))"))
        // Line 2; "expect tier A " is 14 characters, so the metric is at column 15.
        #expect(d.location?.description == "\(f.path("w.abc")):2:15")
        #expect(d.message == "expectation failed: tier A customers is 1, not = 4")
        #expect(f.session.scenario(named: "never") == nil)
    }

    @Test func continuedLinesAndNestedScriptsRelativeToTheirFolder() throws {
        let (f, _) = try fixture([
            "outer.abc": "load sales.csv\nrun sub/inner.abc\n",
            "sub/inner.abc": "set tiers \\\n  count 50/50\nrun next.abc\n",
            "sub/next.abc": "scenario new nested\n",
        ])
        defer { f.remove() }
        f.run("run \(f.path("outer.abc"))")
        #expect(f.session.scenario.name == "nested")
        // The rule set on two physical lines, copied into nested: A = ⌊5·50/100⌋ = 2.
        f.run("expect tier A customers = 2")
    }

    /// A script named by a relative path takes its own relative paths from its folder, which is
    /// the session's working directory here, not the test process's.
    @Test func aRelativeScriptPathIsTakenFromTheWorkingDirectory() throws {
        let (f, _) = try fixture(["w.abc": "load sales.csv\n"])
        defer { f.remove() }
        f.run("run w.abc")
        #expect(f.session.dataset?.customerCount == 5)
    }

    @Test func aMissingScript() throws {
        let (f, _) = try fixture([:])
        defer { f.remove() }
        let d = try #require(f.failure("run nope.abc"))
        #expect(d.message == "no script 'nope.abc'")
        #expect(d.location?.description == "<command-line>:1:5")
        let usage = try #require(f.failure("run"))
        #expect(usage.message == "missing argument; usage: run SCRIPT")
        #expect(usage.location?.column == 5)
    }

    /// A saved script replayed twice in one shell: the second run replaces the scenarios the
    /// first made, in one line, instead of stopping at "scenario 'cts' exists".
    @Test func replayingTwiceReplacesTheScenariosAndSaysSo() throws {
        let saved = "# abc 0.2\nload sales.csv\nscenario new cts\nlever cost-to-serve C per-order 4.5\n"
        let (f, _) = try fixture(["w.abc": saved])
        defer { f.remove() }
        let first = f.run("run w.abc")
        #expect(!first.notes.contains("replaces"))
        let scenarios = f.session.scenarios
        f.run("scenario new mine")
        let mine = f.session.scenarios
        let second = f.run("run w.abc")
        // Beside the output (stderr): the replay's own output is what its commands print.
        #expect(second.notes == "w.abc replaces this shell's scenarios (base, cts, mine); `undo` brings them back\n")
        #expect(second.text.hasPrefix("Loaded sales.csv"))
        #expect(f.session.scenarios == scenarios)
        f.run("undo")  // the run was one step: the scenarios it replaced come back
        #expect(f.session.scenarios == mine)
        #expect(f.session.scenario.name == "mine")
    }

    /// A saved script's `scenario new X from base` copies the base the script sets up, not the
    /// levers base holds in the shell it replays in.
    @Test func aSavedScriptDoesNotInheritTheShellsBase() throws {
        let (f, files) = try fixture([:])
        defer { f.remove() }
        f.run("load sales.csv; scenario new cts from base; lever cost-to-serve C per-order 4.5; scenario use base")
        f.run("save w.abc; save --scenarios-only s.abc")
        let made = f.session.scenarios
        for script in ["w.abc", "s.abc"] {
            f.run("lever uplift B revenue +10% adoption 30%")  // base's levers in this shell
            let output = f.run("run \(script)")
            #expect(output.notes == "\(script) replaces this shell's scenarios (base, cts); `undo` brings them back\n")
            #expect(f.session.scenarios == made, "\(script)")
            #expect(f.session.scenario(named: "cts")?.levers.count == 1)
        }
        #expect(files.text(at: f.path("w.abc"))?.contains("\nscenario new cts from base\n") == true)
    }

    /// A script without a version line that makes a scenario the shell has replaces the
    /// scenarios too; one that makes none works on what the shell has; a nested run never
    /// replaces.
    @Test func whenAnEarlierScriptReplacesTheScenarios() throws {
        let (f, _) = try fixture([
            "new.abc": "scenario new x\n",
            "adds.abc": "set tiers count 40/60\n",
            "outer.abc": "run new.abc\n",
        ])
        defer { f.remove() }
        f.run("load sales.csv; run new.abc; scenario new y")
        #expect(f.run("run adds.abc").text == "Tiers: count share 40/60 (share of customers, ranked by score)\n")
        #expect(f.session.scenarios.map(\.name) == ["base", "x", "y"])
        #expect(f.run("run new.abc").notes.hasPrefix("new.abc replaces this shell's scenarios (base, x, y)"))
        #expect(f.session.scenarios.map(\.name) == ["base", "x"])
        f.run("scenario use base; scenario new z")
        // outer.abc makes no scenario itself, and new.abc runs nested inside it.
        let d = try #require(f.failure("run outer.abc"))
        #expect(d.message == "scenario 'x' exists; pick another name or `scenario use x`")
    }

    /// A script an earlier abc saved (its header, no `# abc 0.2`) whose levers place customers
    /// differently now: one note, once per session, beside the output, only for scripts with
    /// levers; a script written by hand is not from an earlier abc.
    @Test func anEarlierScriptWithLeversGetsOneNote() throws {
        let old = "# abc scenario script: replay with `abc run FILE` or `run FILE` in the shell.\n\n"
            + "load sales.csv\nscenario new lean\nlever uplift B revenue +10% adoption 30%\n"
        let (f, _) = try fixture([
            "old.abc": old, "old2.abc": old.replacingOccurrences(of: "lean", with: "lean2"),
            "plain.abc": "load sales.csv\nsegment\n", "new.abc": "# abc 0.2\n" + old,
            "byhand.abc": "load sales.csv\nscenario new h\nlever uplift B revenue +10% adoption 30%\n",
        ])
        defer { f.remove() }
        let note = "note: old.abc is from an earlier abc (no `# abc 0.2` line): its levers now place customers against "
            + "the tier boundaries before the levers (docs/levers.md, \"Placing customers after the levers\"), so its "
            + "projected tiers may differ from when it was written\n"
        #expect(!f.run("run plain.abc").notes.contains("note:"))
        #expect(!f.run("run new.abc").notes.contains("note:"))
        #expect(!f.run("run byhand.abc").notes.contains("note:"))
        let fresh = try ShellFixture(files: [:], fileSystem: f.session.fileSystem, setup: nil)
        defer { fresh.remove() }
        let replay = fresh.run("run \(f.path("old.abc"))")
        #expect(replay.notes == note)
        #expect(replay.text.hasPrefix("Loaded sales.csv"))
        #expect(!fresh.run("run \(f.path("old2.abc"))").notes.contains("note:"))
    }
}
