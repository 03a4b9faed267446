#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decimal number typed in a command, held exactly: `12.5`, `-0.25`, `.5`, `20.00`, `7.`,
/// `30%`. Compared by value without overflow (`20 == 20.00`); printed as written.
///
/// The one parser of decimals typed by people: rates (`ExactRate(percent:)`), the values of
/// `expect` and `seek`, and sweep settings all read through it. Data files go through
/// `NumberParser` instead, on bytes and with more forms (see there).
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits as written, as one integer with the number's sign: `12.50` → 1250.
    public let significand: Int128
    /// The power of ten the significand counts: `12.50` → −2 (value = significand × 10^exponent).
    public let exponent: Int

    /// Significant digits the significand can always hold (10^38 − 1 < Int128.max).
    public static let maxDigits = 38

    public init(significand: Int128, exponent: Int) {
        self.significand = significand
        self.exponent = exponent
    }

    public init(_ integer: Int) {
        self.init(significand: Int128(integer), exponent: 0)
    }

    /// Parses an optional sign, digits with at most one decimal point (at least one digit on
    /// either side: `.5` and `7.` are numbers, `.` is not) and an optional trailing `%`, which
    /// is ignored, so a percentage compares as its number (`30%` is 30). Nothing else: no
    /// spaces, exponents or digit groups. nil for anything else, and for more than
    /// `maxDigits` significant digits.
    public init?(_ text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        if bytes.last == UInt8(ascii: "%") { bytes = bytes.dropLast() }
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var magnitude: Int128 = 0
        var significant = 0
        var digits = 0
        var decimals: Int?
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard decimals == nil else { return nil }
                decimals = 0
                continue
            }
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            digits += 1
            if magnitude != 0 || b != UInt8(ascii: "0") { significant += 1 }
            guard significant <= Self.maxDigits else { return nil }
            magnitude = magnitude * 10 + Int128(b - UInt8(ascii: "0"))
            if let d = decimals { decimals = d + 1 }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -magnitude : magnitude, exponent: -(decimals ?? 0))
    }

    /// Digits after the decimal point as written (`12.50` → 2; `7.` → 0).
    public var decimals: Int { max(0, -exponent) }

    public var isZero: Bool { significand == 0 }
    public var isNegative: Bool { significand < 0 }

    /// The nearest Double, for figures that are not exact anyway.
    public var doubleValue: Double {
        exponent <= 0 ? Double(significand) / pow(10, Double(-exponent)) : Double(significand) * pow(10, Double(exponent))
    }

    /// The value in counts of 10^−`digits` (`12.5` at 4 digits is 125,000), or nil when that
    /// is not a whole number (more decimals than `digits`, other than zeros) or does not fit
    /// an Int64.
    public func scaled(toDigits digits: Int) -> Int64? {
        let shift = exponent + digits
        var value = significand
        if shift >= 0 {
            for _ in 0..<shift {
                if value == 0 { break }
                let (m, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                value = m
            }
        } else {
            for _ in 0..<(-shift) {
                if value == 0 { break }
                guard value % 10 == 0 else { return nil }
                value /= 10
            }
        }
        return Int64(exactly: value)
    }

    /// −1, 0 or 1 as `self` is less than, equal to or greater than `other`, by value.
    public func compare(_ other: ExactDecimal) -> Int {
        let a = significand.signum(), b = other.significand.signum()
        if a != b { return a < b ? -1 : 1 }
        if a == 0 { return 0 }
        let magnitudes = Self.compareMagnitudes(
            significand.magnitude, exponent, other.significand.magnitude, other.exponent)
        return a > 0 ? magnitudes : -magnitudes
    }

    /// Compares m·10^e with n·10^f (m, n > 0) without overflow: by the position of the leading
    /// digit first, then aligned (the aligned value has no more digits than the other one, so
    /// it overflows only when it is the larger).
    private static func compareMagnitudes(_ m: UInt128, _ e: Int, _ n: UInt128, _ f: Int) -> Int {
        let lead = digitCount(m) + e, otherLead = digitCount(n) + f
        if lead != otherLead { return lead < otherLead ? -1 : 1 }
        var a = m, b = n
        if e > f {
            for _ in 0..<(e - f) {
                let (p, overflow) = a.multipliedReportingOverflow(by: 10)
                if overflow { return 1 }
                a = p
            }
        } else if f > e {
            for _ in 0..<(f - e) {
                let (p, overflow) = b.multipliedReportingOverflow(by: 10)
                if overflow { return -1 }
                b = p
            }
        }
        return a < b ? -1 : a > b ? 1 : 0
    }

    private static func digitCount(_ value: UInt128) -> Int {
        var count = 1
        var v = value
        while v >= 10 { v /= 10; count += 1 }
        return count
    }

    public static func == (a: ExactDecimal, b: ExactDecimal) -> Bool { a.compare(b) == 0 }
    public static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { a.compare(b) < 0 }

    /// Hashes the value (trailing zeros dropped), so equal values hash alike.
    public func hash(into hasher: inout Hasher) {
        var s = significand, e = exponent
        if s == 0 { e = 0 }
        while s != 0 && s % 10 == 0 { s /= 10; e += 1 }
        hasher.combine(s)
        hasher.combine(e)
    }

    /// The number as written, normalised only where writing is free: `+5` → `5`, `.5` → `0.5`,
    /// `7.` → `7`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        if exponent >= 0 { return sign + digits + (significand == 0 ? "" : String(repeating: "0", count: exponent)) }
        let places = -exponent
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -places)
        return sign + padded[..<split] + "." + padded[split...]
    }
}
