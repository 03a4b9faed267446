/// One sheet of a workbook written as comma-separated text for the loader, with what it
/// takes to name sheet cells in errors (`book.xlsx:1042:3: error: … (sheet Sheet1, cell C1042)`).
///
/// The loader's column recognition, number and date parsing, counts and errors are the text
/// loader's, so a workbook loads exactly as the same data as CSV: what Excel stores as text
/// is read as the same text would be; numbers are the decimal digits Excel wrote (never a
/// `Double`), cut to Excel's 15 significant digits: a cell is a binary double, and the digits a
/// writer adds beyond the 15th (`97.65000000000001` from XlsxWriter, which prints Python's
/// shortest round trip) are that double's noise, not data — Excel itself shows and keeps 15;
/// the loader then reads the text as CSV, rounding to 4 decimals half-even; a whole number is written as an integer (`17850`, not
/// `17850.0`), so a numeric id reads as the text id; a date is written as ISO `YYYY-MM-DD`.
/// Line N of the text is row N of the sheet (empty rows are blank lines), unless a cell
/// above holds a line break; each line's row is kept to translate locations either way.
struct XlsxSheetText {
    /// The name messages call the file.
    let name: String
    let sheetName: String
    let sheetIndex: Int
    let sheetCount: Int
    /// The text, comma-separated, RFC 4180 quotes where a value needs them.
    let bytes: [UInt8]
    /// The sheet column (0 for A) of the text's first field: the header's first cell.
    private let origin: Int
    /// Where each line of the text starts, and its sheet row.
    private let lineStarts: [Int]
    private let lineRows: [Int32]
    /// Cells whose text stands for something else (an error value, Excel's 1900-02-29):
    /// errors about them say so.
    private let notes: [Int: (text: String, meaning: String)]

    /// Reads `options.sheet` (or the first sheet) of the workbook in `workbookBytes`.
    init(workbookBytes: [UInt8], name: String, options: LoadOptions) throws {
        let workbook = try XlsxWorkbook(bytes: workbookBytes, name: name)
        let (sheet, index) = try workbook.sheet(named: options.sheet)
        let xml = try workbook.xml(of: sheet)
        self.name = name
        sheetName = sheet.name
        sheetIndex = index
        sheetCount = workbook.sheets.count
        var writer = Writer(workbook: workbook, name: name, sheet: sheet.name, options: options)
        try xml.withUnsafeBufferPointer { buffer in
            var reader = XlsxSheetReader(
                buffer, dateStyles: workbook.dateStyles, sharedStringCount: workbook.sharedStrings.count)
            writer.out.reserveCapacity(buffer.count / 3)
            do {
                while let row = try reader.nextRow() {
                    try writer.write(row: row, reader: reader)
                }
            } catch let failure as XlsxSheetReader.Failure {
                throw writer.error(failure.message, row: failure.row, column: failure.column)
            }
        }
        guard writer.origin != nil else {
            throw DataError("sheet '\(sheet.name)' of '\(name)' is empty: expected a header row with column names")
        }
        bytes = writer.out
        origin = writer.origin ?? 0
        lineStarts = writer.lineStarts
        lineRows = writer.lineRows
        notes = writer.notes
    }

