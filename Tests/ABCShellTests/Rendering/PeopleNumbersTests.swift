import Testing
@testable import ABCShell

/// Numbers for people: money grouped with 2 decimals rounded half-even on its digits, counts
/// grouped, scores to 4 decimals; what is not a plain number stays as it is.
@Suite("Numbers for people")
struct PeopleNumbersTests {
    @Test(arguments: [
        ("8300065.8140", "8,300,065.81"),  // .8140: the dropped 40 < 50
        ("8300065.8150", "8,300,065.82"),  // a tie: 81 is odd, so up
        ("8300065.8250", "8,300,065.82"),  // a tie: 82 is even, so it stays
        ("8300065.8251", "8,300,065.83"),  // past the half
        ("-1234.5", "-1,234.50"),
        ("-0.004", "0.00"),                // no negative zero
        ("999.995", "1,000.00"),           // the carry reaches a new group
        ("12", "12.00"),
        ("n/a", "n/a"), ("", ""), ("36 dropped", "36 dropped"),
    ])
    func money(cell: String, shown: String) {
        #expect(PeopleNumbers.format(cell, as: .money) == shown)
    }

    @Test func countsScoresAndTheRest() {
        #expect(PeopleNumbers.format("127328", as: .count) == "127,328")
        #expect(PeopleNumbers.format("-1000000", as: .count) == "-1,000,000")
        #expect(PeopleNumbers.format("100", as: .count) == "100")
        #expect(PeopleNumbers.format("2 (partial)", as: .count) == "2 (partial)")
        #expect(PeopleNumbers.format("0.023463203048", as: .score) == "0.0235")
        #expect(PeopleNumbers.format("0.023463203048", as: .moneyOrScore) == "0.0235")
        #expect(PeopleNumbers.format("1379.78", as: .moneyOrScore) == "1,379.78")
        #expect(PeopleNumbers.format("2024", as: .number) == "2024")  // years and ids are never grouped
        #expect(PeopleNumbers.format("1660.6%", as: .money) == "1660.6%")
    }

    @Test func csvAndJSONKeepTheExactCells() {
        var table = Table("totals", columns: [.money("revenue"), .count("customers")])
        table.append(["8300065.8140", "127328"])
        #expect(TableRenderer.render(table, format: .csv) == "revenue,customers\n8300065.8140,127328\n")
        #expect(TableRenderer.render(table, format: .table).contains("8,300,065.81    127,328"))
        #expect(TableRenderer.render(table, format: .markdown).contains("| 8,300,065.81 | 127,328 |"))
    }
}
