import Foundation
import Testing
@testable import ABCShell

@Suite("set format")
struct SetFormatCommandTests {
    @Test(arguments: [("set format csv", OutputFormat.csv), ("set format JSON", .json), ("set format markdown", .markdown), ("set format table", .table)])
    func parsesTheFormat(line: String, format: OutputFormat) throws {
        #expect(try ShellFixture.parse(line, as: SetFormatCommand.self).format == format)
    }

    @Test func csvKeepsTheDataStreamParseable() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format csv")
        defer { f.remove() }
        #expect(f.session.format == .csv)
        let output = f.run("show criteria")
        #expect(output.text == """
            criterion,weight,share,direction
            revenue,0.5,50.00%,higher is better
            profit,0.3,30.00%,higher is better
            orders,0.2,20.00%,higher is better

            """)
        // The text beside the table goes to the notes.
        #expect(output.notes == "tiering: count share 20/30/50 (share of customers, ranked by score)\n")
    }

    @Test func markdownTables() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format markdown")
        defer { f.remove() }
        let text = f.run("show criteria").text
        #expect(text.contains("| criterion | weight | share | direction |\n|:---|---:|---:|:---|\n| revenue | 0.5 | 50.00% | higher is better |\n"))
    }

    @Test func jsonIsOneDocumentPerCommandWithItsNotes() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format json")
        defer { f.remove() }
        let output = f.run("show criteria; scenario list")
        let lines = output.text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(output.notes.isEmpty)  // everything a command prints is in its document
        let criteria = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(criteria["command"] as? String == "show criteria")
        #expect(criteria["notes"] as? [String] == ["tiering: count share 20/30/50 (share of customers, ranked by score)"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        let rows = try #require((list["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
        #expect(rows[0]["scenario"] as? String == "base")
        #expect(rows[0]["levers"] as? Int == 0)  // a count, as an integer
        #expect(rows[0]["copied_from"] is NSNull)  // absent, as null
        #expect(rows[0]["current"] as? Bool == true)
    }

    @Test func csvPrintsTheMainTableAndTheRestAsNotes() throws {
        let f = try ShellFixture(setup: "load sales.csv; scenario new lean; lever uplift B revenue +10% adoption 30%; set format csv")
        defer { f.remove() }
        let output = f.run("simulate")
        // The main table of simulate is before_after, a record per tier and measure.
        #expect(output.text.hasPrefix("tier,measure,before,after,delta\nA,customers,1,1,0\n"))
        #expect(output.notes.contains("Levers, applied in this order:"))
    }

    @Test func allNeedsAFolder() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        #expect(f.failure("set format csv --all")?.message == "--all writes a file per table: name a folder with `output DIR` first")
        #expect(f.failure("set format json --all")?.message == "--all is for csv (a file per table)")
    }

    @Test func usageErrors() throws {
        let f = try ShellFixture()
        defer { f.remove() }
        let d = try #require(f.failure("set format xml"))
        #expect(d.message == "expected table, markdown, csv or json, found 'xml'")
        #expect(d.location?.column == 12)
        #expect(f.session.format == .table)
    }
}
