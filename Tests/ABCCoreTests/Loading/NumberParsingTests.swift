import Testing
@testable import ABCCore

@Suite("Numbers")
struct NumberParsingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The amount field exactly as written in the file (quotes included when needed).
        let field: String
        /// "," or ";" file.
        var separator: Character = ","
        var thousands: Character? = nil
        /// Expected amount in 1/10,000 units.
        let units: Int64
        /// Expected count of values rounded to 4 decimals.
        var rounded = 0
        var testDescription: String {
            "\(field) in a '\(separator)' file\(thousands.map { " with thousands '\($0)'" } ?? "")"
        }
    }

    static func load(_ c: Case) throws -> Dataset {
        let s = c.separator
        return try Fixture.load(
            "customer\(s)date\(s)amount\nX\(s)2024-01-01\(s)\(c.field)\n",
            options: options(thousands: c.thousands))
    }

    static let cases: [Case] = [
        Case(field: "-12.50", units: -125_000),
        Case(field: "12.5", units: 125_000),
        Case(field: "12.34", units: 123_400),
        Case(field: "7", units: 70_000),
        Case(field: "0", units: 0),
        Case(field: " 7 ", units: 70_000),  // surrounding spaces
        Case(field: "+3.5", units: 35_000),
        Case(field: "5.5512", units: 55_512),
        Case(field: "16.448", units: 164_480),
        // 1.776357e-15 is float noise: 0.0000000000000017… rounds to 0 units, and is counted.
        Case(field: "1.776357e-15", units: 0, rounded: 1),
        Case(field: "1e3", units: 10_000_000),
        Case(field: "2.5E-4", units: 2, rounded: 1),  // 2.5 units → 2 (even)
        // Half-even at the 5th decimal: 0.00005 = 0.5 units → 0; 0.00015 = 1.5 → 2;
        // 0.00025 = 2.5 → 2; 0.000151 = 1.51 → 2; 0.000250001 = 2.50001 → 3; −0.00015 → −2.
        Case(field: "0.00005", units: 0, rounded: 1),
        Case(field: "0.00015", units: 2, rounded: 1),
        Case(field: "0.00025", units: 2, rounded: 1),
        Case(field: "0.000151", units: 2, rounded: 1),
        Case(field: "0.000250001", units: 3, rounded: 1),
        Case(field: "-0.00015", units: -2, rounded: 1),
        Case(field: "1.23456789", units: 12_346, rounded: 1),
        // Beyond 19 significant digits: 0.5 units and a trailing 1 in the 24th decimal is just
        // above half → 1; exactly half with only zeros after → 0 (even).
        Case(field: "0.000050000000000000000001", units: 1, rounded: 1),
        Case(field: "0.000050000000000000000000", units: 0, rounded: 1),
        Case(field: "0.000150000000000000000000", units: 2, rounded: 1),  // 12,345.6789 units → 12,346
        // Currency symbols, before or after, with spaces; accounting negatives.
        Case(field: "$12.50", units: 125_000),
        Case(field: "-$12.50", units: -125_000),
        Case(field: "£3", units: 30_000),
        Case(field: "12.50 €", units: 125_000),
        Case(field: "(12.50)", units: -125_000),
        // Decimal comma when the separator is not a comma.
        Case(field: "12,50", separator: ";", units: 125_000),
        Case(field: "12,50 €", separator: ";", units: 125_000),
        Case(field: "-0,5", separator: ";", units: -5_000),
        // Declared thousands separators.
        Case(field: "1,234.50", separator: ";", thousands: ",", units: 12_345_000),
        Case(field: "\"1,234.50\"", separator: ",", thousands: ",", units: 12_345_000),
        Case(field: "1.234,50", separator: ";", thousands: ".", units: 12_345_000),
        Case(field: "1 234,50", separator: ";", thousands: " ", units: 12_345_000),
        Case(field: "1'234'567.25", separator: ";", thousands: "'", units: 12_345_672_500),
        // Largest representable amount: Int64.max units.
        Case(field: "922337203685477.5807", units: .max),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) throws {
        let data = try Self.load(c)
        #expect(data.metrics.revenue == [c.units])
        #expect(data.report.roundedValues == c.rounded)
    }

    /// Money prints with 4 decimals when some value has more than 2.
    @Test(arguments: [("12.34", 2), ("12.5", 2), ("5.5512", 4), ("16.448", 4), ("1.776357e-15", 2), ("0.001", 4)])
    func moneyDecimals(field: String, decimals: Int) throws {
        let data = try Fixture.load("customer,date,amount\nX,2024-01-01,10\nY,2024-01-01,\(field)\n")
        #expect(data.moneyDecimals == decimals)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let field: String
        var separator: Character = ","
        var thousands: Character? = nil
        /// What the message quotes.
        let shown: String
        /// The `--thousands` word the message suggests.
        var suggests: String? = nil
        var testDescription: String { "\(field) in a '\(separator)' file" }
    }

    @Test(arguments: [
        // Thousands separators only when declared: "1,234.50" in a ';' file reads "1,234" as
        // 1.234 and then stops at the second decimal mark.
        // The message suggests declaring the group separator the field seems to use.
        Bad(field: "1,234.50", separator: ";", shown: "1,234.50", suggests: "comma"),
        Bad(field: "\"1,234.50\"", shown: "1,234.50", suggests: "comma"),
        Bad(field: "\"-$1,234,567\"", shown: "-$1,234,567", suggests: "comma"),
        Bad(field: "1.234,50", separator: "\t", shown: "1.234,50", suggests: "dot"),
        Bad(field: "1 234,50 €", separator: ";", shown: "1 234,50 €", suggests: "space"),
        Bad(field: "1'234.50", separator: ";", shown: "1'234.50", suggests: "apostrophe"),
        // Declared dot, written with commas: the comma is suggested instead.
        Bad(field: "1,234,567", separator: ";", thousands: ".", shown: "1,234,567", suggests: "comma"),
        // Not digit groups of three: no suggestion.
        Bad(field: "1,23,456.50", separator: ";", shown: "1,23,456.50"),
        Bad(field: "1234,567.5", separator: ";", shown: "1234,567.5"),
        Bad(field: "1,234.5x", separator: ";", shown: "1,234.5x"),
        // A comma is not a decimal mark in a comma file.
        Bad(field: "\"12,50\"", shown: "12,50"),
        Bad(field: "12.3.4", shown: "12.3.4"),
        Bad(field: "abc", shown: "abc"),
        Bad(field: "-", shown: "-"),
        Bad(field: "$", shown: "$"),
        Bad(field: "1e", shown: "1e"),
        Bad(field: "12 34", shown: "12 34"),
    ])
    func rejects(_ c: Bad) throws {
        let s = c.separator
        let error = Fixture.loadError(
            "customer\(s)date\(s)amount\nX\(s)2024-01-01\(s)\(c.field)\n", options: options(thousands: c.thousands))
        let hint = c.suggests.map { word in
            "; if '\(["comma": ",", "dot": ".", "space": " ", "apostrophe": "'"][word] ?? "?")' groups thousands, load with --thousands \(word)"
        } ?? ""
        #expect(error?.message == "expected a number in column 'amount', found \"\(c.shown)\"" + hint)
        // "X,2024-01-01," is 13 bytes: the field starts at byte 14 (its quote when quoted).
        #expect(error?.location == SourceLocation(file: "data.csv", line: 2, column: 14))
    }

    /// A no-break space (U+00A0, what fr-FR spreadsheets put before "€") is a space too: it
    /// is ignored around the number and between the number and its currency symbol.
    @Test(arguments: ["\u{00A0}12,50\u{00A0}", "12,50\u{00A0}€", "€\u{00A0}12,50", "12,50 \u{00A0}€"])
    func noBreakSpaces(field: String) throws {
        let data = try Fixture.load("customer;date;amount\nX;2024-01-01;\(field)\n")
        #expect(data.metrics.revenue == [125_000])
    }

    @Test func emptyAmountIsAnError() {
        let error = Fixture.loadError("customer,date,amount\nX,2024-01-01,\n")
        #expect(error?.message == "expected a number in column 'amount', found an empty field")
    }

    @Test func tooLarge() {
        // 922,337,203,685,478 currency units is 9,223,372,036,854,780,000 units > Int64.max.
        let error = Fixture.loadError("customer,date,amount\nX,2024-01-01,922337203685478\n")
        #expect(error?.message
            == "expected a number below 922,337,203,685,477 in column 'amount', found \"922337203685478\"")
    }

    @Test func sumOverflowIsAnErrorNamingTheRow() throws {
        // Two rows of 900 trillion for one customer overflow Int64 units (max ≈ 922 trillion).
        let error = Fixture.loadError(
            "customer,date,amount\nX,2024-01-01,500000000000000\nX,2024-01-02,500000000000000\n")
        let e = try #require(error)
        #expect(e.message == "the sum for customer 'X' overflows")
        #expect(e.location == SourceLocation(file: "data.csv", line: 3, column: 14))
    }
}
