import Foundation
import Testing
@testable import ABCShell
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Charts and reports")
struct ChartTests {
    /// Counts what the SVG holds, reading it as XML (a parse error fails the test).
    final class SVGCounter: NSObject, XMLParserDelegate {
        var points = 0
        var texts: [String] = []
        var rects = 0
        private var inText = false
        private var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "polyline" { points += (attributes["points"] ?? "").split(separator: " ").count }
            if name == "rect" { rects += 1 }
            if name == "text" { inText = true; current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current); inText = false }
        }
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("abc-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func svgParsesWithTheCurveAndTheTierLabels() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(session.execute("load sample; set tiers revenue 80/15/5; export chart c.svg", origin: .commandLine, output: output), "\(output.diagnostics)")
        let data = try Data(contentsOf: dir.appendingPathComponent("c.svg"))
        let parser = XMLParser(data: data)
        let counter = SVGCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(counter.points == ChartData.samples + 1)  // 61 points of the curve
        #expect(counter.rects == 1 + 3)  // the background and a bar per tier
        // Tier letters above the plot and beside the bars, and the revenue shares (customers
        // grouped for people).
        #expect(counter.texts.filter { $0 == "A" }.count == 2)
        #expect(counter.texts.filter { $0 == "C" }.count == 2)
        #expect(counter.texts.contains("80.01% (1,240 customers)"))
        #expect(counter.texts.contains("0%") && counter.texts.contains("100%"))
    }

    /// The tier letters stand above the plot and the title is wrapped: nothing is drawn over
    /// the curve, and no title runs off the drawing (`scenario base: computed ABC limi…`).
    @Test(arguments: ["set tiers count 20/30/50", "set tiers computed on profit", "set tiers revenue 80/15/5"])
    func labelsStayOffTheCurve(tiers: String) throws {
        let session = Session()
        let output = CapturedOutput()
        #expect(session.execute("load sample; \(tiers)", origin: .commandLine, output: output), "\(output.diagnostics)")
        let svg = try ChartCommand.data(for: session.scenario, evaluator: session.evaluator).svg()
        func numbers(after marker: String, in text: Substring) -> [Double] {
            text.components(separatedBy: marker).dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        }
        let polyline = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<polyline") })
        let points = try #require(polyline.components(separatedBy: "points=\"").last?.dropLast(3))
        let curveTop = try #require(points.split(separator: " ").compactMap { Double($0.split(separator: ",")[1]) }.min())
        let letters = svg.split(separator: "\n").filter { $0.hasPrefix("<text") && $0.contains("font-size=\"14\"") }
        #expect(letters.count == 3)
        for letter in letters { #expect(try #require(numbers(after: " y=\"", in: letter).first) < curveTop - 8) }
        // Title lines of at most 68 characters (about 560 pixels at 15 px), left at x = 60.
        let title = try #require(svg.split(separator: "\n").first { $0.contains("<tspan") })
        for line in title.components(separatedBy: "<tspan").dropFirst() {
            #expect(line.split(separator: ">")[1].prefix { $0 != "<" }.count <= 68)
        }
    }

    @Test func theHTMLReportIsSelfContained() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = Session(environment: .init(workingDirectory: dir.path))
        let output = CapturedOutput()
        #expect(session.execute("load sample; scenario new lean; lever cost-to-serve C per-order 4.50; export report r.html; export report r.md",
                                origin: .commandLine, output: output), "\(output.diagnostics)")
        let html = try String(contentsOf: dir.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)  // a chart per scenario
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("url("))
        // Links only inside the page (the contents), and a policy that forbids every fetch.
        #expect(html.components(separatedBy: "href=\"").dropFirst().allSatisfy { $0.hasPrefix("#") })
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("<h2>Scenario lean</h2>") && html.contains("<h2>Comparison</h2>"))
        let md = try String(contentsOf: dir.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(md.hasPrefix("# ABC segmentation of sample"))
        #expect(md.contains("| tier | customers |"))
        #expect(session.scenario.name == "lean")  // the report left the current scenario as it was
    }

    @Test func terminalBarsAddUpTheWidth() throws {
        let session = Session()
        let output = CapturedOutput()
        #expect(session.execute("load sample; chart tiers", origin: .commandLine, output: output))
        // Without a terminal the bars are 50 columns: A has 73.30% of revenue, 50 × 8 × 73.30% =
        // 293.2 eighths → 36 full blocks and five eighths (▋).
        #expect(output.text.contains("A " + String(repeating: "█", count: 36) + "▋ "))
    }
}
