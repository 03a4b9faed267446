/// Reads the rows of a sheet's XML as typed cells, in place: numbers as the digits Excel
/// wrote, strings as shared-string numbers or decoded bytes in a per-row scratch buffer.
///
/// One pass over the XML with `XMLCursor`, no `String` per cell. Cells without a reference
/// (`r="C7"`) follow the one before, rows without a number follow the row before, as Excel
/// reads them.
struct XlsxSheetReader {
    struct Cell {
        enum Kind: UInt8 {
            /// Digits as written (`12.300000000000001`, `1.776357E-15`), at `value` in the XML.
            case number
            /// Shared string number `index`.
            case shared
            /// Text (inline, or a formula's string result) at `value` in `text`.
            case text
            /// `index` is 1 for TRUE, 0 for FALSE.
            case boolean
            /// An error value (`#N/A`, `#DIV/0!`) at `value` in `text`.
            case error
            /// An ISO 8601 date (`t="d"`) at `value` in `text`.
            case isoDate
        }

        /// 0 for column A.
        var column: Int
        var kind: Kind
        var value: Range<Int>
        var index: Int
        /// The cell's number format shows a date.
        var isDateStyle: Bool
    }

    private var xml: XMLCursor
    private let dateStyles: [Bool]
    private let sharedStringCount: Int
    private var lastRow = 0
    private var inSheetData = false
    /// The current row's cells (non-empty only, in column order as written).
    private(set) var cells: [Cell] = []
    /// Decoded text of the current row's text, error and date cells.
    private(set) var text: [UInt8] = []

    var base: UnsafePointer<UInt8> { xml.base }

    /// A cell that cannot be read (a shared string that does not exist, a bad reference).
    struct Failure: Error {
        var row: Int
        var column: Int
        var message: String
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>, dateStyles: [Bool], sharedStringCount: Int) {
        xml = XMLCursor(buffer)
        self.dateStyles = dateStyles
        self.sharedStringCount = sharedStringCount
        cells.reserveCapacity(64)
        text.reserveCapacity(1024)
    }

    /// Reads the next row into `cells` and `text`; its number (1-based), or nil at the end.
    mutating func nextRow() throws(Failure) -> Int? {
        cells.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        while let tag = xml.nextTag() {
            if !inSheetData {
                if xml.matches(tag.name, "sheetData") && !tag.isClosing && !tag.isSelfClosing { inSheetData = true }
                continue
            }
            if tag.isClosing {
                if xml.matches(tag.name, "sheetData") { inSheetData = false; return nil }
                continue
            }
            guard xml.matches(tag.name, "row") else { continue }
            var row = lastRow + 1
            if let r = xml.attribute("r", of: tag) {
                guard let n = number(r), n > lastRow else {
                    throw Failure(row: row, column: 0, message: "row \(xml.string(r)) is out of order in the sheet's XML")
                }
                row = n
            }
            lastRow = row
            if !tag.isSelfClosing { try readCells(row: row) }
            return row
        }
        return nil
    }

    private mutating func readCells(row: Int) throws(Failure) {
        var column = -1
        while let tag = xml.nextTag() {
            if tag.isClosing {
                if xml.matches(tag.name, "row") { return }
                continue
            }
            guard xml.matches(tag.name, "c") else { continue }
            // One pass over the attributes: r (reference), t (type), s (style).
            var reference: Range<Int>?, type: Range<Int>?, style: Range<Int>?
            scanCellAttributes(tag.attributes, &reference, &type, &style)
            if let reference {
                guard let c = columnIndex(reference) else {
                    throw Failure(row: row, column: column + 1, message: "cell reference '\(xml.string(reference))' cannot be read")
                }
                column = c
            } else {
                column += 1
            }
            if tag.isSelfClosing { continue }
            let styleIndex = style.flatMap(number) ?? 0
            let isDate = styleIndex < dateStyles.count && dateStyles[styleIndex]
            var value: Range<Int>?
            var inline: Range<Int>?
            // The cell's content: <v>, <is> (inline string), <f> (formula: its cached value is <v>).
            while let inner = xml.nextTag() {
                if inner.isClosing {
                    if xml.matches(inner.name, "c") { break }
                    continue
                }
                if inner.isSelfClosing { continue }
                if xml.matches(inner.name, "v") {
                    value = xml.textToNextTag()
                } else if xml.matches(inner.name, "is") {
                    let start = text.count
                    readInlineString()
                    inline = start..<text.count
                } else if xml.matches(inner.name, "f") {
                    skip(to: "f")
                }
            }
            let kind = type.map { xml.base[$0.lowerBound] } ?? 0x6e
            let typeLength = type?.count ?? 1
            var cell = Cell(column: column, kind: .number, value: 0..<0, index: 0, isDateStyle: isDate)
            switch (kind, typeLength) {
            case (0x6e, 1):  // n
                guard let value, !value.isEmpty else { continue }
                cell.value = trimmed(value)
            case (0x73, 1):  // s
                guard let value else { continue }
                guard let i = number(trimmed(value)), i < sharedStringCount else {
                    throw Failure(row: row, column: column, message: "shared string \(xml.string(value)) does not exist")
                }
                cell.kind = .shared
                cell.index = i
            case (0x69, _):  // inlineStr
                guard let inline, !inline.isEmpty else { continue }
                cell.kind = .text
                cell.value = inline
            case (0x73, 3):  // str (a formula's text)
                guard let value, !value.isEmpty else { continue }
                cell.kind = .text
                cell.value = decode(value)
            case (0x62, 1):  // b
                guard let value else { continue }
                cell.kind = .boolean
                cell.index = xml.matches(trimmed(value), "1") ? 1 : 0
            case (0x65, 1):  // e
                cell.kind = .error
                cell.value = decode(value ?? 0..<0)
            case (0x64, 1):  // d
                guard let value, !value.isEmpty else { continue }
                cell.kind = .isoDate
                cell.value = decode(value)
            default:
                guard let value, !value.isEmpty else { continue }
                cell.kind = .text
                cell.value = decode(value)
            }
            cells.append(cell)
        }
    }

