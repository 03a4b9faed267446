import Foundation

/// A table to print: rendered as aligned text, markdown, CSV or JSON (`set format`).
///
/// People read `title`, the column titles and the rows; machines (CSV, JSON) read `name`, the
/// column keys and the records of `machine` (the rows, unless the view gives other records).
public struct Table: Sendable {
    public struct Column: Sendable {
        public var title: String
        /// The record key machines read (JSON, the CSV header): stable, `[a-z0-9_]`, never a
        /// scenario's name. The title unless given.
        public var key: String
        public var numeric: Bool
        /// How its exact cells read for people (tables, markdown, the report), and which JSON
        /// type machines get (`TableRenderer.jsonValue`).
        public var kind: Kind

        public init(_ title: String, numeric: Bool = true, key: String? = nil) {
            self.title = title
            self.key = key ?? title
            self.numeric = numeric
            kind = numeric ? .number : .text
        }

        public init(_ title: String, kind: Kind, key: String? = nil) {
            self.title = title
            self.key = key ?? title
            numeric = kind != .text && kind != .flag
            self.kind = kind
        }

        public static func money(_ title: String, key: String? = nil) -> Column { Column(title, kind: .money, key: key) }
        public static func count(_ title: String, key: String? = nil) -> Column { Column(title, kind: .count, key: key) }
        public static func score(_ title: String, key: String? = nil) -> Column { Column(title, kind: .score, key: key) }
    }

    /// What a column's cells are, for printing them to people and typing them for machines.
    /// Every kind but `text` and `flag` is a JSON number; an empty or `n/a` cell is null.
    public enum Kind: Sendable, Equatable {
        /// A JSON string.
        case text
        /// A mark: a non-empty cell (`*`) is JSON true, an empty one false.
        case flag
        /// Printed as it is (weights, days, percentages); for machines a number, a `%` and a
        /// leading `+` dropped (shares, margins and ROI are in percent).
        case number
        /// Grouped thousands, 2 decimals rounded half-even: `8,300,065.81`.
        case money
        /// Grouped thousands: `127,328`; a JSON integer.
        case count
        /// 4 decimals: `0.0330`.
        case score
        /// A score when the cell has more than 4 decimals, else money (boundaries).
        case moneyOrScore
    }

    /// The table's name for machines (`profile`, `levers`, `migration`): stable, and the same
    /// for every scenario. Tables of one command with the same name are one table in its JSON
    /// document (their records one after the other).
    public var name: String
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

    /// What machines get of the table (CSV, JSON).
    public var machine: MachineForm = .rows
    /// The table `set format csv` writes when a command prints several (else the first).
    public var isMain = false

    /// How machines read a table.
    public enum MachineForm: Sendable {
        /// Its rows, a record per row, keyed by the columns' keys, under the table's name.
        case rows
        /// Other records with the same figures, when the people's layout is not a record per
        /// row (measures down and tiers across; `82.0 of 1641` in one cell); none when its
        /// figures are in another table of the command.
        case records([Records])
    }

    /// Named records for machines.
    public struct Records: Sendable {
        public var name: String
        public var columns: [Column]
        public var rows: [[String]]

        public init(_ name: String, columns: [Column], rows: [[String]] = []) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }

