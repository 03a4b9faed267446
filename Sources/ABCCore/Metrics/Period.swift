/// Days `from...to`, both included.
public struct DateWindow: Sendable, Equatable, Hashable {
    public var from: Int32
    public var to: Int32

    public init(from: Int32, to: Int32) {
        self.from = from
        self.to = to
    }

    public var days: Int { Int(to - from) + 1 }

    public var description: String { "\(CivilDate.iso(from)) to \(CivilDate.iso(to))" }
}

/// A period the metrics are restricted to, counted back from the dataset's reference date
/// (never from today): `set period 2024-01-01 2024-06-30`, `last 12 months`, `year 2023`,
/// `quarter 2024Q3`, `month 2024-03`.
public enum Period: Sendable, Equatable, Hashable {
    case between(Int32, Int32)
    case lastMonths(Int)
    case lastDays(Int)
    case year(Int)
    case quarter(Int, Int)
    case month(Int, Int)

    /// The window on data whose latest date is `reference`.
    public func window(reference: Int32) -> DateWindow {
        switch self {
        case .between(let from, let to):
            return DateWindow(from: from, to: to)
        case .lastDays(let n):
            return DateWindow(from: reference - Int32(n) + 1, to: reference)
        case .lastMonths(let n):
            // The day after the same day n months earlier (clamped to the month's end); from a
            // month's last day, whole months: the first of the month n − 1 months back.
            let (y, m, d) = CivilDate.components(reference)
            var month = m - n, year = y
            while month < 1 { month += 12; year -= 1 }
            if d == CivilDate.daysInMonth(year: y, month: m) {
                var first = month + 1, firstYear = year
                if first > 12 { first = 1; firstYear += 1 }
                return DateWindow(from: CivilDate.dayNumber(year: firstYear, month: first, day: 1), to: reference)
            }
            let day = min(d, CivilDate.daysInMonth(year: year, month: month))
            return DateWindow(from: CivilDate.dayNumber(year: year, month: month, day: day) + 1, to: reference)
        case .year(let y):
            return DateWindow(from: CivilDate.dayNumber(year: y, month: 1, day: 1), to: CivilDate.dayNumber(year: y, month: 12, day: 31))
        case .quarter(let y, let q):
            let first = CivilDate.dayNumber(year: y, month: 3 * q - 2, day: 1)
            let lastMonth = 3 * q
            return DateWindow(from: first, to: CivilDate.dayNumber(year: y, month: lastMonth, day: CivilDate.daysInMonth(year: y, month: lastMonth)))
        case .month(let y, let m):
            return DateWindow(from: CivilDate.dayNumber(year: y, month: m, day: 1),
                              to: CivilDate.dayNumber(year: y, month: m, day: CivilDate.daysInMonth(year: y, month: m)))
        }
    }
}

