import Foundation
import Testing
@testable import ABCShell

/// `abc run SCRIPT… --data [N=]FILE [LOAD OPTIONS]`, as the executable hands it to the session.
@Suite("abc run --data")
struct DataOverrideTests {
    /// The fixture's sales, semicolon separated with decimal commas: the same figures.
    static let semicolonSales = ShellFixture.sales
        .replacingOccurrences(of: ",", with: ";")
        .replacingOccurrences(of: ".00", with: ",00")

    /// A session in a folder holding sales.csv, q4.csv (the same rows, semicolons) and the scripts.
    func fixture(_ scripts: [String: String]) throws -> ShellFixture {
        var files = scripts
        files["sales.csv"] = ShellFixture.sales
        files["q4.csv"] = Self.semicolonSales
        files["one.csv"] = "customer_id,date,amount,cost\nK9,2024-05-01,10.00,5.00\n"
        return try ShellFixture(files: files, setup: nil)
    }

    /// Runs `arguments` as `abc run` does: what it printed and the diagnostics.
    func run(_ f: ShellFixture, _ arguments: [String]) throws -> CapturedOutput {
        let (scripts, overrides) = try DataOverride.parse(arguments)
        let output = CapturedOutput()
        if let first = try f.session.replaceLoads(of: scripts, with: overrides) {
            guard f.session.execute(first, origin: .commandLine, output: output) else { return output }
        }
        for script in scripts where f.session.runScript(path: script, output: output) == false { break }
        return output
    }

    @Test func argumentsSplitIntoScriptsAndOverrides() throws {
        let (scripts, overrides) = try DataOverride.parse(
            ["w.abc", "--data", "q4.csv", "--sep", "semicolon", "--customer", "--id", "x.abc", "--data=2=b.csv", "--lenient"])
        #expect(scripts == ["w.abc", "x.abc"])
        #expect(overrides.map(\.loadNumber) == [nil, 2])
        #expect(overrides.map(\.path) == ["q4.csv", "b.csv"])
        #expect(overrides.map(\.options) == [["--sep", "semicolon", "--customer", "--id"], ["--lenient"]])
        #expect(overrides[0].text == "--data q4.csv --sep semicolon --customer --id")
        #expect(overrides[0].load.options.separator == .semicolon)
        #expect(overrides[0].load.options.columns[.customer] == ["--id"])  // a value, never an option
    }