        public mutating func append(_ row: [String]) { rows.append(row) }
    }

    /// What machines read of the table: named records, each cell with its kind.
    struct RecordSet {
        var name: String
        var columns: [Column]
        var rows: [[String]]
        var kind: (Int, Int) -> Kind
    }

    public init(_ name: String, title: String? = nil, columns: [Column]) {
        self.name = name
        self.title = title
        self.columns = columns
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The records machines read.
    var recordSets: [RecordSet] {
        switch machine {
        case .records(let sets):
            return sets.map { set in
                RecordSet(name: set.name, columns: set.columns, rows: set.rows,
                          kind: { _, i in i < set.columns.count ? set.columns[i].kind : .text })
            }
        case .rows:
            let columns = self.columns, cellKinds = self.cellKinds, rowKinds = self.rowKinds
            return [RecordSet(name: name, columns: columns, rows: rows,
                              kind: { r, i in cellKinds[r]?[i] ?? rowKinds[r] ?? (i < columns.count ? columns[i].kind : .text) })]
        }
    }
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
        case .json: return json(table) + "\n"
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
        // A title's own asterisks (`xoshiro256**`) would end the bold early.
        if let title = table.title { out += "**\(escape(title).replacingOccurrences(of: "*", with: "\\*"))**\n\n" }
        out += "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { $0.numeric ? "---:" : ":---" }.joined(separator: "|") + "|\n"
        for row in table.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }

    /// The table's records as CSV: a header of keys, then the cells as they are (exact).
    static func csv(_ table: Table) -> String {
        guard let records = table.recordSets.first else { return "" }
        return csv(records)
    }

    static func csv(_ records: Table.RecordSet) -> String {
        func field(_ s: String) -> String {
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = records.columns.map { field($0.key) }.joined(separator: ",") + "\n"
        for row in records.rows { out += row.map(field).joined(separator: ",") + "\n" }
        return out
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
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A cell as a JSON value of its kind: text a string, a flag true or false, the rest
    /// numbers (money at the dataset's decimals, as exact as the cell); empty and `n/a` are
    /// null. A cell that does not read as its kind stays a string (the schema test finds it).
    static func jsonValue(_ cell: String, kind: Table.Kind) -> String {
        switch kind {
        case .text: return cell.isEmpty ? "null" : jsonString(cell)
        case .flag: return cell.isEmpty ? "false" : "true"
        case .count, .number, .money, .score, .moneyOrScore:
            if cell.isEmpty || cell == SimulationViews.notKnown { return "null" }
            var t = Substring(cell)
            if t.hasPrefix("+") { t = t.dropFirst() }
            if kind != .count && t.hasSuffix("%") { t = t.dropLast() }
            let number = kind == .count ? PeopleNumbers.isInteger(String(t)) : isJSONNumber(t)
            return number ? String(t) : jsonString(cell)
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, JSON's number.
    static func isJSONNumber(_ s: Substring) -> Bool {
        var u = Array(s.utf8)[...]
        func digits() -> Int {
            let n = u.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            u = u.dropFirst(n)
            return n
        }
        if u.first == 0x2d { u = u.dropFirst() }
        if u.first == 0x30 { u = u.dropFirst() } else if digits() == 0 { return false }
        if u.first == 0x2e { u = u.dropFirst(); if digits() == 0 { return false } }
        if u.first == 0x65 || u.first == 0x45 {
            u = u.dropFirst()
            if u.first == 0x2b || u.first == 0x2d { u = u.dropFirst() }
            if digits() == 0 { return false }
        }
        return u.isEmpty
    }

    /// One table as compact JSON objects, one per record set: `{"name": …, "title": …, "rows": [{…}, …]}`.
    static func json(_ table: Table) -> String {
        table.recordSets.map { json(name: $0.name, title: table.title, rows: jsonRecords($0)) }.joined(separator: "\n")
    }

    private static func json(name: String, title: String?, rows: [String]) -> String {
        "{\"name\":" + jsonString(name) + ",\"title\":" + (title.map(jsonString) ?? "null")
            + ",\"rows\":[" + rows.joined(separator: ",") + "]}"
    }

    /// The records, each a compact JSON object.
    static func jsonRecords(_ records: Table.RecordSet) -> [String] {
        let keys = records.columns.map { jsonString($0.key) + ":" }
        return records.rows.enumerated().map { r, row in
            "{" + keys.indices.map { i in keys[i] + jsonValue(i < row.count ? row[i] : "", kind: records.kind(r, i)) }
                .joined(separator: ",") + "}"
        }
    }

    /// A command's JSON Lines document, one line: `{"command": …, "tables": […], "notes": […]}`.
    /// Record sets of the same name are one table (titled by the first table they come from).
    static func jsonDocument(command: String, tables: [Table], notes: [String]) -> String {
        var order: [String] = []
        var merged: [String: (title: String?, rows: [String])] = [:]
        for table in tables {
            for set in table.recordSets {
                if merged[set.name] == nil { order.append(set.name) }
                merged[set.name, default: (table.title, [])].rows += jsonRecords(set)
            }
        }
        let body = order.compactMap { name in merged[name].map { json(name: name, title: $0.title, rows: $0.rows) } }
        return "{\"command\":" + jsonString(command) + ",\"tables\":[" + body.joined(separator: ",") + "],\"notes\":["
            + notes.map(jsonString).joined(separator: ",") + "]}\n"
    }
}

/// Numbers for people: exact cells (money at the data's decimals, scores in full) rounded and
/// grouped for reading. Cells that are not plain numbers (`n/a`, `36 dropped`, `12.5%`) stay.
enum PeopleNumbers {
    static func format(_ cell: String, as kind: Table.Kind) -> String {
        switch kind {
        case .text, .number, .flag: return cell
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
