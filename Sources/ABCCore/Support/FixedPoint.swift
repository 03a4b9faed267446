/// Exact money and other fixed-point quantities.
///
/// Every amount is an `Int64` count of 1/10,000 of the currency unit, whatever the dataset,
/// so `12.34`, `16.448` and `5.5512` are all exact (docs/money.md#fixed-point).
public enum FixedPoint {
    /// Units per currency unit.
    public static let scale: Int64 = 10_000
    /// Decimal digits held by `scale`.
    public static let digits = 4

    /// Rounds `numerator / denominator` half to even. `denominator` must be positive.
    @inlinable
    public static func divideRoundingHalfEven(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        precondition(denominator > 0)
        var q = numerator / denominator
        var r = numerator % denominator
        if r < 0 { q -= 1; r += denominator }  // floor division: 0 <= r < denominator
        let twice = r * 2
        if twice > denominator || (twice == denominator && q & 1 != 0) { q += 1 }
        return q
    }

    /// `amount` (in units) formatted with `decimals` (2 or 4) digits, rounding half to even.
    public static func format(_ amount: Int64, decimals: Int) -> String {
        formatScaled(Int128(amount), scaleDigits: digits, decimals: decimals)
    }

    /// An exact ratio of units, `numerator / denominator` units, formatted with `decimals` digits.
    public static func format(units numerator: Int128, per denominator: Int128, decimals: Int) -> String {
        formatScaled(
            divideRoundingHalfEven(numerator * pow10(decimals), denominator * pow10(digits)),
            scaleDigits: decimals, decimals: decimals)
    }

    /// A plain exact decimal: `value` counts 10^-scaleDigits, printed with `decimals` digits.
    public static func formatScaled(_ value: Int128, scaleDigits: Int, decimals: Int) -> String {
        var v = value
        if decimals < scaleDigits {
            v = divideRoundingHalfEven(v, pow10(scaleDigits - decimals))
        } else if decimals > scaleDigits {
            v *= pow10(decimals - scaleDigits)
        }
        let negative = v < 0
        let magnitude = negative ? -v : v
        let unit = pow10(decimals)
        var text = String(magnitude / unit)
        if decimals > 0 {
            let fraction = String(magnitude % unit)
            text += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return negative ? "-" + text : text
    }

    /// Exact `numerator / denominator` rounded half-even to `decimals` digits, as text.
    public static func formatRatio(_ numerator: Int128, _ denominator: Int128, decimals: Int) -> String {
        if denominator < 0 { return formatRatio(-numerator, -denominator, decimals: decimals) }
        return formatScaled(
            divideRoundingHalfEven(numerator * pow10(decimals), denominator),
            scaleDigits: decimals, decimals: decimals)
    }

    @inlinable
    public static func pow10(_ n: Int) -> Int128 {
        var p: Int128 = 1
        for _ in 0..<n { p *= 10 }
        return p
    }
}

extension FixedPoint {
    /// Parses an amount typed in a command (`4.50`, `2`, `-1.25`) into units; nil if it is not
    /// a number or has more than 4 decimals.
    ///
    /// Read as the data files read amounts (`NumberParser`), not through `ExactDecimal`: an
    /// amount also takes `$4.50`, `4.50 €`, `(4.50)` and `45e-1`, so the accepted inputs differ.
    public static func parseAmount(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        let parser = NumberParser(allowsDecimalComma: false, thousands: nil)
        let outcome = bytes.withUnsafeMutableBufferPointer { parser.parse($0.baseAddress!, $0.count) }
        if case .value(let v, false) = outcome { return v }
        return nil
    }

    /// Units with at least `minimumDecimals` decimals and as many more as the value needs
    /// (at most 4): `45000` → `4.50`, `41250` → `4.125`.
    public static func formatExact(_ units: Int128, minimumDecimals: Int) -> String {
        var decimals = digits
        while decimals > minimumDecimals && units % pow10(digits - decimals + 1) == 0 { decimals -= 1 }
        return formatScaled(units, scaleDigits: digits, decimals: decimals)
    }
}