    @Test(arguments: [
        (["w.abc", "--sep", "x"], "unknown option '--sep' for 'abc run' (load options go after --data FILE)", nil),
        (["w.abc", "--data", "q.csv", "--seps", "x"], "unknown load option '--seps' after --data q.csv; did you mean '--sep'?", nil),
        (["w.abc", "--data", "q.csv", "--sep"], "option '--sep' after --data q.csv needs a value (SEP)", nil),
        (["w.abc", "--data"], "--data needs a file: --data FILE or --data N=FILE", nil),
        (["w.abc", "--data", "0=q.csv"], "--data 0=q.csv: loads are counted from 1", nil),
        // "--data q.csv --sep " is 19 characters: the value is at column 20.
        (["w.abc", "--data", "q.csv", "--sep", "bogus"], "unknown separator 'bogus'; expected comma, semicolon, tab, pipe or whitespace", 20),
    ] as [([String], String, Int?)])
    func usageErrors(arguments: [String], message: String, column: Int?) throws {
        #expect {
            try DataOverride.parse(arguments)
        } throws: { error in
            let d = error as? Diagnostic
            return d?.message == message && d?.location?.column == column
        }
    }

    @Test func theOneLoadReadsTheFileWithTheOptionsGivenAfterIt() throws {
        let f = try fixture(["w.abc": "load sales.csv --sep comma\nexpect total revenue = 1000.00\n"])
        defer { f.remove() }
        let output = try run(f, [f.path("w.abc"), "--data", "q4.csv", "--sep", "semicolon"])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.text.hasPrefix("Loaded q4.csv: transactions, semicolon-separated\n"))
        // Saved, the load says what it read: the file given, the options given.
        f.run("save w2.abc")
        #expect(try String(contentsOfFile: f.path("w2.abc"), encoding: .utf8).contains("\nload q4.csv --sep semicolon\n"))
    }

    @Test func withoutOptionsTheLoadKeepsItsOwn() throws {
        // The script's --sep comma stays: q4.csv read as commas has no amount column.
        let f = try fixture(["w.abc": "load sales.csv --sep comma\n"])
        defer { f.remove() }
        let output = try run(f, [f.path("w.abc"), "--data", "one.csv"])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(f.session.dataset?.customerCount == 1)
    }

    @Test func severalLoadsNeedTheirNumber() throws {
        let f = try fixture(["w.abc": "load sales.csv\nsegment\nrun more.abc\n", "more.abc": "load sales.csv\n"])
        defer { f.remove() }
        #expect {
            try run(f, [f.path("w.abc"), "--data", "one.csv"])
        } throws: { error in
            (error as? Diagnostic)?.message == "the scripts load data 2 times: say which load --data one.csv replaces with "
                + "--data N=FILE (N = 1 for the first load to run, 2 for the second…)"
        }
        #expect {
            try run(f, [f.path("w.abc"), "--data", "3=one.csv"])
        } throws: { error in
            (error as? Diagnostic)?.message == "--data 3=one.csv: the scripts load data 2 times; there is no load 3"
        }
        // The second load, inside the nested script, reads one.csv; the first reads sales.csv.
        let output = try run(f, [f.path("w.abc"), "--data", "2=one.csv"])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.text.hasPrefix("Loaded sales.csv: transactions"))
        #expect(output.text.contains("\nLoaded one.csv: transactions"))
        #expect(f.session.dataset?.customerCount == 1)
    }

    @Test func aScriptWithoutALoadGetsTheFileFirst() throws {
        let f = try fixture(["w.abc": "expect total customers = 5\n"])
        defer { f.remove() }
        let output = try run(f, [f.path("w.abc"), "--data", "q4.csv", "--sep", "semicolon"])
        #expect(output.diagnostics.isEmpty, "\(output.diagnostics)")
        #expect(output.text.hasPrefix("Loaded q4.csv: transactions, semicolon-separated\n"))
    }

    /// An error of the replaced load points at the files of the script's load (line 2; "load "
    /// is 5 characters, so column 6) and says --data gave them.
    @Test func errorsPointAtTheReplacedLoad() throws {
        let f = try fixture(["w.abc": "# q3\nload sales.csv --sep comma\nsegment\n", "bad.csv": "customer_id,date,amount\nK1,2024-01-01,12.5O\n"])
        defer { f.remove() }
        let missing = try run(f, [f.path("w.abc"), "--data", "nope.csv"])
        let d = try #require(missing.diagnostics.first)
        #expect(d.location?.description == "\(f.path("w.abc")):2:6")
        #expect(d.message.hasPrefix("cannot open '\(f.path("nope.csv"))': "))
        #expect(d.message.hasSuffix(" (--data nope.csv replaces this load)"))
        #expect(d.sourceLine == "load sales.csv --sep comma")

        let renamed = try fixture(["w.abc": "\nload sales.csv\n"])
        defer { renamed.remove() }
        let option = try run(renamed, [renamed.path("w.abc"), "--data", "q4.csv", "--sep", "semicolon", "--customer", "client"])
        let o = try #require(option.diagnostics.first)
        #expect(o.location?.description == "\(renamed.path("w.abc")):2:6")
        #expect(o.message.hasSuffix("(--data q4.csv --sep semicolon --customer client replaces this load)"))

        // A bad row names the data file's line and column, and the script line it replaced.
        let bad = try run(f, [f.path("w.abc"), "--data", "bad.csv"])
        let b = try #require(bad.diagnostics.first)
        #expect(b.location?.description == "bad.csv:2:15")
        #expect(b.notes == ["while running \(f.path("w.abc")):2, whose load --data bad.csv replaces"])
    }
}
