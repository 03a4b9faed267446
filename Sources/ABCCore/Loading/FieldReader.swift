/// Reads typed values out of the current record's fields, with errors that name the place
/// and what was expected. Shared by both loaders; also gathers the evidence that settles
/// the day/month order of slash dates.
struct FieldReader {
    let reader: RecordReader
    let plan: ColumnPlan
    let numbers: NumberParser
    /// Columns in the header (rows may only add empty fields after them).
    let headerCount: Int
    /// Values rounded to 4 decimals so far.
    var roundedValues = 0
    /// Some money value has more than 2 decimals.
    var hasSubCentValues = false
    /// Evidence of the rows kept so far, and of the row being read (kept only if it is);
    /// boxed, so the reader stays small enough to be cheap wherever the compiler copies it.
    private let dates = DateEvidenceBox()
    var evidence: DateEvidence {
        get { dates.kept }
        nonmutating set { dates.kept = newValue }
    }
    private var pending: DateEvidence {
        get { dates.pending }
        nonmutating set { dates.pending = newValue }
    }
    /// The last unambiguous date read: exports come in date order, so most rows repeat it.
    private var lastDate = PlainDateCache()

    /// A date column value that still needs the day/month decision is stored with this bit.
    static let slashFlag: Int32 = 1 << 30

    /// The file's place among the files of the load, for the dates it sights.
    let fileIndex: Int

    init(reader: RecordReader, plan: ColumnPlan, options: LoadOptions, fileIndex: Int = 0) {
        self.reader = reader
        self.fileIndex = fileIndex
        self.plan = plan
        headerCount = plan.header.count
        let separatorIsComma = reader.scanner.separator == 0x2c
        numbers = NumberParser(
            allowsDecimalComma: !separatorIsComma,
            thousands: options.thousandsSeparator.flatMap { $0.asciiValue })
    }

    func error(field: Int, role: ColumnRole, expected: String) -> DataError {
        guard field < reader.fieldCount else {
            return DataError(
                "missing column '\(plan.name(role))': the row has \(reader.fieldCount) fields, the header \(plan.header.count)",
                at: SourceLocation(file: reader.name, line: reader.recordLine, column: 1))
        }
        var found = reader.text(ofField: field)
        if found.count > 40 { found = String(found.prefix(40)) + "…" }
        let what = found.isEmpty ? "an empty field" : "\"\(found)\""
        let column = DataError.excerpt(field < plan.header.count ? plan.header[field] : plan.name(role))
        return DataError(
            "expected \(expected) in column '\(column)', found \(what)",
            at: reader.location(ofField: field))
    }

    /// `error`, with a hint when the field looks like a number with digit groups the load was
    /// not told about (`1,234.50` → `--thousands comma`).
    func numberError(field: Int, role: ColumnRole, expected: String) -> DataError {
        var e = error(field: field, role: role, expected: expected)
        if field < reader.fieldCount,
           let group = Self.undeclaredGroupSeparator(in: reader.text(ofField: field), declared: numbers.thousands),
           let name = Self.thousandsNames[group] {
            e.message += "; if '\(group)' groups thousands, load with --thousands \(name)"
        }
        return e
    }

    /// `--thousands` words by separator.
    static let thousandsNames: [Character: String] = [",": "comma", ".": "dot", " ": "space", "'": "apostrophe"]

