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
}
