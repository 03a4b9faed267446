import Foundation

/// A table to print: rendered as aligned text, markdown, CSV or JSON (`set format`).
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        public var numeric: Bool
        /// How its exact cells read for people (tables, markdown, the report); machines
        /// (CSV, JSON) get the cells as they are.
        public var kind: Kind

        public init(_ title: String, numeric: Bool = true) {
            self.title = title
            self.numeric = numeric
            kind = numeric ? .number : .text
        }

        public init(_ title: String, kind: Kind) {
            self.title = title
            numeric = kind != .text
            self.kind = kind
        }

        public static func money(_ title: String) -> Column { Column(title, kind: .money) }
        public static func count(_ title: String) -> Column { Column(title, kind: .count) }
        public static func score(_ title: String) -> Column { Column(title, kind: .score) }
    }

    /// What a column's cells are, for printing them to people.
    public enum Kind: Sendable, Equatable {
        case text
        /// Printed as it is (weights, days, percentages).
        case number
        /// Grouped thousands, 2 decimals rounded half-even: `8,300,065.81`.
        case money
        /// Grouped thousands: `127,328`.
        case count
        /// 4 decimals: `0.0330`.
        case score
        /// A score when the cell has more than 4 decimals, else money (boundaries).
        case moneyOrScore
    }

    public var title: String?
    public var columns: [Column]
    public var rows: [[String]] = []
    /// Row indices that get a rule above them in the aligned layout (e.g. a total row).
    public var rulesBefore: Set<Int> = []
    /// Rows whose cells are of another kind than their columns say (the customers row of a
    /// table of money).
    public var rowKinds: [Int: Kind] = [:]
    /// Single cells of another kind (row → column → kind), before `rowKinds`.
    public var cellKinds: [Int: [Int: Kind]] = [:]

    public init(title: String? = nil, columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    public mutating func append(_ row: [String]) { rows.append(row) }
}

/// What a command prints: lines of text and tables, in order.
public enum Block: Sendable {
    case text(String)
    case table(Table)
}

/// How tables are printed (`set format`).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, markdown, csv, json
}

public enum TableRenderer {
    /// Renders `table`; `width` is the terminal's, or nil for a fixed layout (scripts, pipes).
    public static func render(_ table: Table, format: OutputFormat, width: Int? = nil) -> String {
        switch format {
        case .table: return aligned(table, width: width)
        case .markdown: return markdown(table)
        case .csv: return csv(table)
        case .json: return json(table)
        }
    }

    /// Control characters (a line break inside a quoted id) shown escaped, so rows stay rows.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f { out += "\\u{\(String(scalar.value, radix: 16))}" }
                else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// The table as people read it: every cell through its kind (`PeopleNumbers`).
    static func forPeople(_ table: Table) -> Table {
        var table = table
        table.rows = table.rows.enumerated().map { r, row in
            row.enumerated().map { i, cell in
                PeopleNumbers.format(
                    cell, as: table.cellKinds[r]?[i] ?? table.rowKinds[r] ?? (i < table.columns.count ? table.columns[i].kind : .text))
            }
        }
        return table
    }

