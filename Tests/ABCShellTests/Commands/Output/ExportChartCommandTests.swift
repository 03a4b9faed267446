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
        // The plot is 540 wide from x = 60, 300 high from y = 50. A ends at 1/5 of the customers
        // (x = 60 + 540/5 = 168), B at 2/5 (x = 276).
        #expect(svg.contains("<line x1=\"168.0\" y1=\"50.0\" x2=\"168.0\" y2=\"350.0\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>"))
        #expect(svg.contains("<line x1=\"276.0\" y1=\"50.0\" x2=\"276.0\" y2=\"350.0\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>"))
        // The curve by revenue (500, 250, 120, 80, 50 of 1000): 50% at one customer of five
        // (x = 168, y = 50 + 300 × 0.5 = 200), 75% at two (x = 276, y = 125), 100% at the end.
        #expect(svg.contains(" 168.0,200.0 ") && svg.contains(" 276.0,125.0 ") && svg.contains(" 600.0,50.0\""))
        // Bars 540 × 0.8 × share wide, 30 apart from y = 420: A 216, B and C 108.
        #expect(svg.contains("<rect x=\"60.0\" y=\"420.0\" width=\"216.0\" height=\"22.0\" fill=\"#236\"/>"))
        #expect(svg.contains("<rect x=\"60.0\" y=\"450.0\" width=\"108.0\" height=\"22.0\" fill=\"#236\"/>"))
        #expect(svg.contains("<rect x=\"60.0\" y=\"480.0\" width=\"108.0\" height=\"22.0\" fill=\"#236\"/>"))
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