    /// `error` (from loading `bytes`) with the sheet's row and column number and the cell's name.
    func translate(_ error: DataError) -> DataError {
        guard let location = error.location, location.file == name,
              location.line >= 1, location.line <= lineStarts.count else { return error }
        let line = location.line - 1
        let row = lineRows[line]
        var first = line
        while first > 0 && lineRows[first - 1] == row { first -= 1 }
        let offset = lineStarts[line] + location.column - 1
        // The field the error points at (at its start, or at its opening quote).
        var field = 0
        let recordStart = lineStarts[first]
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let scanner = RecordScanner(separator: 0x2c)
            guard (try? scanner.scan(base, from: recordStart, to: buffer.count, atEnd: true)) != nil else { return }
            for k in 0..<scanner.count {
                var start = scanner.fields[k].start
                if start > recordStart && base[start - 1] == 0x22 { start -= 1 }
                if start <= offset { field = k } else { break }
            }
        }
        let column = origin + field
        var message = error.message
        if let note = notes[Self.key(Int(row), column)] {
            message = message.replacingOccurrences(of: "found \"\(note.text)\"", with: "found \(note.meaning)")
        }
        message += " (\(Self.cellName(sheet: sheetName, row: Int(row), column: column)))"
        return DataError(message, at: SourceLocation(file: location.file, line: Int(row), column: column + 1),
                         option: error.option)
    }

    /// `sheet Sheet1, cell C1042`.
    static func cellName(sheet: String, row: Int, column: Int) -> String {
        "sheet \(sheet), cell \(XlsxSheetReader.columnLetters(column))\(row)"
    }

    static func key(_ row: Int, _ column: Int) -> Int { row << 14 | column }

    /// Writes rows as text, keeping the header's first column, the line table and the notes.
    private struct Writer {
        let strings: XlsxWorkbook.SharedStrings
        let uses1904: Bool
        let name: String
        let sheet: String
        let options: LoadOptions
        var out: [UInt8] = []
        var lineStarts: [Int] = []
        var lineRows: [Int32] = []
        var notes: [Int: (text: String, meaning: String)] = [:]
        /// Set by the header row.
        var origin: Int?
        var width = 0
        /// By sheet column: a date role (numbers there are date serials) or an id role (customer
        /// or order: an error value there cannot be an id).
        var dateColumns: [Bool] = []
        var idColumns: [Bool] = []
        var nextRow = 1
        var rowsSinceCheck = 0
        /// A written field held a line break: the row spans several lines of the text.
        var wroteLineBreak = false

        init(workbook: XlsxWorkbook, name: String, sheet: String, options: LoadOptions) {
            strings = workbook.sharedStrings
            uses1904 = workbook.uses1904
            self.name = name
            self.sheet = sheet
            self.options = options
        }

        func error(_ message: String, row: Int, column: Int) -> DataError {
            DataError(message + " (\(XlsxSheetText.cellName(sheet: sheet, row: row, column: column)))",
                      at: SourceLocation(file: name, line: row, column: column + 1))
        }

        mutating func newLine(row: Int) {
            lineStarts.append(out.count)
            lineRows.append(Int32(clamping: row))
        }

        mutating func write(row: Int, reader: XlsxSheetReader) throws {
            rowsSinceCheck += 1
            if rowsSinceCheck == 4096 {
                rowsSinceCheck = 0
                if options.isCancelled() { throw Interrupted() }
            }
            // Rows the sheet leaves out are blank lines, so line N stays row N.
            while nextRow < row {
                newLine(row: nextRow)
                out.append(0x0a)
                nextRow += 1
            }
            nextRow = row + 1
            var cells = reader.cells
            if cells.isEmpty {
                newLine(row: row)
                out.append(0x0a)
                return
            }
            if zip(cells, cells.dropFirst()).contains(where: { $0.column >= $1.column }) {
                cells.sort { $0.column < $1.column }
            }
            if origin == nil {
                try readHeader(row: row, cells: cells, reader: reader)
                if origin == nil {
                    newLine(row: row)
                    out.append(0x0a)
                    return
                }
            }
            guard let origin else { return }
            newLine(row: row)
            let rowStart = out.count
            var column = origin
            var lastWritten = rowStart
            var lastColumn = origin - 1
            for cell in cells {
                if cell.column < origin {
                    var probe: [UInt8] = []
                    swap(&probe, &out)
                    try field(cell, row: row, reader: reader)
                    swap(&probe, &out)
                    if probe.isEmpty { continue }
                    throw error(
                        "a value left of the header's first column (the header row starts at column "
                            + "\(XlsxSheetReader.columnLetters(origin))); delete it or put it under a column",
                        row: row, column: cell.column)
                }
                while column < cell.column {
                    out.append(0x2c)
                    column += 1
                }
                let before = out.count
                try field(cell, row: row, reader: reader)
                if out.count > before {
                    lastWritten = out.count
                    lastColumn = cell.column
                }
            }
            // The row ends at its last value, or at the header's width.
            if lastWritten == rowStart {
                out.removeSubrange(rowStart...)
            } else {
                out.removeSubrange(lastWritten...)
                var fields = lastColumn - origin + 1
                while fields < width {
                    out.append(0x2c)
                    fields += 1
                }
            }
            out.append(0x0a)
            if wroteLineBreak {
                wroteLineBreak = false
                // Lines inside quoted values belong to this row.
                for k in rowStart..<(out.count - 1) where out[k] == 0x0a {
                    lineStarts.append(k + 1)
                    lineRows.append(Int32(clamping: row))
                }
            }
        }

        /// The first row with a value: its columns settle the text's first column and width,
        /// and which columns hold dates and ids (resolved as the loader will resolve them).
        private mutating func readHeader(row: Int, cells: [XlsxSheetReader.Cell], reader: XlsxSheetReader) throws {
            var names: [Int: String] = [:]
            for cell in cells {
                var text: [UInt8] = []
                swap(&text, &out)
                try field(cell, row: row, reader: reader, raw: true)
                swap(&text, &out)
                let name = String(decoding: text, as: UTF8.self)
                if !name.trimmingCharacters(in: .whitespaces).isEmpty { names[cell.column] = name }
            }
            guard let first = names.keys.min(), let last = names.keys.max() else { return }
            origin = first
            width = last - first + 1
            let header = (first...last).map { (names[$0] ?? "").trimmingCharacters(in: .whitespaces) }
            dateColumns = [Bool](repeating: false, count: last + 1)
            idColumns = dateColumns
            var planOptions = options
            planOptions.separator = .comma
            if let plan = try? ColumnPlan(header: header, options: planOptions, file: name) {
                for role in [ColumnRole.date, .firstPurchase, .lastPurchase] {
                    if let i = plan.index[role] { dateColumns[first + i] = true }
                }
                for role in [ColumnRole.customer, .order] {
                    if let i = plan.index[role] { idColumns[first + i] = true }
                }
            }
        }

        /// Writes one cell's value as a field. `raw`: header names, written unquoted.
        private mutating func field(_ cell: XlsxSheetReader.Cell, row: Int, reader: XlsxSheetReader, raw: Bool = false) throws {
            switch cell.kind {
            case .number:
                let isDateColumn = cell.column < dateColumns.count && dateColumns[cell.column]
                if cell.isDateStyle || isDateColumn {
                    switch ExcelDate.day(digits: reader.base, cell.value, uses1904: uses1904) {
                    case .day(let day):
                        appendISO(day)
                        return
                    case .phantom:
                        let text = "1900-02-29"
                        out.append(contentsOf: text.utf8)
                        notes[XlsxSheetText.key(row, cell.column)] = (
                            text, "Excel's date serial 60, 1900-02-29, a day that did not exist "
                                + "(Excel's 1900 calendar has it, from Lotus 1-2-3)")
                        return
                    case .none:
                        break
                    }
                }
                appendNumber(reader.base, cell.value)
            case .shared:
                let range = strings.range(cell.index)
                strings.bytes.withUnsafeBufferPointer { b in
                    append(b, range, quoted: !raw && strings.needsQuotes[cell.index])
                }
            case .text, .isoDate:
                var value = cell.value
                if cell.kind == .isoDate && value.count >= 10 && isISODate(reader.text, value.lowerBound) {
                    value = value.lowerBound..<(value.lowerBound + 10)
                }
                reader.text.withUnsafeBufferPointer { b in
                    append(b, value, quoted: !raw && needsQuotes(b, value))
                }
            case .boolean:
                out.append(contentsOf: (cell.index == 1 ? "TRUE" : "FALSE").utf8)
            case .error:
                let text = String(decoding: reader.text[cell.value], as: UTF8.self)
                if cell.column < idColumns.count && idColumns[cell.column] {
                    throw error("the cell holds the Excel error \(text), not an id; correct it in the sheet", row: row, column: cell.column)
                }
                reader.text.withUnsafeBufferPointer { b in
                    append(b, cell.value, quoted: !raw && needsQuotes(b, cell.value))
                }
                notes[XlsxSheetText.key(row, cell.column)] = (text, "the Excel error \(text)")
            }
        }

        private func isISODate(_ t: [UInt8], _ i: Int) -> Bool {
            for k in 0..<10 {
                let b = t[i + k]
                if k == 4 || k == 7 { if b != 0x2d { return false } } else if b &- 0x30 >= 10 { return false }
            }
            return true
        }

        private func needsQuotes(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
            for k in range where b[k] == 0x2c || b[k] == 0x22 || b[k] == 0x0a || b[k] == 0x0d { return true }
            return false
        }

        private mutating func append(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quoted: Bool) {
            guard quoted else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
                return
            }
            out.append(0x22)
            for k in range {
                let c = b[k]
                if c == 0x22 { out.append(0x22) }
                if c == 0x0a { wroteLineBreak = true }
                out.append(c)
            }
            out.append(0x22)
        }

        private mutating func appendISO(_ day: Int32) {
            let (y, m, d) = CivilDate.components(day)
            func digits(_ v: Int, _ width: Int) {
                var divisor = 1
                for _ in 1..<width { divisor *= 10 }
                var v = v
                while divisor > 0 {
                    out.append(UInt8(0x30 + v / divisor % 10))
                    v %= divisor
                    divisor /= 10
                }
            }
            digits(y, 4)
            out.append(0x2d)
            digits(m, 2)
            out.append(0x2d)
            digits(d, 2)
        }

        /// A number cell's digits: whole numbers as integers (`17850.0`, `1.785E4` → `17850`),
        /// anything else as Excel wrote it (the loader's parser reads exponents and rounds).
        private mutating func appendNumber(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) {
            // Most cells are plain integers (`17850`, `-3`): copied as they are.
            var plain = !range.isEmpty && (range.count == 1 || p[range.lowerBound] != 0x30)
            for k in range where p[k] &- 0x30 >= 10 && !(k == range.lowerBound && p[k] == 0x2d && range.count > 1) {
                plain = false
                break
            }
            guard !plain else {
                out.append(contentsOf: UnsafeBufferPointer(start: p + range.lowerBound, count: range.count))
                return
            }
            let number = ExcelNumber(p, range)
            if !number.appendSignificant(15, to: &out) {
                out.append(contentsOf: UnsafeBufferPointer(start: p + range.lowerBound, count: range.count))
            }
        }
    }
}

