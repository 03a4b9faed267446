import Testing
@testable import ABCShell

@Suite("chart")
struct ChartCommandTests {
    @Test(arguments: [("chart", ChartCommand.Kind.all), ("chart PARETO", .pareto), ("chart tiers", .tiers)])
    func parsesTheKind(line: String, kind: ChartCommand.Kind) throws {
        #expect(try ShellFixture.parse(line, as: ChartCommand.self).kind == kind)
    }

    @Test func tierBarsInEighthsOfABlock() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        // No terminal: bars of 50 columns. A has 50% of revenue: 50 × 8 × 50% = 200 eighths, 25
        // full blocks; B and C 25%: 100 eighths, 12 blocks and a half block (▌).
        let text = try f.blocks("chart tiers", as: ChartCommand.self).text
        func bar(_ blocks: Int, _ rest: String = "") -> String {
            let bar = String(repeating: "█", count: blocks) + rest
            return bar + String(repeating: " ", count: 51 - bar.count)
        }
        #expect(text == """
            Revenue share per tier
            A \(bar(25)) 50.00%  (1 customers)
            B \(bar(12, "▌")) 25.00%  (1 customers)
            C \(bar(12, "▌")) 25.00%  (3 customers)
            """)
    }

    @Test func narrowTerminalsGetNarrowerBars() throws {
        let f = try ShellFixture(configure: { $0.terminalWidth = 40 })
        defer { f.remove() }
        // Width 40: the curve takes max(30, 40 − 10) = 30 columns, the bars 30 − 20 = 10:
        // A 10 × 8 × 50% = 40 eighths = 5 blocks.
        let text = try f.blocks("chart tiers", as: ChartCommand.self).text
        // Padded to 11 columns, then a space before the share.
        #expect(text.contains("\nA █████" + String(repeating: " ", count: 7) + "50.00%  (1 customers)\n"))
    }

    @Test func theCurveMarksEachTierUnderItsMiddle() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let lines = try f.blocks("chart pareto", as: ChartCommand.self).text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "sales.csv, scenario base: count share 20/30/50 (share of customers, ranked by score)")
        // 70 columns; the tiers end at 1/5 and 2/5 of the customers, so their middles are at
        // 0.1, 0.3 and 0.7 of 69: columns 6, 20 and 48.
        var axis = Array(repeating: Character(" "), count: 70)
        axis[6] = "A"
        axis[20] = "B"
        axis[48] = "C"
        #expect(lines.last == "       " + String(axis) + "  share of customers →")
        #expect(lines.count == 2 + 12 + 2)  // title, legend, 12 rows of braille, axis and letters
    }

    @Test func aPartialWindowIsMarkedInTheTitles() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files, setup: "load sales.csv; set period year 2024")
        defer { f.remove() }
        files.addFolder(f.folder.path)
        // The data covers 2024 for 91 of its 366 days.
        let title = "sales.csv, scenario base: count share 20/30/50 (share of customers, ranked by score); "
            + "window year 2024, 2024-01-01 to 2024-03-31 (partial: 91 of 366 days)"
        #expect(try f.blocks("chart pareto", as: ChartCommand.self).text.hasPrefix(title + "\n"))
        f.run("export chart c.svg")
        #expect(try #require(files.text(at: f.path("c.svg"))).contains("<title>\(title)</title>"))
        // A window covered in full adds nothing.
        f.run("set period month 2024-02")
        #expect(try f.blocks("chart pareto", as: ChartCommand.self).text.hasPrefix(
            "sales.csv, scenario base: count share 20/30/50 (share of customers, ranked by score)\n"))
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let kind = try #require(f.failure("chart bars"))
        #expect(kind.message == "expected pareto or tiers, found 'bars'")
        #expect(kind.location?.column == 7)
        let extra = try #require(f.failure("chart pareto tiers"))
        #expect(extra.message == "too many arguments; usage: chart [pareto|tiers]")
        #expect(extra.location?.column == 14)
    }
}
