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
            "summary", "scenarios", "profile base", "profile lean", "levers lean", "simulation lean", "migration lean",
            "comparison", "comparison KPIs", "comparison migration", "comparison migration 2", "data quality",
            "data quality 2", "segments",
        ])
        #expect(book.sheets.allSatisfy { $0.freeze == "A2" })
        let summary = book.sheets[0].rows.map { $0.map { $0?.s ?? "" } }
        #expect(summary.contains(["Scenario lean", "lever 1: uplift B revenue +10% adoption 30% cost 2.00 per-adopter"]))
        #expect(summary.contains(["sheet levers lean", "Levers, applied in this order"]))
        // Base's profile: numbers as numbers, shares as fractions, the boundary customer as text.
        let a = book.sheets[2].rows[1]
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

@Suite("export report: sections, data quality, Monte Carlo")
struct ExportReportSectionsTests {
    func report(_ line: String, _ export: String = "export report r.html") throws -> String {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run(line + "; " + export)
        return try #require(files.text(at: f.path(export.split(separator: " ")[2].description)))
    }

    /// The summary first, then per scenario settings, profile, simulation and charts, the
    /// comparison and the data quality, in that order.
    @Test func sectionsInOrder() throws {
        let html = try report("load sample; scenario new lean; lever cost-to-serve C per-order 4.50")
        let headings = ["<h2>Summary of scenarios</h2>", "<h2>Scenario base</h2>", "<h3>Settings</h3>", "<h3>Tier profile</h3>",
                        "<h3>Simulation</h3>", "<h3>Charts</h3>", "<h2>Scenario lean</h2>", "<h3>Settings</h3>",
                        "<h3>Tier profile</h3>", "<h3>Simulation</h3>", "<h3>Charts</h3>", "<h2>Comparison</h2>", "<h2>Data quality</h2>"]
        var rest = Substring(html)
        for heading in headings {
            let found = try #require(rest.range(of: heading), "\(heading)")
            rest = rest[found.upperBound...]
        }
        // Numbers for people, tiers in their colours, the print layout.
        #expect(html.contains("<td class=\"n\">4,781,790.56</td>"))
        #expect(html.contains("<span class=\"tier t0\">A</span>"))
        #expect(html.contains("@media print{@page{size:A4"))
        #expect(!html.contains("Monte Carlo bands"))
        #expect(html.contains("Monte Carlo: not run for this scenario as it stands"))
    }

    /// Rows read, used and skipped by reason with their revenue; returns; assumptions.
    @Test func dataQuality() throws {
        let md = try report("load sample", "export report r.md")
        #expect(md.contains("\n## Data quality\n"))
        #expect(md.contains("| read | 127,328 | 6,523,502.95 | 100.00% |  |\n"))
        #expect(md.contains("| used | 127,313 | 6,523,132.70 | 99.99% | segmented |\n"))
        #expect(md.contains("| skipped: no customer id | 15 | 370.25 | 0.01% | left out |\n"))
        #expect(md.contains("| returns (negative amounts) | 2,612 | netted into revenue; not purchase occasions |\n"))
        #expect(md.contains("- columns: customer = 'customer_id'"))
    }

    @Test func anAssumedMarginIsNamed() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(
            files: ["rev.csv": "customer_id,date,amount\nK1,2024-01-05,100.00\nK2,2024-02-10,50.00\nK3,2024-03-02,5.00\n"],
            fileSystem: files, setup: nil)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        f.run("load \(f.path("rev.csv")); set margin 30%; lever uplift B revenue +10% adoption 30% cost 2; export report r.md")
        let md = try #require(files.text(at: f.path("r.md")))
        // The dataset by its file name, never its folders.
        #expect(md.hasPrefix("# ABC segmentation of rev.csv\n"))
        #expect(!md.contains(f.folder.path))
        #expect(md.contains("- scenario base: assumed margin 30% (profit of the levers only; tiers never use it)"))
    }

    /// The bands of the last `simulate --runs N` of a scenario, while its settings stay.
    @Test func monteCarloBandsOfTheLastRunsWhileTheScenarioStands() throws {
        let setup = "load sample; scenario new lean; lever uplift B revenue +10% adoption 30% cost 2; simulate --runs 50 --seed 3"
        let html = try report(setup)
        #expect(html.contains("<caption>Monte Carlo: 50 runs, seed 3"))
        #expect(html.contains("<title>Monte Carlo bands, P10 to P90 with P50 marked (50 runs, seed 3)</title>"))
        #expect(html.components(separatedBy: "Monte Carlo: not run").count - 1 == 0)  // base has no levers
        // A changed scenario drops them; a new run brings them back.
        let changed = try report(setup + "; lever uplift A revenue +1% adoption 10% cost 1")
        #expect(!changed.contains("Monte Carlo bands"))
        let rerun = try report(setup + "; lever uplift A revenue +1% adoption 10% cost 1; simulate --runs 20")
        #expect(rerun.contains("<caption>Monte Carlo: 20 runs, seed 1"))
    }

    @Test func noTimeUnlessTimerOn() throws {
        #expect(!(try report("load sample")).contains("<footer>"))
        #expect(try report("load sample; timer on").contains("<footer>Written "))
        #expect(ExportReportCommand.timestamp(86_400 + 3_661.5) == "1970-01-02 01:01:01 UTC")
        #expect(ExportReportCommand.shortName("/data/a.csv, /data/b.csv") == "a.csv, b.csv")
    }
}
