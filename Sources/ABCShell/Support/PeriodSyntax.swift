import ABCCore

/// `set period` words: how a period is typed and written back in scripts.
extension Period {
    /// The words of `set period` that give this period back.
    var script: String {
        switch self {
        case .between(let from, let to): return "\(CivilDate.iso(from)) \(CivilDate.iso(to))"
        case .lastMonths(let n): return "last \(n) month\(n == 1 ? "" : "s")"
        case .lastDays(let n): return "last \(n) day\(n == 1 ? "" : "s")"
        case .year(let y): return "year \(y)"
        case .quarter(let y, let q): return "quarter \(y)Q\(q)"
        case .month(let y, let m): return "month \(y)-\(m < 10 ? "0" : "")\(m)"
        }
    }

    /// Parses the words after `set period`; nil when they are not a period.
    init?(words: [String]) {
        let w = words.map { $0.lowercased() }
        switch w.count {
        case 2 where w[0] == "year":
            guard let y = Int(w[1]), (1000...9999).contains(y) else { return nil }
            self = .year(y)
        case 2 where w[0] == "quarter":
            let parts = w[1].split(separator: "q")
            guard parts.count == 2, let y = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q), (1000...9999).contains(y) else { return nil }
            self = .quarter(y, q)
        case 2 where w[0] == "month":
            let parts = w[1].split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), (1000...9999).contains(y) else { return nil }
            self = .month(y, m)
        case 3 where w[0] == "last":
            guard let n = Int(w[1]), n >= 1 else { return nil }
            // A `where` would bound only the plural: the unit is matched first, then bounded.
            switch w[2] {
            case "month", "months":
                guard n <= 120_000 else { return nil }
                self = .lastMonths(n)
            case "day", "days":
                guard n <= 3_650_000 else { return nil }
                self = .lastDays(n)
            case "year", "years":
                guard n <= 10_000 else { return nil }
                self = .lastMonths(12 * n)
            default: return nil
            }
        case 2:
            guard let from = CivilDate.parseISO(w[0]), let to = CivilDate.parseISO(w[1]), from <= to else { return nil }
            self = .between(from, to)
        default:
            return nil
        }
    }
}
