import Testing
@testable import ABCCore

@Suite("Exact decimals")
struct ExactDecimalTests {
    @Test(arguments: [
        ("12.5", Int128(125), -1), ("-0.25", -25, -2), (".5", 5, -1), ("7.", 7, 0), ("+5", 5, 0), ("30%", 30, 0),
        ("20.00", 2000, -2), ("0", 0, 0), ("-0", 0, 0), ("007.50", 750, -2), ("-12.5%", -125, -1),
        ("0.00000000000000000000000000001", 1, -29),
    ])
    func parses(text: String, significand: Int128, exponent: Int) throws {
        let value = try #require(ExactDecimal(text))
        #expect(value.significand == significand)
        #expect(value.exponent == exponent)
    }

    @Test(arguments: [
        "", ".", "-", "+", "%", "-.", "1.2.3", "1e3", " 5", "5 ", "1,5", "abc", "12%%", "%12", "--5", "+-5",
        "\u{663}", "1_000", "0x10", "inf", "nan", "1" + String(repeating: "0", count: 38),
    ])
    func refuses(text: String) {
        #expect(ExactDecimal(text) == nil)
    }

    @Test func thirtyEightDigitsFitLeadingZerosDoNotCount() throws {
        let nines = String(repeating: "9", count: 38)
        #expect(ExactDecimal(nines)?.significand == Int128(String(nines)))
        #expect(ExactDecimal("000" + nines) != nil)
        #expect(ExactDecimal("0." + String(repeating: "0", count: 100) + "1")?.exponent == -101)
    }

    @Test func comparesByValue() throws {
        func d(_ text: String) throws -> ExactDecimal { try #require(ExactDecimal(text)) }
        #expect(try d("20") == d("20.00"))
        #expect(try d("-0") == d("0.000"))
        #expect(try d("-1") < d("-0.5"))
        #expect(try d("-0.5") < d("0"))
        #expect(try d("1.5") < d("1.50001"))
        #expect(try d("182.50") > d("182.4999"))
        #expect(try d("9.99") < d("10"))
        #expect(try d("-9.99") > d("-10"))
        #expect(try d("12.5%") == d("12.5"))
        #expect(try d("4781790.56").compare(d("4781790.560")) == 0)
        #expect(try [d("3"), d("-2.5"), d(".5"), d("0")].sorted() == [d("-2.5"), d("0"), d(".5"), d("3")])
    }

    @Test func extremesCompareWithoutOverflow() throws {
        // Aligning these exponents would need 10^58: the comparison must not trap.
        let tiny = try #require(ExactDecimal(".00000000000000000000000000001"))
        let huge = try #require(ExactDecimal("100000000000000000000000000000"))
        #expect(tiny < huge)
        #expect(tiny.compare(huge) == -1 && huge.compare(tiny) == 1)
        let nines = try #require(ExactDecimal(String(repeating: "9", count: 38)))
        let small = try #require(ExactDecimal("0." + String(repeating: "0", count: 37) + "1"))
        #expect(small < nines && -1 == small.compare(nines))
        // Same leading digit position, the aligned side overflowing: still ordered.
        let a = ExactDecimal(significand: 99_999_999_999_999_999_999_999_999_999_999_999_999, exponent: -37)
        let b = ExactDecimal(significand: 9, exponent: 0)
        #expect(b < a)
        // 9·10^38 against Int128.max (also 39 digits): aligning 9 overflows, and it is the larger.
        #expect(ExactDecimal(significand: 9, exponent: 38) > ExactDecimal(significand: .max, exponent: 0))
        #expect(ExactDecimal(significand: -9, exponent: 38) < ExactDecimal(significand: -.max, exponent: 0))
        #expect(ExactDecimal(significand: .max, exponent: 5) > ExactDecimal(significand: .min, exponent: 5))
        #expect(ExactDecimal(significand: .min, exponent: 0) < ExactDecimal(significand: .min + 1, exponent: 0))
    }

    @Test func equalValuesHashAlike() throws {
        let values = try ["20", "20.00", "20.0%", "19.99"].map { try #require(ExactDecimal($0)) }
        #expect(Set(values).count == 2)
    }

    @Test(arguments: [
        ("12.5", 4, Int64?(125_000)), ("0.0001", 4, 1), ("0.00010", 4, 1), ("0.00005", 4, nil), ("-3", 4, -30_000),
        ("922337203685477.5807", 4, .max), ("922337203685477.5808", 4, nil), ("0.000000", 4, 0), ("30%", 0, 30),
        ("1" + String(repeating: "0", count: 30), 4, nil), ("1.5", 0, nil), ("250", 2, 25_000),
    ])
    func scaled(text: String, digits: Int, expected: Int64?) throws {
        #expect(try #require(ExactDecimal(text)).scaled(toDigits: digits) == expected)
    }

    @Test(arguments: [
        (".5", "0.5"), ("12.50", "12.50"), ("-0.05", "-0.05"), ("7.", "7"), ("+5", "5"), ("-0", "0"), ("0.00", "0.00"), ("30%", "30"),
    ])
    func printsAsWritten(text: String, printed: String) throws {
        #expect(try #require(ExactDecimal(text)).description == printed)
    }

    @Test func doubleValue() throws {
        #expect(ExactDecimal("182.50")?.doubleValue == 182.5)
        #expect(ExactDecimal("-0.25")?.doubleValue == -0.25)
        #expect(ExactDecimal(significand: 3, exponent: 2).doubleValue == 300)
        #expect(ExactDecimal(7).doubleValue == 7)
    }
}

@Suite("Rates and amounts read through the one parser")
struct TypedNumberTests {
    @Test func ratesKeepTheirDigits() {
        #expect(ExactRate(percent: "12.50%") == ExactRate(numerator: 1250, denominator: 10_000))
        #expect(ExactRate(percent: ".5%") == ExactRate(numerator: 5, denominator: 1000))
        #expect(ExactRate(percent: "-2.5") == ExactRate(numerator: -25, denominator: 1000))
        #expect(ExactRate(percent: "12.%") == ExactRate(numerator: 12, denominator: 100))
        #expect(ExactRate(percent: "1.123456789%") == ExactRate(numerator: 1_123_456_789, denominator: 100_000_000_000))
        #expect(ExactRate(percent: "1.1234567891%") == nil)  // 10 decimals
        #expect(ExactRate(percent: "9223372036854775807%")?.numerator == .max)
        #expect(ExactRate(percent: "9223372036854775808%") == nil)
        #expect(ExactRate(percent: ".") == nil)
        #expect(ExactRate(percent: "%") == nil)
        #expect(ExactRate(percent: "1e2%") == nil)
    }

    @Test func amountsReadAsTheDataFilesDo() {
        #expect(FixedPoint.parseAmount("4.50") == 45_000)
        #expect(FixedPoint.parseAmount("$4.50") == 45_000)
        #expect(FixedPoint.parseAmount("(4.50)") == -45_000)
        #expect(FixedPoint.parseAmount("45e-1") == 45_000)
        #expect(FixedPoint.parseAmount("4.50001") == nil)  // a fifth decimal would be rounded
        #expect(FixedPoint.parseAmount("") == nil)
        #expect(FixedPoint.parseAmount("four") == nil)
    }
}
