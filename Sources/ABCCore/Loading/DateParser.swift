/// Parses the date forms found in real exports, straight from the bytes.
///
/// Hand-written for speed and exact error reporting (no `DateFormatter`, no `String`):
/// `2024-03-01`, `2024/03/01`, `2024-03-01 14:05[:09]`, `2024-03-01T14:05:09[.123][Z|+01:00]`,
/// `20240301`, and the slash forms `01/03/24`, `01/03/2024`, `03/01/2024` whose day/month
/// order is decided from the whole column (see `DateOrderEvidence`).
enum DateParser {
    enum Outcome: Equatable {
        /// An unambiguous date.
        case day(Int32)
        /// `p1/p2/year`, both parts ≤ 12 or one of them settles the order.
        case slash(first: Int, second: Int, year: Int)
        case empty
        case invalid
    }

    @inline(__always)
    private static func digit(_ b: UInt8) -> Int? {
        let d = b &- 0x30
        return d < 10 ? Int(d) : nil
    }

    static func parse(_ base: UnsafePointer<UInt8>, _ count: Int) -> Outcome {
        var lo = 0
        var hi = count
        while lo < hi && (base[lo] == 0x20 || base[lo] == 0x09) { lo += 1 }
        while hi > lo && (base[hi - 1] == 0x20 || base[hi - 1] == 0x09) { hi -= 1 }
        if lo == hi { return .empty }
        let p = base + lo
        let n = hi - lo

        // Read up to three numeric parts separated by one of - / .
        var parts = (0, 0, 0)
        var widths = (0, 0, 0)
        var separator: UInt8 = 0
        var index = 0
        var i = 0
        var value = 0
        var width = 0
        while i < n {
            let b = p[i]
            if let d = digit(b) {
                value = value * 10 + d
                width += 1
                if width > 8 { return .invalid }
                i += 1
                continue
            }
            if (b == 0x2d || b == 0x2f || b == 0x2e) && index < 2 && width > 0 {
                if index == 0 { separator = b } else if b != separator { return .invalid }
                if index == 0 { parts.0 = value; widths.0 = width } else { parts.1 = value; widths.1 = width }
                index += 1
                value = 0
                width = 0
                i += 1
                continue
            }
            break
        }
        if width == 0 { return .invalid }
        switch index {
        case 0: parts.0 = value; widths.0 = width
        case 1: parts.1 = value; widths.1 = width
        default: parts.2 = value; widths.2 = width
        }
        // What follows the date must be a time of day.
        if i < n {
            guard p[i] == 0x20 || p[i] == 0x54, isTime(p + i + 1, n - i - 1) else { return .invalid }
        }

        if index == 0 {
            // 20240301
            guard widths.0 == 8 else { return .invalid }
            return ymd(parts.0 / 10_000, parts.0 / 100 % 100, parts.0 % 100)
        }
        guard index == 2 else { return .invalid }
        if widths.0 == 4 {
            guard widths.1 <= 2, widths.2 <= 2 else { return .invalid }
            return ymd(parts.0, parts.1, parts.2)
        }
        guard widths.0 <= 2, widths.1 <= 2, widths.2 == 2 || widths.2 == 4 else { return .invalid }
        var year = parts.2
        if widths.2 == 2 { year += year <= 68 ? 2000 : 1900 }
        let (a, b) = (parts.0, parts.1)
        if a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) { return .invalid }
        if a > 12 && !CivilDate.isValid(year: year, month: b, day: a) { return .invalid }
        if b > 12 && !CivilDate.isValid(year: year, month: a, day: b) { return .invalid }
        return .slash(first: a, second: b, year: year)
    }

    private static func ymd(_ y: Int, _ m: Int, _ d: Int) -> Outcome {
        guard y >= 1000, CivilDate.isValid(year: y, month: m, day: d) else { return .invalid }
        return .day(CivilDate.dayNumber(year: y, month: m, day: d))
    }

    /// `HH:MM[:SS[.fff]]` then optionally ` AM|PM`, `Z`, or `±HH[:MM]`.
    private static func isTime(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        func number(maxWidth: Int) -> Bool {
            var w = 0
            while i < n, digit(p[i]) != nil, w < maxWidth { i += 1; w += 1 }
            return w > 0
        }
        guard number(maxWidth: 2), i < n, p[i] == 0x3a else { return false }
        i += 1
        guard number(maxWidth: 2) else { return false }
        if i < n && p[i] == 0x3a {
            i += 1
            guard number(maxWidth: 2) else { return false }
            if i < n && (p[i] == 0x2e || p[i] == 0x2c) {
                i += 1
                guard number(maxWidth: 9) else { return false }
            }
        }
        if i == n { return true }
        if p[i] == 0x5a { return i + 1 == n }  // Z
        if p[i] == 0x2b || p[i] == 0x2d {
            i += 1
            guard number(maxWidth: 2) else { return false }
            if i < n && p[i] == 0x3a { i += 1 }
            if i < n { guard number(maxWidth: 2) else { return false } }
            return i == n
        }
        if p[i] == 0x20 && n - i == 3 {
            let a = p[i + 1] | 0x20, m = p[i + 2] | 0x20
            return (a == 0x61 || a == 0x70) && m == 0x6d
        }
        return false
    }
}

/// How day/month order is settled for a column of slash dates: a first part > 12 means
/// day-first, a second part > 12 month-first; both in one column is an error.
public enum DateOrder: String, Sendable, CaseIterable {
    case dmy, mdy
}
