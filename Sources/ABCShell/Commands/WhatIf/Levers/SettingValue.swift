import ABCCore

/// A value of a setting that `sweep` and `seek` vary (a weight, a tier share, a lever's
/// figure), held exactly in 1/10,000 units: `10%` is 100_000, `2.50` is 25_000, `180` days
/// is 1_800_000. The same scale as money, so amounts need no conversion.
typealias SettingValue = Int64

extension SettingValue {
    /// How a setting's value reads and prints.
    enum Unit: Sendable {
        case percent, wholePercent, money, count, weight

        var suffix: String { self == .percent || self == .wholePercent ? "%" : "" }
        /// Whole numbers only (days, orders, tier shares).
        var integral: Bool { self == .count || self == .wholePercent }
    }

    /// `10%` as a rate of 0.1.
    /// With no more decimals than it needs, so it prints as typed (`40%`, not `40.0000%`).
    var rate: ExactRate {
        var numerator = self, denominator = 100 * FixedPoint.scale
        while denominator > 100 && numerator % 10 == 0 { numerator /= 10; denominator /= 10 }
        return ExactRate(numerator: numerator, denominator: denominator)
    }
    /// Rounded to whole units, halves away from zero (days, orders, tier shares).
    var whole: Int { Int((self + (self < 0 ? -1 : 1) * FixedPoint.scale / 2) / FixedPoint.scale) }
    /// The value as a Double (weights).
    var double: Double { Double(self) / Double(FixedPoint.scale) }

    /// A value in `unit`: a percentage or weight with up to 4 decimals, trailing zeros dropped.
    func formatted(_ unit: Unit) -> String {
        if unit.integral { return String(whole) + unit.suffix }
        var text = FixedPoint.format(self, decimals: 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (text == "-0" ? "0" : text) + unit.suffix
    }

    /// Reads `10%`, `0.25` or `180` as a setting value (a trailing `%` is optional).
    static func parse(_ text: String) -> SettingValue? {
        FixedPoint.parseAmount(text.hasSuffix("%") ? String(text.dropLast()) : text)
    }

    static func whole(_ n: Int) -> SettingValue { SettingValue(n) * FixedPoint.scale }

    /// A rate as a percentage setting: 0.3 is `30%`.
    init(rate: ExactRate) {
        self.init(clamping: Int128(rate.numerator) * Int128(100 * FixedPoint.scale) / Int128(rate.denominator))
    }
}
