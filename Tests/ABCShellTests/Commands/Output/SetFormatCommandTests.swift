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

    @Test func jsonRecordsWithTypedValues() throws {
        let f = try ShellFixture(setup: "load sales.csv; set format json")
        defer { f.remove() }
        let text = f.run("scenario list").text
        let records = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect(records[0]["scenario"] as? String == "base")
        #expect(records[0]["levers"] as? Int == 0)  // a count, as a number
        #expect(records[0]["copied from"] is NSNull)  // empty, as null
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
