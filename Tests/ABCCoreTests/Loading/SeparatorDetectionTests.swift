import Testing
@testable import ABCCore

@Suite("Separators")
struct SeparatorDetectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    /// The same two rows in every dialect: C1 buys 10.50 on 2024-03-01, C2 buys 4 on 2024-03-02.
    static let cases: [Case] = [
        Case(name: "comma", text: "customer,date,amount\nC1,2024-03-01,10.50\nC2,2024-03-02,4\n"),
        // Semicolon files take a decimal comma.
        Case(name: "semicolon", text: "customer;date;amount\nC1;2024-03-01;10,50\nC2;2024-03-02;4\n"),
        Case(name: "tab", text: "customer\tdate\tamount\nC1\t2024-03-01\t10.50\nC2\t2024-03-02\t4\n"),
        Case(name: "pipe", text: "customer|date|amount\nC1|2024-03-01|10.50\nC2|2024-03-02|4\n"),
        // Runs of spaces and tabs, leading blanks.
        Case(name: "whitespace", text: "customer   date amount\nC1  2024-03-01\t 10.50\n  C2 2024-03-02 4\n"),
    ]

    @Test(arguments: cases)
    func detected(_ c: Case) throws {
        let data = try Fixture.load(c.text)
        #expect(data.report.separatorName == c.name)
        #expect(data.kind == .transactions)
        #expect(data.ids == ["C1", "C2"])
        #expect(data.metrics.revenue == [105_000, 40_000])
        #expect(data.first("C1") == "2024-03-01")
        #expect(data.last("C2") == "2024-03-02")
        #expect(data.report.rowsRead == 2)
        #expect(data.report.rowsUsed == 2)
    }

    @Test func forcedSeparatorIsUsed() throws {
        // A tab file read as whitespace-separated gives the same data, reported as whitespace.
        let tab = "customer\tdate\tamount\nC1\t2024-03-01\t10.50\nC2\t2024-03-02\t4\n"
        let data = try Fixture.load(tab, options: options(separator: .whitespace))
        #expect(data.report.separatorName == "whitespace")
        #expect(data.metrics.revenue == [105_000, 40_000])

        // The semicolon file, forced to semicolon, is read as such.
        let semi = try Fixture.load(
            "customer;date;amount\nC1;2024-03-01;10,50\n", options: options(separator: .semicolon))
        #expect(semi.report.separatorName == "semicolon")
        #expect(semi.metrics.revenue == [105_000])
    }

    @Test func forcedSeparatorOverridesDetection() throws {
        // Forced to comma, a semicolon file has one column named "customer;date;amount".
        let error = Fixture.loadError(
            "customer;date;amount\nC1;2024-03-01;10,50\n", options: options(separator: .comma))
        let message = try #require(error?.message)
        #expect(message.hasPrefix("no customer column found in 'data.csv'"))
        #expect(message.contains("'customer;date;amount'"))
    }

    @Test func pipeFileTakesADecimalComma() throws {
        // "customer|date|amount" with amounts "12,50": detected as pipe, the comma is a
        // decimal mark (12.50); a pipe file has no comma separator so a forced pipe is the same.
        let text = "customer|date|amount\nC1|2024-03-01|12,50\n"
        #expect(try Fixture.load(text).metrics.revenue == [125_000])
        #expect(try Fixture.load(text, options: options(separator: .pipe)).metrics.revenue == [125_000])
    }
}
