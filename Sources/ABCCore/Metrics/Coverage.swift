/// How much of a window the data covers: the window's days inside [first date, last date] of
/// the data. Quiet days inside that range count as covered (no purchase is a fact about the
/// day); days before the first date or after the last do not. A window covered in part — Online
/// Retail's 2010 is December alone, its 2011 ends on 9 December — is partial, and a change
/// against it is compared per covered day, never as plain growth.
public struct Coverage: Sendable, Equatable, Hashable {
    /// The window asked for: a period's calendar days, or all the data up to the as-of day.
    public var window: DateWindow
    /// The part of `window` inside the data's date range; nil when they do not meet.
    public var coveredWindow: DateWindow?

    /// The coverage of `window` by data dated `data.from…data.to`.
    public init(window: DateWindow, data: DateWindow) {
        self.window = window
        coveredWindow = window.intersection(data)
    }

    /// The window's days.
    public var days: Int { window.days }
    /// The window's days inside the data's date range.
    public var covered: Int { coveredWindow?.days ?? 0 }
    public var isPartial: Bool { covered < days }

    /// `value` per covered day: value ÷ covered days, rounded half-even to the money unit;
    /// nil when no day is covered.
    public func perCoveredDay(_ value: Int128) -> Int128? {
        guard covered > 0 else { return nil }
        return FixedPoint.divideRoundingHalfEven(value, Int128(covered))
    }

    /// `value` scaled to a year: value × 365 ÷ covered days, rounded half-even to the money
    /// unit; nil when no day is covered.
    public func annualised(_ value: Int128) -> Int128? {
        guard covered > 0 else { return nil }
        return FixedPoint.divideRoundingHalfEven(value * 365, Int128(covered))
    }

    /// The change from `base` over `baseCoverage` to `value` over `coverage`, per covered day:
    /// value ÷ covered − base ÷ base's covered, computed exactly and rounded half-even to the
    /// money unit once; nil when either side covers no day.
    public static func changePerCoveredDay(
        from base: Int128, over baseCoverage: Coverage, to value: Int128, over coverage: Coverage
    ) -> Int128? {
        guard coverage.covered > 0, baseCoverage.covered > 0 else { return nil }
        let days = Int128(coverage.covered), baseDays = Int128(baseCoverage.covered)
        return FixedPoint.divideRoundingHalfEven(value * baseDays - base * days, days * baseDays)
    }
}

extension DateWindow {
    /// The days in both windows; nil when they do not meet.
    public func intersection(_ other: DateWindow) -> DateWindow? {
        let window = DateWindow(from: max(from, other.from), to: min(to, other.to))
        return window.from <= window.to ? window : nil
    }
}

extension Dataset {
    /// [first date, last date] of the data; nil when it has no dates.
    public var dateRange: DateWindow? {
        guard let first = report.firstDate, let last = report.lastDate else { return nil }
        return DateWindow(from: first, to: last)
    }
}
