/// An exact decimal rate such as 12.5% (= 125/1000), for lever arithmetic without floating point.
public struct ExactRate: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// rate = numerator / denominator, denominator a power of ten.
    public let numerator: Int64
    public let denominator: Int64

    public init(numerator: Int64, denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = ExactRate(numerator: 0, denominator: 1)
    public static let one = ExactRate(numerator: 1, denominator: 1)

    /// Parses a percentage: `10%`, `+10%`, `-2.5%`, `30` (the % sign is optional).
    public init?(percent text: String) {
        var t = Substring(text)
        if t.hasSuffix("%") { t = t.dropLast() }
        guard let (value, digits) = Self.parseDecimal(t) else { return nil }
        var denominator: Int64 = 100
        for _ in 0..<digits {
            let (d, o) = denominator.multipliedReportingOverflow(by: 10)
            if o { return nil }
            denominator = d
        }
        self.init(numerator: value, denominator: denominator)
    }

    /// `12.5` → (125, 1): an integer and its count of decimals, at most 9.
    static func parseDecimal(_ text: Substring) -> (Int64, Int)? {
        var t = text
        var negative = false
        if t.hasPrefix("+") { t = t.dropFirst() } else if t.hasPrefix("-") { negative = true; t = t.dropFirst() }
        guard !t.isEmpty else { return nil }
        var value: Int64 = 0
        var digits = -1
        for c in t {
            if c == "." {
                guard digits < 0 else { return nil }
                digits = 0
                continue
            }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = s
            if digits >= 0 { digits += 1 }
        }
        if digits == 0 { return nil }
        let decimals = max(digits, 0)
        guard decimals <= 9 else { return nil }
        return (negative ? -value : value, decimals)
    }

    public var isNegative: Bool { numerator < 0 }

    /// As a fraction of one, for comparisons and display.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `12.5%`: the percentage with the digits it was given.
    public var description: String {
        let scaled = Int128(numerator) * 100
        var digits = 0
        var d = denominator
        while d > 1 { d /= 10; digits += 1 }
        let shown = max(0, digits - 2)
        return FixedPoint.formatScaled(scaled, scaleDigits: digits, decimals: shown) + "%"
    }

    public static func + (a: ExactRate, b: ExactRate) -> ExactRate {
        let d = max(a.denominator, b.denominator)
        return ExactRate(numerator: a.numerator * (d / a.denominator) + b.numerator * (d / b.denominator), denominator: d)
    }

    public static func - (a: ExactRate, b: ExactRate) -> ExactRate {
        a + ExactRate(numerator: -b.numerator, denominator: b.denominator)
    }
}

/// Exact products of money and rates, rounded half to even once.
public enum ExactMath {
    /// value × Π rates, rounded half-even to a unit.
    @inlinable
    public static func scale(_ value: Int128, by rates: ExactRate...) -> Int128 {
        var numerator = value
        var denominator: Int128 = 1
        for rate in rates {
            numerator *= Int128(rate.numerator)
            denominator *= Int128(rate.denominator)
        }
        return FixedPoint.divideRoundingHalfEven(numerator, denominator)
    }
}