/// The parts of a number as Excel writes it (`-12.5`, `1.776357E-15`), read in place.
struct ExcelNumber {
    private let p: UnsafePointer<UInt8>
    var negative = false
    private var integer = 0..<0
    private var fraction = 0..<0
    private var exponent = 0
    private(set) var valid = true

    init(_ p: UnsafePointer<UInt8>, _ range: Range<Int>) {
        self.p = p
        var i = range.lowerBound
        let end = range.upperBound
        if i < end && (p[i] == 0x2d || p[i] == 0x2b) { negative = p[i] == 0x2d; i += 1 }
        let integerStart = i
        while i < end && p[i] &- 0x30 < 10 { i += 1 }
        integer = integerStart..<i
        if i < end && p[i] == 0x2e {
            i += 1
            let fractionStart = i
            while i < end && p[i] &- 0x30 < 10 { i += 1 }
            fraction = fractionStart..<i
        }
        if i < end && (p[i] == 0x45 || p[i] == 0x65) {
            i += 1
            var expNegative = false
            if i < end && (p[i] == 0x2d || p[i] == 0x2b) { expNegative = p[i] == 0x2d; i += 1 }
            var digits = 0
            while i < end && p[i] &- 0x30 < 10 && digits < 4 {
                exponent = exponent * 10 + Int(p[i] - 0x30)
                digits += 1
                i += 1
            }
            if digits == 0 { valid = false }
            if expNegative { exponent = -exponent }
        }
        if i != end || integer.count + fraction.count == 0 { valid = false }
    }