    static func aligned(_ table: Table, width: Int?) -> String {
        var table = forPeople(table)
        table.rows = table.rows.map { $0.map(visible) }
        var widths = table.columns.map { $0.title.count }
        for row in table.rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let all = Array(table.columns.indices)
        func fits(_ columns: [Int]) -> Bool {
            guard let width else { return true }
            return columns.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1) <= width
        }
        guard !all.isEmpty, !fits(all) else { return aligned(table, columns: all, widths: widths, title: table.title) }
        // Too wide for the terminal: stacked, never cut. The key columns (the first, and the
        // text columns right after it while they take at most half the width) head every part.
        var keys = [0]
        while keys.count < all.count, !table.columns[keys.count].numeric, fits(keys + [keys.count]),
              (width ?? 0) >= 2 * (keys + [keys.count]).map({ widths[$0] + 2 }).reduce(0, +) {
            keys.append(keys.count)
        }
        var rest = Array(all.dropFirst(keys.count))
        var parts: [[Int]] = []
        while !rest.isEmpty {
            var part = keys
            while let next = rest.first, part == keys || fits(part + [next]) {
                part.append(next)
                rest.removeFirst()
            }
            parts.append(part)
        }
        return parts.enumerated().map { i, part in
            aligned(table, columns: part, widths: widths, title: i == 0 ? table.title : nil)
        }.joined(separator: "\n")
    }

    /// The table's `columns` only, each padded to its width.
    private static func aligned(_ table: Table, columns shown: [Int], widths: [Int], title: String?) -> String {
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in shown {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                parts.append(table.columns[i].numeric ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = ""
        if let title { out += title + "\n" }
        out += line(table.columns.map(\.title)) + "\n"
        let rule = shown.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ")
        out += rule + "\n"
        for (i, row) in table.rows.enumerated() {
            if table.rulesBefore.contains(i) { out += rule + "\n" }
            out += line(row) + "\n"
        }
        return out
    }

    static func markdown(_ table: Table) -> String {
        let table = forPeople(table)
        func escape(_ s: String) -> String { visible(s).replacingOccurrences(of: "|", with: "\\|") }
        var out = ""
        if let title = table.title { out += "**\(escape(title))**\n\n" }
        out += "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.numeric ? "---:" : ":---" }.joined(separator: "|") + "|\n"
        for row in table.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }

    static func csv(_ table: Table) -> String {
        func field(_ s: String) -> String {
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = table.columns.map { field($0.title) }.joined(separator: ",") + "\n"
        for row in table.rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
    }

    /// Several tables of one command as one JSON object, keyed by their titles.
    static func json(_ tables: [Table]) -> String {
        var used: [String: Int] = [:]
        let entries = tables.enumerated().map { i, table -> String in
            var key = table.title.map { $0.hasSuffix(":") ? String($0.dropLast()) : $0 } ?? "table \(i + 1)"
            used[key, default: 0] += 1
            if used[key]! > 1 { key += " (\(used[key]!))" }
            let body = json(table).split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n  ")
            return "  " + jsonString(key) + ": " + body.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "{\n" + entries.joined(separator: ",\n") + "\n}\n"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func json(_ table: Table) -> String {
        let string = jsonString
        func value(_ s: String, numeric: Bool) -> String {
            if s.isEmpty { return "null" }
            if numeric {
                var t = s
                if t.hasSuffix("%") { t.removeLast() }
                if Double(t) != nil && !t.contains("e") && t != "inf" && t != "nan" { return t }
            }
            return string(s)
        }
        var objects: [String] = []
        for row in table.rows {
            let fields = table.columns.enumerated().map { i, column in
                string(column.title) + ": " + value(i < row.count ? row[i] : "", numeric: column.numeric)
            }
            objects.append("  {" + fields.joined(separator: ", ") + "}")
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}

/// Numbers for people: exact cells (money at the data's decimals, scores in full) rounded and
/// grouped for reading. Cells that are not plain numbers (`n/a`, `36 dropped`, `12.5%`) stay.
enum PeopleNumbers {
    static func format(_ cell: String, as kind: Table.Kind) -> String {
        switch kind {
        case .text, .number: return cell
        case .count: return isInteger(cell) ? grouped(cell) : cell
        case .money: return money(cell) ?? cell
        case .score: return score(cell) ?? cell
        case .moneyOrScore:
            let decimals = cell.split(separator: ".").dropFirst().first?.count ?? 0
            return (decimals > 4 ? score(cell) : money(cell)) ?? cell
        }
    }

    static func isInteger(_ s: String) -> Bool {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        return !body.isEmpty && body.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `-1234567` → `-1,234,567`; only the integer part of a decimal is grouped.
    static func grouped(_ s: String) -> String {
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = Array(parts[0])
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return (negative ? "-" : "") + out + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A decimal rounded half-even to 2 decimals, exactly on its digits, and grouped.
    static func money(_ s: String) -> String? {
        // A signed change (`+1240.00`) keeps its sign.
        if s.hasPrefix("+") { return money(String(s.dropFirst())).map { "+" + $0 } }
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), whole.count + fraction.count <= 36,
              var units = Int128(String(whole) + String((fraction + "00").prefix(2))) else { return nil }
        let rest = fraction.count > 2 ? String(fraction.dropFirst(2)) : ""
        if let first = rest.first, let firstDigit = first.wholeNumberValue {
            let beyondHalf = firstDigit > 5 || (firstDigit == 5 && rest.dropFirst().contains { $0 != "0" })
            if beyondHalf || (firstDigit == 5 && !beyondHalf && units % 2 == 1) { units += 1 }
        }
        let cents = String(units % 100)
        let text = grouped(String(units / 100)) + "." + (cents.count == 1 ? "0" + cents : cents)
        return negative && units != 0 ? "-" + text : text
    }

    static func score(_ s: String) -> String? {
        guard let value = Double(s) else { return nil }
        return NumberFormatting.fixed(value, decimals: 4)
    }
}
