import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The HTML report as a reader sees it: written by the built `abc`, opened in headless
/// Chromium (`make deps` installs it) with every network request sent to a proxy that does not
/// exist, screenshotted and checked not to be blank (with Pillow from the `.venv` the Makefile
/// pins), its DOM read for every section and a few known figures. Missing Chromium or Python
/// fails the test: the report is only known to render when a browser rendered it.
@Suite("Report in a browser")
struct ReportBrowserTests {
    static var chromium: String? {
        if let path = ProcessInfo.processInfo.environment["ABC_CHROMIUM"] { return path }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") { return "\(folder)/\(name)" }
        }
        return nil
    }

    /// `ABC_PYTHON` (the Makefile sets it), else `.venv/bin/python` in the package root.
    static var python: String {
        ProcessInfo.processInfo.environment["ABC_PYTHON"] ?? AbcProcess.packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path  // Chromium's profile and caches stay in the folder
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errors.data = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self),
                      stderr: String(decoding: errors.data, as: UTF8.self))
    }

    /// Headless Chromium on `page` with all traffic sent to a closed port (a fetch would fail,
    /// and the page must render without one).
    static func chromiumArguments(_ folder: URL) -> [String] {
        var arguments = ["--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
                         "--disable-background-networking", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                         "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
        if getuid() == 0 { arguments.append("--no-sandbox") }  // Chromium refuses to run as root otherwise
        return arguments
    }

    @Test func theHTMLReportRendersOfflineWithEverySection() throws {
        let chromium = try #require(Self.chromium, "Chromium is missing: `make deps` installs it (Debian package chromium)")
        #expect(FileManager.default.isExecutableFile(atPath: Self.python), "no Python at \(Self.python): `make test` creates .venv with Pillow")
        let folder = try AbcProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let made = try AbcProcess.run(["-c", "load sample; scenario new lean; lever cost-to-serve C per-order 4.50; "
                                       + "lever uplift B revenue +10% adoption 30% cost 2; simulate --runs 200; export report r.html"],
                                      directory: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let page = folder.appendingPathComponent("r.html")
        let html = try String(contentsOf: page, encoding: .utf8)

        // Nothing to fetch: a policy that forbids it, and no address outside the page.
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src=") && !html.contains("url("))

        // Every chart parses as XML.
        let svgs = html.components(separatedBy: "<svg").dropFirst().map { "<svg" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
        #expect(svgs.count == 3)  // a chart per scenario, the bands of lean's runs
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        }

        // The DOM after Chromium parsed it: the sections and known figures of the sample.
        let dom = try Self.run(chromium, Self.chromiumArguments(folder) + ["--dump-dom", page.absoluteString], in: folder)
        #expect(dom.status == 0, "\(dom.stderr)")
        for heading in ["<h1>ABC segmentation of sample</h1>", "<h2>Summary of scenarios</h2>", "<h2>Scenario base</h2>",
                        "<h2>Scenario lean</h2>", "<h3>Settings</h3>", "<h3>Tier profile</h3>", "<h3>Simulation</h3>",
                        "<h3>Charts</h3>", "<h2>Comparison</h2>", "<h2>Data quality</h2>"] {
            #expect(dom.stdout.contains(heading), "\(heading)")
        }
        for figure in ["<td class=\"n\">4,781,790.56</td>", "<td class=\"n\">127,328</td>", "<td class=\"n\">2,612</td>",
                       "Monte Carlo bands, P10 to P90 with P50 marked (200 runs, seed 1)", "73.30% (1,000 customers)"] {
            #expect(dom.stdout.contains(figure), "\(figure)")
        }

        // A screenshot, not blank: ink on the page and the tier colours in it.
        let png = folder.appendingPathComponent("r.png")
        let shot = try Self.run(chromium, Self.chromiumArguments(folder) + ["--window-size=1200,2400", "--screenshot=\(png.path)", page.absoluteString], in: folder)
        #expect(shot.status == 0, "\(shot.stderr)")
        let check = """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1]).convert("RGB")
            w, h = im.size
            px = im.load()
            ink = sum(1 for x in range(0, w, 3) for y in range(0, h, 3) if sum(px[x, y]) < 600)
            colours = {px[x, y] for x in range(0, w, 3) for y in range(0, h, 3)}
            def near(c): return any(all(abs(a - b) < 24 for a, b in zip(c, p)) for p in colours)
            print(w, h, ink * 9 * 1000 // (w * h), len(colours), int(near((0, 114, 178))), int(near((230, 159, 0))))
            """
        let measured = try Self.run(Self.python, ["-c", check, png.path], in: folder)
        #expect(measured.status == 0, "Pillow in \(Self.python): \(measured.stderr)")
        let figures = measured.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(figures.count == 6, "\(measured.stdout)")
        #expect(figures[0] == 1200 && figures[1] == 2400)
        #expect(figures[2] >= 20, "ink on \(figures[2])‰ of the page")  // text, tables and charts: well above 2%
        #expect(figures[3] >= 50, "\(figures[3]) colours")
        #expect(figures[4] == 1 && figures[5] == 1, "tier A's blue and B's orange")
    }
}