    /// All digits, integer part then fraction.
    private var count: Int { integer.count + fraction.count }

    /// Where the decimal point falls among the digits once the exponent is applied.
    private var point: Int { integer.count + exponent }

    @inline(__always)
    private func digit(_ k: Int) -> UInt8 {
        k < integer.count ? p[integer.lowerBound + k] : p[fraction.lowerBound + k - integer.count]
    }

    /// Appends the number rounded half-even to `significant` digits, as a plain decimal
    /// (`97.65000000000001` → `97.65`, `1.785E4` → `17850`, `1E-5` → `0.00001`), and returns
    /// true; false (nothing appended) when it is not a valid number.
    func appendSignificant(_ significant: Int, to out: inout [UInt8]) -> Bool {
        guard valid else { return false }
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        var first = 0
        while first < count && digit(first) == 0x30 { first += 1 }
        if first == count {
            out.append(0x30)
            return true
        }
        for k in first..<count { digits.append(digit(k) - 0x30) }
        var point = self.point - first  // digits before the decimal point
        if digits.count > significant {
            let rest = digits[significant...]
            digits.removeLast(digits.count - significant)
            let head = rest.first ?? 0
            let roundUp = head > 5 || (head == 5 && (rest.dropFirst().contains { $0 != 0 } || (digits.last ?? 0) % 2 == 1))
            if roundUp {
                var k = digits.count - 1
                while k >= 0 && digits[k] == 9 { digits[k] = 0; k -= 1 }
                if k >= 0 { digits[k] += 1 } else { digits.insert(1, at: 0); point += 1 }
            }
        }
        while let last = digits.last, last == 0, digits.count > max(point, 1) { digits.removeLast() }
        guard point <= 40, point >= -40 else { return false }
        if negative { out.append(0x2d) }
        if point <= 0 {
            out.append(0x30)
            out.append(0x2e)
            for _ in 0..<(-point) { out.append(0x30) }
            for d in digits { out.append(d + 0x30) }
        } else {
            for k in 0..<max(point, digits.count) {
                if k == point { out.append(0x2e) }
                out.append(k < digits.count ? digits[k] + 0x30 : 0x30)
            }
        }
        return true
    }

