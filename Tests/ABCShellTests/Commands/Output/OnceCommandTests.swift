import Foundation
import Testing
@testable import ABCShell

@Suite("once")
struct OnceCommandTests {
    @Test func theNextCommandOnly() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format csv")
        defer { f.remove() }
        let output = f.run("once s.csv; segment; scenario list")
        #expect(try String(contentsOfFile: f.path("s.csv"), encoding: .utf8).hasPrefix("tier,customers,cust_share,"))
        #expect(output.text.hasPrefix("current,scenario,copied_from,"))
    }

    @Test func refusesAnExistingFileUnlessForced() throws {
        let f = try ShellFixture(files: ["sales.csv": ShellFixture.sales, "s.csv": "keep"])
        defer { f.remove() }
        #expect(f.failure("once s.csv")?.message == "'\(f.path("s.csv"))' exists; add --force to replace it")
        f.run("once s.csv --force; segment")
        #expect(try String(contentsOfFile: f.path("s.csv"), encoding: .utf8).hasPrefix("Segmentation of"))
    }
}
