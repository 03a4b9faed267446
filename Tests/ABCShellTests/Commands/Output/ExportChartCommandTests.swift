import Foundation
import Testing
@testable import ABCShell

@Suite("export chart")
struct ExportChartCommandTests {
    @Test func writesTheSVGThroughTheFileSystem() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        #expect(try f.blocks("export chart c.svg", as: ExportChartCommand.self).text == "Wrote the charts of scenario base to c.svg")
        let svg = try #require(files.text(at: f.path("c.svg")))
        #expect(!FileManager.default.fileExists(atPath: f.path("c.svg")))  // nothing on the disk
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        // The title takes two lines (24 and 43), the tier letters a strip under it: the plot is
        // 540 wide from x = 60 and 300 high from y = 81. A ends at 1/5 of the customers
        // (x = 60 + 540/5 = 168), B at 2/5 (x = 276).
        #expect(svg.contains("<tspan x=\"60.0\">sales.csv, scenario base: count share 20/30/50 (share of customers,</tspan><tspan x=\"60.0\" dy=\"19\">ranked by score)</tspan>"))
        #expect(svg.contains("<line x1=\"168.0\" y1=\"81.0\" x2=\"168.0\" y2=\"381.0\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"))
        #expect(svg.contains("<line x1=\"276.0\" y1=\"81.0\" x2=\"276.0\" y2=\"381.0\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>"))
        // The curve by revenue (500, 250, 120, 80, 50 of 1000): 50% at one customer of five
        // (x = 168, y = 81 + 300 × 0.5 = 231), 75% at two (x = 276, y = 156), 100% at the end.
        #expect(svg.contains(" 168.0,231.0 ") && svg.contains(" 276.0,156.0 ") && svg.contains(" 600.0,81.0\""))
        // The tier letters above the plot (y = 71), never on the curve, in the tiers' colours.
        #expect(svg.contains("<text x=\"114.0\" y=\"71.0\" text-anchor=\"middle\" fill=\"#0072B2\" font-size=\"14\" font-weight=\"bold\">A</text>"))
        // A's area under the curve, from its start to its boundary.
        #expect(svg.contains("<polygon fill=\"#0072B2\" fill-opacity=\"0.25\" stroke=\"none\" points=\"60.0,381.0 60.0,381.0 "))
        // Bars 540 × 0.6 × share wide, 30 apart from y = 451: A 162, B and C 81.
        #expect(svg.contains("<rect x=\"60.0\" y=\"451.0\" width=\"162.0\" height=\"22.0\" fill=\"#0072B2\"/>"))
        #expect(svg.contains("<rect x=\"60.0\" y=\"481.0\" width=\"81.0\" height=\"22.0\" fill=\"#E69F00\"/>"))
        #expect(svg.contains("<rect x=\"60.0\" y=\"511.0\" width=\"81.0\" height=\"22.0\" fill=\"#808080\"/>"))
        #expect(svg.contains(">25.00% (3 customers)</text>"))
    }

    @Test func replacesAFileOnlyWithForce() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        files.put("old", at: f.path("c.svg"))
        let d = try #require(f.failure("export chart c.svg"))
        #expect(d.message == "'\(f.path("c.svg"))' exists; add --force to replace it")
        #expect(files.text(at: f.path("c.svg")) == "old")
        f.run("export chart c.svg --force")
        #expect(files.text(at: f.path("c.svg"))?.hasPrefix("<?xml") == true)
        #expect(files.writes.map(\.replace) == [true])
    }

    @Test func usageErrors() throws {
        let files = InMemoryFileSystem()
        let f = try ShellFixture(fileSystem: files)
        defer { f.remove() }
        files.addFolder(f.folder.path)
        let png = try #require(f.failure("export chart c.png"))
        #expect(png.message == "the chart is SVG: give a path ending in .svg")
        #expect(png.location?.column == 14)
        let folder = try #require(f.failure("export chart out/c.svg"))
        #expect(folder.message == "cannot write '\(f.path("out/c.svg"))': folder '\(f.path("out"))' does not exist")
        #expect(files.paths.isEmpty)
    }
}
