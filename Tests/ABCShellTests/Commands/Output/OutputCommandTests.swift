import Foundation
import Testing
@testable import ABCShell

@Suite("output")
struct OutputCommandTests {
    @Test func laterOutputGoesToTheFileUntilOutputAlone() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format json")
        defer { f.remove() }
        #expect(f.run("output o.jsonl").text.hasPrefix(#"{"command":"output""#))
        let redirected = f.run("segment; scenario list")
        #expect(redirected.text.isEmpty)
        let written = try String(contentsOfFile: f.path("o.jsonl"), encoding: .utf8)
        let lines = written.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix(#"{"command":"segment","#) && lines[1].hasPrefix(#"{"command":"scenario list","#))
        f.run("output")
        #expect(f.run("scenario list").text.hasPrefix(#"{"command":"scenario list""#))
        #expect(try String(contentsOfFile: f.path("o.jsonl"), encoding: .utf8) == written)
    }

    @Test func aFailingCommandWritesNothing() throws {
        let f = try ShellFixture(setup: "load sales.csv; output o.txt")
        defer { f.remove() }
        _ = f.failure("scenario use nope")
        #expect(try String(contentsOfFile: f.path("o.txt"), encoding: .utf8) == "")
    }

    @Test func theFileIsCreatedExclusively() throws {
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "o.txt": "keep"])
        defer { f.remove() }
        #expect(f.failure("output o.txt")?.message == "'\(f.path("o.txt"))' exists; add --force to replace it")
        #expect(try String(contentsOfFile: f.path("o.txt"), encoding: .utf8) == "keep")
        f.run("output o.txt --force; segment")
        #expect(try String(contentsOfFile: f.path("o.txt"), encoding: .utf8).hasPrefix("Segmentation of sales.csv"))
    }

    @Test func aFolderGetsAFilePerTableWithCSVAll() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean; lever uplift B revenue +10% adoption 30%")
        defer { f.remove() }
        try FileManager.default.createDirectory(atPath: f.path("out"), withIntermediateDirectories: false)
        let output = f.run("output out; set format csv --all; simulate; segment")
        #expect(output.notes.contains("Simulation of scenario lean"))
        let names = try FileManager.default.contentsOfDirectory(atPath: f.path("out")).sorted()
        #expect(names == ["1-simulate-before_after.csv", "1-simulate-levers.csv", "1-simulate-migration.csv", "2-segment-profile.csv"])
        #expect(try String(contentsOfFile: f.path("out/2-segment-profile.csv"), encoding: .utf8).hasPrefix("tier,customers,"))
        // Back to one destination: --all ends.
        #expect(f.run("output").notes == "set format csv --all ends: output is on the screen\n")
    }
}
