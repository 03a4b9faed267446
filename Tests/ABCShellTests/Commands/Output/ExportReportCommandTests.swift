import Foundation
import Testing
@testable import ABCShell

@Suite("export report")
struct ExportReportCommandTests {
    static let setup = "load sales.csv; scenario new lean; lever uplift B revenue +10% adoption 30% cost 2"

    @Test func aMarkdownReportOfEveryScenario() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: Self.setup)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(try f.blocks("export report r.md", as: ExportReportCommand.self).text == "Wrote a report of 2 scenarios to r.md")
        let md = try #require(files.text(at: f.path("r.md")))
        #expect(md.hasPrefix("# ABC segmentation of sales.csv\n"))
        #expect(md.contains("\n## Scenario base\n") && md.contains("\n## Scenario lean\n") && md.contains("\n## Comparison\n"))
        // Base's profile (A = K1; numbers for people: grouped, scores to 4 decimals), lean's lever
        // and the comparison's KPI row for lean.
        #expect(md.contains("\n| A | 1 | 20.00% | 500.00 | 50.00% | 250.00 | 50.00% | 2 | 250.00 | 0.0 | 81.0 | K1 | 1.0000 |\n"))
        #expect(md.contains("lever 1: uplift B revenue +10% adoption 30% cost 2.00 per-adopter"))
        #expect(md.contains("\n| lean (after levers) | 5 | 1,007.50 | 7.50 | 433.00 | 3.00 | 0.00 | 0.60 | 432.40 | 2.40 | 1 |\n"))
        #expect(f.session.scenario.name == "lean")
    }

    @Test func anHTMLReportReplacedOnlyWithForce() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: Self.setup)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        files.put("keep me", at: f.path("r.html"))
        let d = try #require(f.failure("export report r.html"))
        #expect(d.message == "'\(f.path("r.html"))' exists; add --force to replace it")
        #expect(files.text(at: f.path("r.html")) == "keep me")
        f.run("export report r.html --force")
        let html = try #require(files.text(at: f.path("r.html")))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)  // a chart per scenario
        #expect(!FileManager.default.fileExists(atPath: f.path("r.html")))
    }

    @Test func aWorkbookWithASheetPerTable() throws {
        let f = try ShellFixture(setup: Self.setup)
        defer { f.remove() }
        #expect(f.run("export report r.xlsx").text == "Wrote a report of 2 scenarios to r.xlsx\n")
        let book = try Python.workbook(at: f.path("r.xlsx"))
        #expect(book.sheets.map(\.title) == [
            "summary", "profile base", "profile lean", "levers lean", "simulation lean", "migration lean",
            "comparison", "comparison KPIs", "comparison migration", "comparison migration 2", "segments",
        ])
        #expect(book.sheets.allSatisfy { $0.freeze == "A2" })
        let summary = book.sheets[0].rows.map { $0.map { $0?.s ?? "" } }
        #expect(summary.contains(["Scenario lean", "lever 1: uplift B revenue +10% adoption 30% cost 2.00 per-adopter"]))
        #expect(summary.contains(["sheet levers lean", "Levers, applied in this order"]))
        // Base's profile: numbers as numbers, shares as fractions, the boundary customer as text.
        let a = book.sheets[1].rows[1]
        #expect(a[0] == .init(t: "s", s: "A"))
        #expect(a[1] == .init(t: "n", n: 1))
        #expect(a[2] == .init(t: "n", n: 0.2))
        #expect(a[3] == .init(t: "n", n: 500))
        #expect(a[11] == .init(t: "s", s: "K1"))
        // The current scenario's customers, as export segments writes them.
        #expect(book.sheets.last?.rows.count == 6)
        #expect(book.sheets.last?.rows[0].last??.s == "profit_basis")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("export report r.txt"))
        #expect(d.message == "the report is markdown, HTML or a workbook: give a path ending in .md, .html or .xlsx")
        #expect(d.location?.column == 15)
        let option = try #require(f.failure("export report r.md --forse"))
        #expect(option.message == "unknown option '--forse' for 'export report'; did you mean '--force'?")
        #expect(option.location?.column == 20)
    }
}
