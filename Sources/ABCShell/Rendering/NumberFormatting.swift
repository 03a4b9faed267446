import ABCCore
import Foundation

/// Fixed number formats, so the same data prints the same bytes everywhere.
enum NumberFormatting {
    /// Hundredths of a percent as `73.04%`.
    static func percent(basisPoints: Int) -> String {
        FixedPoint.formatScaled(Int128(basisPoints), scaleDigits: 2, decimals: 2) + "%"
    }

    /// An exact ratio as a percentage with 2 decimals, rounded half to even.
    static func percent(_ numerator: Int128, _ denominator: Int128) -> String {
        guard denominator != 0 else { return "" }
        return FixedPoint.formatRatio(numerator * 100, denominator, decimals: 2) + "%"
    }

    /// A weight: up to 4 decimals, trailing zeros dropped (`0.5`, `0.7143`).
    static func weight(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A score with 12 decimals (enough to tell boundary customers apart).
    static func score(_ value: Double) -> String { String(format: "%.12f", value) }

    /// A score so that it parses back to the same Double (shortest round-trip form).
    static func exactScore(_ value: Double) -> String { "\(value)" }

    /// An exact average with one decimal, rounded half to even.
    static func average(_ sum: Int128, _ count: Int) -> String {
        guard count > 0 else { return "" }
        return FixedPoint.formatRatio(sum, Int128(count), decimals: 1)
    }
}

extension NumberFormatting {
    /// A Double with a fixed number of decimals.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
