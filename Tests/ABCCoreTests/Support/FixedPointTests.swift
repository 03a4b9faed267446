import Testing
@testable import ABCCore

@Suite("FixedPoint")
struct FixedPointTests {
    /// Quotients rounded half to even, by hand: −5/2 = −2.5 → −2 (even); −7/2 = −3.5 → −4;
    /// −3/2 = −1.5 → −2; −1/2 = −0.5 → 0; −2/3 = −0.67 → −1; −4/3 = −1.33 → −1;
    /// −5/3 = −1.67 → −2; −15/10 = −1.5 → −2; −25/10 = −2.5 → −2; −35/10 = −3.5 → −4.
    @Test(arguments: [
        (Int128(5), Int128(2), Int128(2)),
        (7, 2, 4),
        (3, 2, 2),
        (1, 2, 0),
        (-5, 2, -2),
        (-7, 2, -4),
        (-3, 2, -2),
        (-1, 2, 0),
        (-1, 3, 0),
        (-2, 3, -1),
        (-4, 3, -1),
        (-5, 3, -2),
        (-15, 10, -2),
        (-25, 10, -2),
        (-35, 10, -4),
        (-10, 5, -2),
        (0, 7, 0),
        (-49_995_000, 10_000, -5_000),  // −4,999.5 → −5,000 (even)
        (-49_985_000, 10_000, -4_998),  // −4,998.5 → −4,998 (even)
    ])
    func divideRoundingHalfEven(numerator: Int128, denominator: Int128, expected: Int128) {
        #expect(FixedPoint.divideRoundingHalfEven(numerator, denominator) == expected)
    }

    /// Units are 1/10,000: 123,400 = 12.34. To 2 decimals, 164,450 units = 1,644.5 cents →
    /// 1,644 (even) and 164,550 = 1,645.5 cents → 1,646.
    @Test(arguments: [
        (Int64(123_400), 2, "12.34"),
        (123_400, 4, "12.3400"),
        (164_480, 4, "16.4480"),
        (164_480, 2, "16.45"),
        (164_450, 2, "16.44"),
        (164_550, 2, "16.46"),
        (-125_000, 2, "-12.50"),
        (-50, 2, "0.00"),
        (-150, 2, "-0.02"),
        (0, 2, "0.00"),
        (5, 4, "0.0005"),
        (-5, 4, "-0.0005"),
        (Int64.max, 4, "922337203685477.5807"),
    ])
    func format(units: Int64, decimals: Int, expected: String) {
        #expect(FixedPoint.format(units, decimals: decimals) == expected)
    }

    @Test func formatRatio() {
        // 2/3 = 0.666… → 0.67; −1/8 = −0.125 → −0.12 (half-even); 1/−8 likewise.
        #expect(FixedPoint.formatRatio(2, 3, decimals: 2) == "0.67")
        #expect(FixedPoint.formatRatio(-1, 8, decimals: 2) == "-0.12")
        #expect(FixedPoint.formatRatio(1, -8, decimals: 2) == "-0.12")
        // 100 units over 3 = 33.33… units = 0.0033… currency → "0.00" at 2 decimals, "0.0033" at 4.
        #expect(FixedPoint.format(units: 100, per: 3, decimals: 4) == "0.0033")
        #expect(FixedPoint.format(units: 100, per: 3, decimals: 2) == "0.00")
    }
}