    /// The digit-group separator of a number written like `1,234.50`, `-$12.345,00` or
    /// `1 234 567`: one to three digits, then groups of three after the same separator, then
    /// perhaps a decimal part after the other mark. nil when it is not written so, or when
    /// that separator is the one declared (the field is wrong in some other way).
    static func undeclaredGroupSeparator(in text: String, declared: UInt8?) -> Character? {
        // The digits and marks between the first and the last digit; around them only signs,
        // brackets, blanks and currency symbols.
        let characters = Array(text.replacingOccurrences(of: "\u{A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " "))
        guard let first = characters.firstIndex(where: \.isASCIIDigit),
              let last = characters.lastIndex(where: \.isASCIIDigit) else { return nil }
        let around: Set<Character> = [" ", "\t", "+", "-", "(", ")", "$", "€", "£", "¥", "₹", "₽", "₩", "₺"]
        guard characters[..<first].allSatisfy(around.contains), characters[(last + 1)...].allSatisfy(around.contains)
        else { return nil }
        let core = characters[first...last]
        guard let group = core.first(where: { !$0.isASCIIDigit }), thousandsNames[group] != nil else { return nil }
        if let declared, group.asciiValue == declared { return nil }
        var parts = core.split(separator: group, omittingEmptySubsequences: false)
        // A decimal part after the last group: `234.50` in `1,234.50`, `234,50` in `1 234,50`.
        if let tail = parts.last, let mark = tail.firstIndex(where: { ($0 == "." || $0 == ",") && $0 != group }) {
            let fraction = tail[tail.index(after: mark)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            parts[parts.count - 1] = tail[..<mark]
        }
        guard parts.count >= 2, (1...3).contains(parts[0].count), parts[0].allSatisfy(\.isASCIIDigit),
              parts.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        return group
    }

    /// A row may end with empty fields (trailing separators), but not with values the header
    /// has no column for: those would shift silently (e.g. an unquoted thousands comma).
    @inline(__always)
    func checkNoExtraFields() throws {
        let count = reader.fieldCount, expected = headerCount
        guard count > expected else { return }
        for i in expected..<count where !reader.isBlank(field: i) {
            var message = "the row has \(count) fields but the header \(expected); quote values that contain the separator"
            if numbers.thousands == 0x2c && reader.scanner.separator == 0x2c {
                message += "; with --thousands comma in a comma-separated file, only numbers in quotes "
                    + "(\"1,234.50\") can have digit groups"
            }
            throw DataError(message, at: reader.location(ofField: i))
        }
    }

    @inline(__always)
    func checkField(_ field: Int, _ role: ColumnRole) throws {
        if field >= reader.fieldCount { throw error(field: field, role: role, expected: "a value") }
    }

    /// Money or a quantity in units of 1/10,000.
    @inline(__always)
    mutating func money(_ field: Int, _ role: ColumnRole) throws -> Int64 {
        try checkField(field, role)
        let outcome = reader.withField(field) { numbers.parse($0, $1) }
        switch outcome {
        case .value(let v, let rounded):
            if rounded { roundedValues += 1 }
            if v % 100 != 0 { hasSubCentValues = true }
            return v
        case .empty:
            throw error(field: field, role: role, expected: "a number")
        case .invalid:
            throw numberError(field: field, role: role, expected: "a number")
        case .tooLarge:
            throw error(field: field, role: role, expected: "a number below 922,337,203,685,477")
        }
    }

    /// What a row that is skipped for want of a customer id would have added to revenue: the
    /// sum of `columns`, or quantity × unit price; nil when a value cannot be read. Reads
    /// without counting anything and never throws: the row stays skipped.
    func revenueOfSkippedRow(columns: [Int], quantity: Int?, unitPrice: Int?) -> Int64? {
        func value(_ field: Int) -> Int64? {
            guard field < reader.fieldCount, case .value(let v, _) = reader.withField(field, { numbers.parse($0, $1) })
            else { return nil }
            return v
        }
        if !columns.isEmpty {
            var sum: Int64 = 0
            for column in columns {
                guard let v = value(column) else { return nil }
                let (s, overflow) = sum.addingReportingOverflow(v)
                if overflow { return nil }
                sum = s
            }
            return sum
        }
        guard let quantity, let unitPrice, let q = value(quantity), let p = value(unitPrice) else { return nil }
        return Int64(exactly: FixedPoint.divideRoundingHalfEven(Int128(q) * Int128(p), Int128(FixedPoint.scale)))
    }

    /// a − b (a line's profit), with an overflow reported at the field of b.
    @inline(__always)
    func difference(_ a: Int64, _ b: Int64, field: Int, role: ColumnRole) throws -> Int64 {
        let (r, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw error(field: field, role: role, expected: "a cost that fits") }
        return r
    }

    /// A whole number (an order count).
    mutating func count(_ field: Int, _ role: ColumnRole) throws -> Int64 {
        try checkField(field, role)
        let outcome = reader.withField(field) { numbers.parse($0, $1) }
        if case .value(let v, false) = outcome, v >= 0, v % FixedPoint.scale == 0 { return v / FixedPoint.scale }
        throw numberError(field: field, role: role, expected: "a whole number ≥ 0")
    }

    /// A day number, or a slash date flagged for the post-pass (`resolve`).
    @inline(__always)
    mutating func date(_ field: Int, _ role: ColumnRole) throws -> Int32 {
        try checkField(field, role)
        var cache = lastDate
        let outcome = reader.withField(field) { cache.outcome($0, $1) }
        lastDate = cache
        switch outcome {
        case .day(let d):
            return d
        case .slash(let a, let b, let year):
            dates.pending.slashDates += 1
            if dates.kept.firstSlashDate == nil && dates.pending.firstSlashDate == nil {
                dates.pending.firstSlashDate = DateSighting(reader.location(ofField: field), reader.text(ofField: field), file: fileIndex)
            }
            if a > 12 && dates.kept.dayFirstAt == nil && dates.pending.dayFirstAt == nil {
                dates.pending.dayFirstAt = DateSighting(reader.location(ofField: field), reader.text(ofField: field), file: fileIndex)
            } else if b > 12 && dates.kept.monthFirstAt == nil && dates.pending.monthFirstAt == nil {
                dates.pending.monthFirstAt = DateSighting(reader.location(ofField: field), reader.text(ofField: field), file: fileIndex)
            }
            return Self.slashFlag | Int32(year * 10_000 + a * 100 + b)
        case .empty, .invalid:
            let error = error(
                field: field, role: role,
                expected: "a date (2024-03-01, 20240301, 01/03/2024, 2024-03-01 14:05:09)")
            // `0001-01-01` (a database's "no date"): say the range rather than only the forms.
            let text = reader.text(ofField: field).trimmingCharacters(in: .whitespaces)
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            if let year = Int(digits), year < 1000, text.dropFirst(digits.count).first == "-" {
                throw DataError(error.message + ": dates run from 1000-01-01 to 9999-12-31", at: error.location)
            }
            throw error
        }
    }

    /// The row is kept: its date evidence counts (and may contradict earlier rows).
    @inline(__always)
    func commitRow() throws(DataError) {
        guard dates.pending.slashDates > 0 else { return }
        let merged = dates.kept.merged(with: dates.pending)
        dates.pending = DateEvidence()
        try merged.checkConsistent()
        dates.kept = merged
    }

    /// The row is skipped: forget what it said about dates.
    @inline(__always)
    func discardRow() {
        if dates.pending.slashDates > 0 { dates.pending = DateEvidence() }
    }

    /// Converts flagged slash dates to day numbers.
    static func resolve(_ dates: inout [Int32], order: DateOrder) {
        for i in dates.indices where dates[i] & slashFlag != 0 && dates[i] > 0 {
            dates[i] = resolve(dates[i], order: order)
        }
    }

    @inline(__always)
    static func resolve(_ value: Int32, order: DateOrder) -> Int32 {
        guard value & slashFlag != 0 && value > 0 else { return value }
        let packed = Int(value & ~slashFlag)
        let year = packed / 10_000, a = packed / 100 % 100, b = packed % 100
        return order == .dmy
            ? CivilDate.dayNumber(year: year, month: b, day: a)
            : CivilDate.dayNumber(year: year, month: a, day: b)
    }
}

final class DateEvidenceBox {
    var kept = DateEvidence()
    var pending = DateEvidence()
}

/// A slash date that told something about the day/month order, and where it was: `file` is
/// the file's place among the files of one load, so sightings in several files keep their order.
struct DateSighting {
    var location: SourceLocation
    var text: String
    var file = 0

    init(_ location: SourceLocation, _ text: String, file: Int = 0) {
        self.location = location
        self.text = text
        self.file = file
    }

    /// Whether this was read after `other`.
    func isAfter(_ other: DateSighting) -> Bool {
        (file, location.line) > (other.file, other.location.line)
    }

    /// `line 12`, or `b.csv:12` when the load reads several files.
    func place(namingFile: Bool) -> String {
        namingFile ? "\(location.file):\(location.line)" : "line \(location.line)"
    }
}

/// What slash dates said about day/month order: where it was first settled each way.
struct DateEvidence {
    var dayFirstAt: DateSighting?
    var monthFirstAt: DateSighting?
    var firstSlashDate: DateSighting?
    var slashDates = 0
    /// The sightings come from several files: messages name them.
    var severalFiles = false

    /// Both together; `other` comes later in the load.
    func merged(with other: DateEvidence) -> DateEvidence {
        var m = self
        m.dayFirstAt = dayFirstAt ?? other.dayFirstAt
        m.monthFirstAt = monthFirstAt ?? other.monthFirstAt
        m.firstSlashDate = firstSlashDate ?? other.firstSlashDate
        m.slashDates += other.slashDates
        m.severalFiles = severalFiles || other.severalFiles
        return m
    }

    private func mapped(_ transform: (inout DateSighting) -> Void) -> DateEvidence {
        func map(_ s: DateSighting?) -> DateSighting? {
            guard var s else { return nil }
            transform(&s)
            return s
        }
        var m = self
        m.dayFirstAt = map(dayFirstAt)
        m.monthFirstAt = map(monthFirstAt)
        m.firstSlashDate = map(firstSlashDate)
        return m
    }

    /// Moves every location down by `lines` (a later part of the file parsed on its own).
    func shifted(by lines: Int) -> DateEvidence {
        mapped { $0.location.line += lines }
    }

    /// The evidence of the file at `index` among several files of one load.
    func inFile(_ index: Int) -> DateEvidence {
        var m = mapped { $0.file = index }
        m.severalFiles = true
        return m
    }

    func checkConsistent() throws(DataError) {
        if let day = dayFirstAt, let month = monthFirstAt {
            let (later, earlier) = day.isAfter(month) ? (day, month) : (month, day)
            throw DataError(
                "date \"\(later.text)\" contradicts \"\(earlier.text)\" at \(earlier.place(namingFile: severalFiles)): "
                    + "one is day-first, the other month-first",
                at: later.location)
        }
    }

    /// The day/month order, or an error asking for `--dates`.
    func order(given: DateOrder?) throws(DataError) -> DateOrder? {
        guard slashDates > 0 else { return nil }
        if given == .mdy, let day = dayFirstAt {
            throw DataError("date \"\(day.text)\" is day-first, but --dates mdy was given", at: day.location)
        }
        if given == .dmy, let month = monthFirstAt {
            throw DataError("date \"\(month.text)\" is month-first, but --dates dmy was given", at: month.location)
        }
        if dayFirstAt != nil { return .dmy }
        if monthFirstAt != nil { return .mdy }
        if let given { return given }
        guard let first = firstSlashDate else { return nil }
        throw DataError(
            "every date reads both day-first and month-first (e.g. \"\(first.text)\"); "
                + "say which with --dates dmy or --dates mdy",
            at: first.location)
    }

    /// Description of the decided order for the load report.
    func assumption(_ order: DateOrder) -> String {
        if let day = dayFirstAt {
            return "dates read day-first (dd/mm), settled by \"\(day.text)\" at \(day.place(namingFile: severalFiles))"
        }
        if let month = monthFirstAt {
            return "dates read month-first (mm/dd), settled by \"\(month.text)\" at \(month.place(namingFile: severalFiles))"
        }
        return "dates read \(order == .dmy ? "day-first (dd/mm)" : "month-first (mm/dd)") as told by --dates"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
