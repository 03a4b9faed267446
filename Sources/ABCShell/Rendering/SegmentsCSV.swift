import ABCCore

/// The `export segments` CSV: one row per customer in customer_id order (`SegmentsRows`).
enum SegmentsCSV {
    /// The field separator (`--sep`).
    enum Separator: String, CaseIterable, Sendable {
        case comma, semicolon, tab

        var byte: UInt8 {
            switch self {
            case .comma: 0x2c
            case .semicolon: 0x3b
            case .tab: 0x09
            }
        }
    }

    /// The decimal mark of money and scores (`--decimal`): a comma for spreadsheets in
    /// comma-decimal locales, with `--sep semicolon`.
    enum DecimalMark: String, CaseIterable, Sendable {
        case point, comma
    }

    /// See `SegmentsRows` for what the rows hold. A field is quoted when it holds the
    /// separator, `"`, CR or LF.
    static func bytes(
        dataset: Dataset, scope: ScopedMetrics, segmentation: Segmentation, outcome: SimulationOutcome? = nil,
        separator: Separator = .comma, decimal: DecimalMark = .point
    ) -> [UInt8] {
        bytes(SegmentsRows(dataset: dataset, scope: scope, segmentation: segmentation, outcome: outcome),
              separator: separator, decimal: decimal)
    }

    static func bytes(_ rows: some SegmentsTable, separator: Separator = .comma, decimal: DecimalMark = .point) -> [UInt8] {
        let sep = separator.byte
        let comma = decimal == .comma
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 96)
        func field<S: Collection>(_ bytes: S) where S.Element == UInt8 {
            if bytes.contains(where: { $0 == sep || $0 == 0x22 || $0 == 0x0a || $0 == 0x0d }) {
                out.append(0x22)
                for b in bytes {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: bytes)
            }
        }
        func number(_ s: String) {
            if comma { field(s.utf8.lazy.map { $0 == 0x2e ? 0x2c : $0 }) }  // quoted with a comma separator
            else { out.append(contentsOf: s.utf8) }
        }
        for (i, column) in rows.columns.enumerated() {
            if i > 0 { out.append(sep) }
            field(column.name.utf8)
        }
        out.append(0x0a)
        var row: [SegmentsRows.Cell] = []
        row.reserveCapacity(rows.columns.count)
        for c in 0..<rows.count {
            rows.cells(of: c, into: &row)
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(sep) }
                switch cell {
                case .empty: break
                case .text(let s): field(s.utf8)
                case .bytes(let b): field(b)
                // Money and scores are plain decimals, never thousands-grouped.
                case .money(let s): number(s)
                case .score(let v): number(NumberFormatting.exactScore(v))
                case .integer(let v): out.append(contentsOf: String(v).utf8)
                case .date(let d): out.append(contentsOf: CivilDate.iso(d).utf8)
                }
            }
            out.append(0x0a)
        }
        return out
    }
}
