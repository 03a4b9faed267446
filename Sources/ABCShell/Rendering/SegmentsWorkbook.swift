import ABCCore

/// The `export segments` rows as workbook sheets: the CSV's columns in the CSV's order, typed.
///
/// - ids, tiers, the profit basis and attributes are text (an id `007` stays `007`);
/// - scores, ranks, orders and days are numbers;
/// - money is a number shown at the dataset's decimals, holding the CSV's exact value, when
///   that value has at most 15 significant digits (a Double then reads back as the same
///   decimal); beyond, the cell is the exact decimal as text with a note (a cell comment)
///   saying why;
/// - first and last purchase are date cells (`yyyy-mm-dd`);
/// - an absent metric is an empty cell.
///
/// The header is frozen; more customers than a sheet holds continue on `segments 2`, … each
/// with the header.
enum SegmentsWorkbook {
    /// Customers on one sheet: Excel's 1,048,576 rows less the header.
    static let customersPerSheet = XlsxWorkbook.maxRows - 1

    /// The note on a money cell kept as text.
    static let exactTextNote = "Exact value kept as text: it has more than 15 significant digits, which an Excel number would round."

    /// The customers of each sheet, in order: `count` rows cut every `perSheet`; one empty
    /// range when there are none (a sheet with the header only).
    static func sheetRanges(count: Int, perSheet: Int = customersPerSheet) -> [Range<Int>] {
        precondition(perSheet > 0)
        guard count > 0 else { return [0..<0] }
        return stride(from: 0, to: count, by: perSheet).map { $0..<min($0 + perSheet, count) }
    }

    /// Sheet names for `sheets` sheets: `base`, then `base 2`, `base 3`…
    static func sheetName(_ base: String, _ index: Int) -> String {
        index == 0 ? base : "\(base) \(index + 1)"
    }

    /// Significant digits of an exact decimal (`-0012.3400` → 4, `1200` → 4): the digits
    /// without leading zeros and without the fraction's trailing zeros.
    static func significantDigits(_ decimal: String) -> Int {
        let parts = decimal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].filter { ("0"..."9").contains($0) }
        let fraction = parts.count > 1 ? String(parts[1].filter { ("0"..."9").contains($0) }) : ""
        let digits = (whole + fraction.reversed().drop { $0 == "0" }.reversed()).drop { $0 == "0" }
        return digits.count
    }

    /// Writes the rows on sheets named `sheet`, `sheet 2`…, `perSheet` customers each, taking
    /// names from `names`.
    static func write(
        _ rows: some SegmentsTable, into book: XlsxWorkbook, sheet: String = "segments", names: inout XlsxSheetNames,
        perSheet: Int = customersPerSheet
    ) throws(RequestError) {
        let columns = rows.columns
        let moneyFormat = book.numberFormat(
            rows.moneyDecimals == 0 ? "0" : "0." + String(repeating: "0", count: rows.moneyDecimals))
        let widths = columns.map { column -> Double in
            switch column.kind {
            case .date: 12
            case .money: 14
            case .score: 20
            case .text, .integer: max(10, Double(column.name.count) + 2)
            }
        }
        var row: [SegmentsRows.Cell] = []
        row.reserveCapacity(columns.count)
        for (index, range) in sheetRanges(count: rows.count, perSheet: perSheet).enumerated() {
            let sheet = try book.addSheet(names.make(sheetName(sheet, index)))
            try sheet.widths(widths)
            try sheet.header(columns.map(\.name))
            for (offset, c) in range.enumerated() {
                let r = offset + 1
                rows.cells(of: c, into: &row)
                for (i, cell) in row.enumerated() {
                    switch cell {
                    case .empty: break
                    case .text(let s): try sheet.text(r, i, s)
                    case .bytes(let b): try sheet.text(r, i, String(decoding: b, as: UTF8.self))
                    case .money(let s):
                        if significantDigits(s) <= 15, let value = Double(s) {
                            try sheet.number(r, i, value, format: moneyFormat)
                        } else {
                            try sheet.text(r, i, s)
                            try sheet.note(r, i, exactTextNote)
                        }
                    case .integer(let v): try sheet.number(r, i, Double(v))
                    case .score(let v): try sheet.number(r, i, v)
                    case .date(let d): try sheet.date(r, i, d)
                    }
                }
            }
        }
    }
}
