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

    /// Parses a percentage: `10%`, `+10%`, `-2.5%`, `30` (the % sign is optional), through
    /// `ExactDecimal`; nil beyond 9 decimals or an Int64 of digits. The rate keeps the digits
    /// given: `12.50%` is 1250/10000.
    public init?(percent text: String) {
        guard let value = ExactDecimal(text), value.exponent <= 0, value.decimals <= 9,
              let numerator = Int64(exactly: value.significand) else { return nil }
        var denominator: Int64 = 100
        for _ in 0..<value.decimals { denominator *= 10 }
        self.init(numerator: numerator, denominator: denominator)
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
