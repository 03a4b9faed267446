import Foundation
import Testing
@testable import ABCShell

@Suite("Table renderer")
struct TableRendererTests {
    static var tiers: Table {
        var table = Table(title: "Tiers:", columns: [.init("tier", numeric: false), .init("customers"), .init("revenue")])
        table.append(["A", "1", "500.00"])
        table.append(["B", "12", "250.00"])
        table.append(["total", "13", "1000.00"])
        table.rulesBefore = [2]
        return table
    }

    @Test func textLeftNumbersRightWithRules() {
        // Widths: tier 5 ("total"), customers 9 (its title), revenue 7; two spaces between.
        #expect(TableRenderer.render(Self.tiers, format: .table) == """
            Tiers:
            tier   customers  revenue
            -----  ---------  -------
            A              1   500.00
            B             12   250.00
            -----  ---------  -------
            total         13  1000.00

            """)
    }

    @Test func aNarrowTerminalStacksTheTable() {
        // 5 + 2 + 9 + 2 + 7 = 25 columns do not fit in 20: tier and customers (16), then tier
        // again with revenue (14) below. Nothing is cut.
        let text = TableRenderer.render(Self.tiers, format: .table, width: 20)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "tier   customers")
        #expect(lines.contains("tier   revenue"))
        #expect(lines.contains("total  1,000.00") || lines.contains("total  1000.00"))
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(!text.contains("more columns"))
    }

    @Test func controlCharactersAreShownEscaped() {
        var table = Table(columns: [.init("id", numeric: false)])
        table.append(["a\nb\u{1}"])
        // Shown as the 9 characters a \ n b \ u { 1 }.
        #expect(TableRenderer.render(table, format: .table) == "id\n---------\na\\nb\\u{1}\n")
    }

    @Test func markdownAlignsAndEscapesPipes() {
        var table = Self.tiers
        table.append(["a|b", "", "0.00"])
        #expect(TableRenderer.render(table, format: .markdown) == """
            **Tiers:**

            | tier | customers | revenue |
            |:---|---:|---:|
            | A | 1 | 500.00 |
            | B | 12 | 250.00 |
            | total | 13 | 1000.00 |
            | a\\|b |  | 0.00 |

            """)
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        var table = Table(title: "ignored", columns: [.init("id", numeric: false), .init("note", numeric: false), .init("n")])
        table.append(["x,y", "say \"hi\"", "1"])
        table.append(["plain", "line\nbreak", "2"])
        // RFC 4180: commas, quotes and line breaks quoted, quotes doubled; no title in the data.
        #expect(TableRenderer.render(table, format: .csv) == "id,note,n\n\"x,y\",\"say \"\"hi\"\"\",1\nplain,\"line\nbreak\",2\n")
    }

    @Test func jsonRecordsWithTypedValues() throws {
        var table = Table(columns: [.init("tier", numeric: false), .init("customers"), .init("share"), .init("roi")])
        table.append(["A", "12", "50.00%", ""])
        table.append(["B \"quoted\"", "3", "n/a", "1e5"])
        let text = TableRenderer.render(table, format: .json)
        // Numbers stay as printed (50.00, not 50), empty cells are null, anything else a string.
        #expect(text == """
            [
              {"tier": "A", "customers": 12, "share": 50.00, "roi": null},
              {"tier": "B \\"quoted\\"", "customers": 3, "share": "n/a", "roi": "1e5"}
            ]

            """)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        #expect(records[1]["tier"] as? String == "B \"quoted\"")
    }

    @Test func severalTablesAsOneJSONObjectKeyedByTitle() throws {
        var second = Self.tiers
        second.rows = [["C", "2", "10.00"]]
        let text = TableRenderer.json([Self.tiers, second])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [[String: Any]]])
        // The title without its colon; a repeated title gets " (2)".
        #expect(Set(object.keys) == ["Tiers", "Tiers (2)"])
        #expect(object["Tiers (2)"]?.first?["tier"] as? String == "C")
        #expect(object["Tiers"]?.count == 3)
    }
}