    /// The whole part of a number ≥ 0 (its floor), if it has at most 9 digits.
    var floorValue: Int? {
        guard valid else { return nil }
        var v = 0
        var nonZero = false
        for k in 0..<count where digit(k) != 0x30 { nonZero = true; break }
        if negative && nonZero { return nil }
        guard point <= 9 else { return nonZero ? nil : 0 }
        for k in 0..<max(0, point) { v = v * 10 + Int((k < count ? digit(k) : 0x30) - 0x30) }
        return v
    }
}

/// Excel's date serials: days since 1899-12-30 in the 1900 system (with Lotus 1-2-3's
/// 1900-02-29 at serial 60, so serials 1–59 are a day later than the count says), since
/// 1904-01-01 in the 1904 system. The time of day (the fraction) is dropped, as the loader
/// keeps only the calendar date.
enum ExcelDate {
    enum Outcome: Equatable {
        case day(Int32)
        /// Serial 60 of the 1900 system: 1900-02-29, which did not exist.
        case phantom
    }

    static let epoch1900 = CivilDate.dayNumber(year: 1899, month: 12, day: 30)
    static let epoch1904 = CivilDate.dayNumber(year: 1904, month: 1, day: 1)
    /// 9999-12-31, Excel's last date.
    static let lastSerial1900 = 2_958_465

    /// The date of the serial written at `range`, or nil when it is not one (negative, 0 in
    /// the 1900 system, past 9999-12-31, not a number).
    static func day(digits p: UnsafePointer<UInt8>, _ range: Range<Int>, uses1904: Bool) -> Outcome? {
        guard let serial = ExcelNumber(p, range).floorValue else { return nil }
        return day(serial: serial, uses1904: uses1904)
    }

    static func day(serial: Int, uses1904: Bool) -> Outcome? {
        if uses1904 {
            guard serial >= 0, serial <= lastSerial1900 - 1462 else { return nil }
            return .day(epoch1904 + Int32(serial))
        }
        switch serial {
        case 1...59: return .day(epoch1900 + Int32(serial) + 1)
        case 60: return .phantom
        case 61...lastSerial1900: return .day(epoch1900 + Int32(serial))
        default: return nil
        }
    }
}
