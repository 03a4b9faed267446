import Foundation
import Testing
@testable import ABCShell

@Suite("Table renderer")
struct TableRendererTests {
    static var tiers: Table {
        var table = Table("tiers", title: "Tiers:", columns: [.init("tier", numeric: false), .init("customers"), .init("revenue")])
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
        var table = Table("ids", columns: [.init("id", numeric: false)])
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

    @Test func aMarkdownTitlesAsterisksDoNotEndItsBold() {
        var table = Self.tiers
        table.title = "Monte Carlo: 200 runs (xoshiro256**):"
        #expect(TableRenderer.render(table, format: .markdown).hasPrefix("**Monte Carlo: 200 runs (xoshiro256\\*\\*):**\n\n"))
    }

    @Test func textForANarrowTerminalBreaksAtBlanks() {
        let text = "  to reach A: pass K01562 (score 0.0330), the last customer of A\nshort"
        #expect(BlockRenderer.wrap(text, width: 30) == """
              to reach A: pass K01562
                (score 0.0330), the last
                customer of A
            short
            """)
        // Without a terminal (scripts, pipes) nothing is wrapped.
        #expect(BlockRenderer(format: .table, width: nil).render([.text(text)]) == text + "\n")
        #expect(BlockRenderer.wrap("a-very-long-word-that-cannot-break-anywhere here", width: 20)
                == "a-very-long-word-that-cannot-break-anywhere\n  here")
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        var table = Table("notes", title: "ignored", columns: [.init("id", numeric: false), .init("note", numeric: false), .init("n")])
        table.append(["x,y", "say \"hi\"", "1"])
        table.append(["plain", "line\nbreak", "2"])
        // RFC 4180: commas, quotes and line breaks quoted, quotes doubled; no title in the data.
        #expect(TableRenderer.render(table, format: .csv) == "id,note,n\n\"x,y\",\"say \"\"hi\"\"\",1\nplain,\"line\nbreak\",2\n")
    }

    @Test func jsonRecordsTypedByColumnKind() throws {
        var table = Table("results", columns: [
            .init("tier", numeric: false), .count("customers"), .init("share"), .money("profit"), .init("", kind: .flag, key: "current"),
            .score("score"),
        ])
        table.append(["A", "12", "50.00%", "+12.3400", "*", "0.3347222222222222"])
        table.append(["B \"quoted\"", "3", "", "n/a", "", "1e-05"])
        let text = TableRenderer.render(table, format: .json)
        // One compact object; numbers exactly as the cells have them (a % and a + dropped),
        // empty and n/a cells null, flags true or false.
        #expect(text == #"{"name":"results","title":null,"rows":[{"tier":"A","customers":12,"share":50.00,"profit":12.3400,"current":true,"score":0.3347222222222222},{"tier":"B \"quoted\"","customers":3,"share":null,"profit":null,"current":false,"score":1e-05}]}"#
            + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows[1]["tier"] as? String == "B \"quoted\"")
        #expect(rows[0]["customers"] as? Int == 12)
    }

    @Test func aCellThatIsNotItsKindStaysAString() {
        #expect(TableRenderer.jsonValue("36 dropped", kind: .count) == #""36 dropped""#)
        #expect(TableRenderer.jsonValue("1.5", kind: .count) == #""1.5""#)
        #expect(TableRenderer.jsonValue("inf", kind: .number) == #""inf""#)
        #expect(TableRenderer.jsonValue("-0.50", kind: .money) == "-0.50")
        #expect(TableRenderer.jsonValue("\u{1}", kind: .text) == #""\u0001""#)
    }

    @Test func oneDocumentPerCommandWithTablesByNameAndNotes() throws {
        var second = Self.tiers
        second.rows = [["C", "2", "10.00"]]
        var other = Table("levers", columns: [.count("number")])
        other.machine = .records([Table.Records("levers", columns: [.count("number"), .init("kind", numeric: false)], rows: [["1", "drop"]])])
        let text = TableRenderer.jsonDocument(command: "simulate", tables: [Self.tiers, other, second], notes: ["window: all data"])
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["command"] as? String == "simulate")
        #expect(object["notes"] as? [String] == ["window: all data"])
        let tables = try #require(object["tables"] as? [[String: Any]])
        // Tables of one name are one: their records one after the other, in the first one's place.
        #expect(tables.map { $0["name"] as? String } == ["tiers", "levers"])
        #expect((tables[0]["rows"] as? [[String: Any]])?.count == 4)
        #expect((tables[1]["rows"] as? [[String: Any]])?.first?["kind"] as? String == "drop")
    }

    @Test func csvWritesTheMachineRecords() {
        var table = Table("levers", columns: [.init("adopters")])
        table.append(["82.0 of 1641"])
        table.machine = .records([Table.Records("levers", columns: [.init("adopters"), .count("eligible")], rows: [["82.0", "1641"]])])
        #expect(TableRenderer.render(table, format: .csv) == "adopters,eligible\n82.0,1641\n")
    }
}
