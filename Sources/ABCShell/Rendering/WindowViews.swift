import ABCCore

/// How the window a scenario's figures cover is written in headers and tables.
enum WindowViews {
    /// The window a scenario asks for, without the data: `all data`, `year 2025`,
    /// `last 12 months as of 2025-06-30`, `all data as of 2025-06-30`.
    static func setting(_ scenario: Scenario) -> String {
        var what = scenario.period?.script ?? "all data"
        if case .between(let from, let to) = scenario.period { what = DateWindow(from: from, to: to).description }
        return scenario.asOf.map { "\(what) as of \(CivilDate.iso($0))" } ?? what
    }

    /// `92 of 92 days`, or `partial: 31 of 365 days`.
    static func coverage(_ coverage: Coverage) -> String {
        (coverage.isPartial ? "partial: " : "") + "\(coverage.covered) of \(coverage.days) day\(coverage.days == 1 ? "" : "s")"
    }

    /// `(91 days)`, or `(partial: 31 of 365 days)`.
    static func days(_ coverage: Coverage) -> String {
        coverage.isPartial ? "(\(self.coverage(coverage)))" : "(\(coverage.days) day\(coverage.days == 1 ? "" : "s"))"
    }

    /// A scenario's window on the data: `year 2025, 2025-01-01 to 2025-12-31 (365 days)`,
    /// `year 2010, 2010-12-01 to 2010-12-31 (partial: 31 of 365 days)` (the dates are the days
    /// covered), or `all data (no dates)`.
    static func describe(_ scenario: Scenario, scope: ScopedMetrics) -> String {
        guard let coverage = scope.coverage else { return setting(scenario) + " (no dates)" }
        let dates = coverage.coveredWindow ?? coverage.window
        return "\(setting(scenario)), \(dates.description) \(days(coverage))"
    }

    /// A period's name in track's tables: `2025Q1`, `2025-03`, `2024`.
    static func shortName(_ period: Period) -> String {
        switch period {
        case .year(let y): return String(y)
        case .quarter(let y, let q): return "\(y)Q\(q)"
        case .month: return period.script.replacingOccurrences(of: "month ", with: "")
        case .between, .lastMonths, .lastDays: return period.script
        }
    }
}
