/// Reads typed values out of the current record's fields, with errors that name the place
/// and what was expected. Shared by both loaders; also settles day/month order.
struct FieldReader {
    let reader: RecordReader
    let plan: ColumnPlan
    let numbers: NumberParser
    /// Values rounded to 4 decimals so far.
    var roundedValues = 0
    /// Some money value has more than 2 decimals.
    var hasSubCentValues = false
    /// Evidence for the order of slash dates: where it was first settled each way.
    var dayFirstAt: (SourceLocation, String)?
    var monthFirstAt: (SourceLocation, String)?
    var firstSlashDate: (SourceLocation, String)?
    var slashDates = 0

    /// A date column value that still needs the day/month decision is stored with this bit.
    static let slashFlag: Int32 = 1 << 30

    init(reader: RecordReader, plan: ColumnPlan, options: LoadOptions) {
        self.reader = reader
        self.plan = plan
        let separatorIsComma = reader.scanner.separator == 0x2c
        numbers = NumberParser(
            allowsDecimalComma: !separatorIsComma,
            thousands: options.thousandsSeparator.flatMap { $0.asciiValue })
    }

    func error(field: Int, role: ColumnRole, expected: String) -> DataError {
        guard field < reader.fields.count else {
            return DataError(
                "missing column '\(plan.name(role))': the row has \(reader.fields.count) fields, the header \(plan.header.count)",
                at: SourceLocation(file: reader.name, line: reader.recordLine, column: 1))
        }
        var found = reader.text(ofField: field)
        if found.count > 40 { found = String(found.prefix(40)) + "…" }
        let what = found.isEmpty ? "an empty field" : "\"\(found)\""
        return DataError(
            "expected \(expected) in column '\(plan.name(role))', found \(what)",
            at: reader.location(ofField: field))
    }

    @inline(__always)
    func checkField(_ field: Int, _ role: ColumnRole) throws {
        if field >= reader.fields.count { throw error(field: field, role: role, expected: "a value") }
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
        case .empty, .invalid:
            throw error(field: field, role: role, expected: "a number")
        case .tooLarge:
            throw error(field: field, role: role, expected: "a number below 922,337,203,685,477")
        }
    }

    /// A whole number (an order count).
    mutating func count(_ field: Int, _ role: ColumnRole) throws -> Int64 {
        try checkField(field, role)
        let outcome = reader.withField(field) { numbers.parse($0, $1) }
        if case .value(let v, false) = outcome, v >= 0, v % FixedPoint.scale == 0 { return v / FixedPoint.scale }
        throw error(field: field, role: role, expected: "a whole number ≥ 0")
    }

    /// A day number, or a slash date flagged for the post-pass (`resolve`).
    @inline(__always)
    mutating func date(_ field: Int, _ role: ColumnRole) throws -> Int32 {
        try checkField(field, role)
        let outcome = reader.withField(field) { DateParser.parse($0, $1) }
        switch outcome {
        case .day(let d):
            return d
        case .slash(let a, let b, let year):
            slashDates += 1
            if firstSlashDate == nil {
                firstSlashDate = (reader.location(ofField: field), reader.text(ofField: field))
            }
            if a > 12 && dayFirstAt == nil {
                dayFirstAt = (reader.location(ofField: field), reader.text(ofField: field))
                try checkOrderConflict()
            } else if b > 12 && monthFirstAt == nil {
                monthFirstAt = (reader.location(ofField: field), reader.text(ofField: field))
                try checkOrderConflict()
            }
            return Self.slashFlag | Int32(year * 10_000 + a * 100 + b)
        case .empty, .invalid:
            throw error(
                field: field, role: role,
                expected: "a date (2024-03-01, 20240301, 01/03/2024, 2024-03-01 14:05:09)")
        }
    }

    private func checkOrderConflict() throws {
        if let (dayAt, dayText) = dayFirstAt, let (monthAt, monthText) = monthFirstAt {
            let (later, laterText, earlier, earlierText) =
                dayAt.line > monthAt.line ? (dayAt, dayText, monthAt, monthText) : (monthAt, monthText, dayAt, dayText)
            throw DataError(
                "date \"\(laterText)\" contradicts \"\(earlierText)\" at line \(earlier.line): "
                    + "one is day-first, the other month-first",
                at: later)
        }
    }

    /// The day/month order for the slash dates read, or an error asking for `--dates`.
    func slashOrder(given: DateOrder?) throws -> DateOrder? {
        guard slashDates > 0 else { return nil }
        if given == .mdy, let (at, text) = dayFirstAt {
            throw DataError("date \"\(text)\" is day-first, but --dates mdy was given", at: at)
        }
        if given == .dmy, let (at, text) = monthFirstAt {
            throw DataError("date \"\(text)\" is month-first, but --dates dmy was given", at: at)
        }
        if dayFirstAt != nil { return .dmy }
        if monthFirstAt != nil { return .mdy }
        if let given { return given }
        let (at, text) = firstSlashDate!
        throw DataError(
            "every date reads both day-first and month-first (e.g. \"\(text)\"); "
                + "say which with --dates dmy or --dates mdy",
            at: at)
    }

    /// Converts flagged slash dates to day numbers.
    static func resolve(_ dates: inout [Int32], order: DateOrder) {
        for i in dates.indices where dates[i] & slashFlag != 0 && dates[i] > 0 {
            let packed = Int(dates[i] & ~slashFlag)
            let year = packed / 10_000, a = packed / 100 % 100, b = packed % 100
            dates[i] = order == .dmy
                ? CivilDate.dayNumber(year: year, month: b, day: a)
                : CivilDate.dayNumber(year: year, month: a, day: b)
        }
    }

    /// Description of the decided order for the load report.
    func orderAssumption(_ order: DateOrder?, given: DateOrder?) -> String? {
        guard let order else { return nil }
        if let (at, text) = dayFirstAt {
            return "dates read day-first (dd/mm), settled by \"\(text)\" at line \(at.line)"
        }
        if let (at, text) = monthFirstAt {
            return "dates read month-first (mm/dd), settled by \"\(text)\" at line \(at.line)"
        }
        return "dates read \(order == .dmy ? "day-first (dd/mm)" : "month-first (mm/dd)") as told by --dates"
    }
}