    @inline(__always)
    private func scanCellAttributes(
        _ range: Range<Int>, _ r: inout Range<Int>?, _ t: inout Range<Int>?, _ s: inout Range<Int>?
    ) {
        let p = xml.base
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end && (p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0a || p[i] == 0x0d) { i += 1 }
            let nameStart = i
            while i < end && p[i] != 0x3d { i += 1 }
            let name = nameStart..<i
            while i < end && p[i] != 0x22 && p[i] != 0x27 { i += 1 }
            guard i < end else { return }
            let quote = p[i]
            i += 1
            let valueStart = i
            while i < end && p[i] != quote { i += 1 }
            if name.count == 1 {
                switch p[name.lowerBound] {
                case 0x72: r = valueStart..<i
                case 0x74: t = valueStart..<i
                case 0x73: s = valueStart..<i
                default: break
                }
            }
            i += 1
        }
    }

    /// The text runs of an inline string (`<is><t>…</t></is>` or rich `<r><t>…</t></r>`),
    /// without phonetic runs, appended to `text`.
    private mutating func readInlineString() {
        var phonetic = 0
        while let tag = xml.nextTag() {
            if xml.matches(tag.name, "is") && tag.isClosing { return }
            if xml.matches(tag.name, "rPh") {
                if !tag.isSelfClosing { phonetic += tag.isClosing ? -1 : 1 }
            } else if xml.matches(tag.name, "t"), phonetic == 0, !tag.isClosing, !tag.isSelfClosing {
                let range = xml.textToNextTag()
                xml.appendDecoded(range, to: &text, excelEscapes: true)
            }
        }
    }

    private mutating func skip(to name: StaticString) {
        while let tag = xml.nextTag() {
            if tag.isClosing && xml.matches(tag.name, name) { return }
        }
    }

    /// `range` decoded into `text`; the range there.
    private mutating func decode(_ range: Range<Int>) -> Range<Int> {
        let start = text.count
        xml.appendDecoded(range, to: &text, excelEscapes: true)
        return start..<text.count
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound, hi = range.upperBound
        let p = xml.base
        while lo < hi && (p[lo] == 0x20 || p[lo] == 0x0a || p[lo] == 0x0d || p[lo] == 0x09) { lo += 1 }
        while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x0a || p[hi - 1] == 0x0d || p[hi - 1] == 0x09) { hi -= 1 }
        return lo..<hi
    }

    /// A whole number ≥ 0 of at most 9 digits.
    private func number(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var v = 0
        for k in range {
            let d = xml.base[k] &- 0x30
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// The column of a reference such as `C1042` (0 for A), or nil.
    private func columnIndex(_ range: Range<Int>) -> Int? {
        var v = 0
        var letters = 0
        for k in range {
            let b = xml.base[k] | 0x20
            guard b >= 0x61 && b <= 0x7a else { break }
            v = v * 26 + Int(b - 0x61 + 1)
            letters += 1
        }
        guard letters > 0 && letters <= 3 else { return nil }
        return v - 1
    }

    /// `C` for column 2: Excel's letters for a column index.
    static func columnLetters(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(0x41 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}
