import Foundation

/// Loads a transactions file or a customer summary into a `Dataset`.
///
/// The loader is the only part of the core that touches files. It reads in blocks, parses
/// bytes in place, interns customer ids in a hash table and aggregates per customer as it
/// goes; nothing of a half-read file is ever returned.
public enum DataLoader {
    /// The bundled sample dataset (two years of orders of ~5,000 customers).
    public static var samplePath: String? {
        Bundle.module.path(forResource: "sample.csv", ofType: "gz")
    }

    /// Loads the file at `path` (plain or gzip); errors and the report name it
    /// `options.displayName`, or the path.
    public static func load(path: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try load(files: [DataFile(path: path, name: options.displayName ?? path)], options: options)
    }

    /// Loads data already in memory, as a file with these bytes would load (plain text: gzip
    /// is read from files only); errors and the report name it `options.displayName`, or
    /// `name`. Tests use it to skip temporary files.
    public static func load(bytes: [UInt8], name: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try load(files: [DataFile(bytes: bytes, name: options.displayName ?? name)], options: options)
    }

    /// Loads several files with the same columns (and separator) as one dataset, exactly as
    /// one file holding their rows in this order would load; each error names its file. The
    /// dataset is called `options.displayName`, or the files' names joined by ` + `.
    /// Excel workbooks (`.xlsx`, recognised by their bytes) load as the same data as CSV would:
    /// their sheet is read into text first (`XlsxSheetText`), and errors are translated back to
    /// the sheet's rows and cells. Files that are neither text nor a workbook are refused in
    /// one line saying what they are (`FileSignature`).
    public static func load(files: [DataFile], options: LoadOptions = LoadOptions()) throws -> Dataset {
        guard !files.isEmpty else { throw DataError("no file to load") }
        var sheets: [String: XlsxSheetText] = [:]
        var texts: [DataFile] = []
        var firstSheet: XlsxSheetText?
        var clock = Stopwatch()
        for (i, file) in files.enumerated() {
            let sheet = try file.workbookSheet(options: options.forFile(i, of: files.count))
            if i > 0 && (sheet != nil) != (firstSheet != nil) {
                let (workbook, text) = sheet != nil ? (file.name, files[0].name) : (files[0].name, file.name)
                throw DataError(
                    "'\(workbook)' is an Excel workbook but '\(text)' is text; the files of one load must be of one kind: "
                        + "load them separately, or save the workbook as CSV")
            }
            if let sheet {
                sheets[file.name] = sheet
                if i == 0 { firstSheet = sheet }
                texts.append(DataFile(bytes: sheet.bytes, name: file.name))
            } else {
                texts.append(file)
            }
        }
        guard let firstSheet else {
            if options.sheet != nil {
                throw DataError("--sheet is for Excel workbooks; '\(files[0].name)' is text", option: "sheet")
            }
            return try loadText(files: texts, options: options)
        }
        if options.separator != nil {
            throw DataError("--sep is for text files; '\(files[0].name)' is an Excel workbook", option: "sep")
        }
        let workbookTime = clock.lap()
        var textOptions = options
        textOptions.separator = .comma
        do {
            var dataset = try loadText(files: texts, options: textOptions)
            dataset.report.timings.insert(("read workbook as text", workbookTime), at: 0)
            dataset.report.sheet = (firstSheet.sheetName, firstSheet.sheetIndex, firstSheet.sheetCount)
            dataset.report.badRowExamples = dataset.report.badRowExamples.map { error in
                error.location.flatMap { sheets[$0.file] }?.translate(error) ?? error
            }
            return dataset
        } catch let error as DataError {
            throw error.location.flatMap { sheets[$0.file] }?.translate(error) ?? error
        }
    }

    private static func loadText(files: [DataFile], options: LoadOptions) throws -> Dataset {
        let name = options.displayName ?? files.map(\.name).joined(separator: " + ")
        let first = try OpenedFile(files[0], index: 0, options: options.forFile(0, of: files.count))
        let plan = try ColumnPlan(header: first.header, options: options, file: first.name)
        var report = LoadReport(file: name, kind: plan.kind, separatorName: first.separator.rawValue)
        report.kindForced = options.kind != nil
        report.columns = plan.reportColumns
        report.assumptions += plan.notes
        switch plan.kind {
        case .transactions:
            let loader = TransactionLoader(files: files, first: first, plan: plan, options: options, report: report)
            return try loader.run()
        case .customers:
            var loader = SummaryLoader(files: files, first: first, plan: plan, options: options, report: report)
            return try loader.run()
        }
    }
}

/// Which column index plays which role, resolved from the header and the user's mapping.
struct ColumnPlan {
    let kind: DataKind
    let header: [String]
    var index: [ColumnRole: Int] = [:]
    /// Summaries: every column summed into revenue.
    var revenueColumns: [Int] = []
    /// For the load report: columns mapped by hand that matched only loosely.
    var notes: [String] = []
    /// Columns with no role, kept per customer if they turn out to be attributes.
    var attributeColumns: [Int] = []
    /// The declared thousands separator, as the file's numbers are read.
    var thousands: UInt8?

    init(header: [String], options: LoadOptions, file: String) throws {
        self.header = header
        let normalised = header.map(ColumnRole.normalisedHeader)
        var taken = Set<Int>()
        var index: [ColumnRole: Int] = [:]
        var revenueColumns: [Int] = []

        var notes: [String] = []
        for (role, names) in options.columns.sorted(by: { $0.key < $1.key }) {
            for name in names {
                let (i, exact) = try Self.column(named: name, for: role, in: header, file: file)
                if !exact {
                    notes.append("--\(role.rawValue) '\(name)' taken as column '\(header[i])' (case, spaces and underscores ignored)")
                }
                taken.insert(i)
                if role == .revenue { revenueColumns.append(i) } else { index[role] = i }
            }
        }
        func recognise(_ role: ColumnRole) {
            guard index[role] == nil else { return }
            for name in role.knownNames {
                if let i = normalised.indices.first(where: { normalised[$0] == name && !taken.contains($0) }) {
                    index[role] = i
                    taken.insert(i)
                    return
                }
            }
        }
        recognise(.customer)
        recognise(.date)
        let kind = options.kind ?? (index[.date] != nil ? .transactions : .customers)
        self.kind = kind
        if kind == .transactions {
            for role in ColumnRole.transactionRoles { recognise(role) }
        } else {
            if index[.date] != nil, options.columns[.date] == nil { taken.remove(index[.date]!); index[.date] = nil }
            if revenueColumns.isEmpty {
                recognise(.revenue)
                if let r = index.removeValue(forKey: .revenue) {
                    revenueColumns = [r]
                } else {
                    // Several spend columns (`MntWines`, `MntFruits`, …) add up to revenue.
                    revenueColumns = normalised.indices.filter {
                        !taken.contains($0) && (normalised[$0].hasPrefix("mnt") || normalised[$0].hasPrefix("spend"))
                    }
                    taken.formUnion(revenueColumns)
                }
            }
            for role in ColumnRole.summaryRoles where role != .revenue { recognise(role) }
            if index[.customer] == nil, let i = normalised.firstIndex(of: "id") { index[.customer] = i }
        }
        self.index = index
        self.revenueColumns = revenueColumns
        self.notes = notes
        thousands = options.thousandsSeparator.flatMap { $0.asciiValue }
        attributeColumns = AttributeValues.columns(
            of: header, taken: taken.union(revenueColumns).union(index.values))

        let columnList = header.map { "'\(DataError.excerpt($0))'" }.joined(separator: ", ")
        guard index[.customer] != nil else {
            throw DataError(
                "no customer column found in '\(file)' (columns: \(columnList)); name it with --customer COLUMN")
        }
        switch kind {
        case .transactions:
            guard index[.date] != nil else {
                throw DataError(
                    "no date column found in '\(file)' (columns: \(columnList)); name it with --date COLUMN, "
                        + "or load it as a customer summary with --customers")
            }
            guard index[.amount] != nil || (index[.quantity] != nil && index[.unitPrice] != nil) else {
                throw DataError(
                    "no amount column found in '\(file)' (columns: \(columnList)); name it with --amount COLUMN, "
                        + "or give --quantity and --unit-price")
            }
        case .customers:
            guard !revenueColumns.isEmpty else {
                throw DataError(
                    "no revenue column found in customer summary '\(file)' (columns: \(columnList)); "
                        + "name it with --revenue COLUMN[,COLUMN…]")
            }
        }
    }

    /// The column a `--ROLE NAME` option names: the one column called exactly `name`, else the
    /// one whose name is equal ignoring case, spaces and underscores (and hyphens and dots, as
    /// recognition ignores them); `exact` says which. Several such columns, or none, is an
    /// error naming the header's columns.
    static func column(
        named name: String, for role: ColumnRole, in header: [String], file: String
    ) throws(DataError) -> (index: Int, exact: Bool) {
        let option = "--\(role.rawValue)"
        let columnList = header.map { "'\(DataError.excerpt($0))'" }.joined(separator: ", ")
        let exact = header.indices.filter { header[$0] == name }
        if exact.count == 1 { return (exact[0], true) }
        if exact.count > 1 {
            throw DataError(
                "\(exact.count) columns of '\(file)' are called '\(name)' (columns \(exact.map { String($0 + 1) }.joined(separator: ", "))); "
                    + "\(option) cannot tell them apart: rename one in the file",
                option: role.rawValue)
        }
        let key = ColumnRole.normalisedHeader(name)
        let loose = header.indices.filter { ColumnRole.normalisedHeader(header[$0]) == key }
        if loose.count == 1 { return (loose[0], false) }
        if loose.count > 1 {
            throw DataError(
                "'\(name)' for \(option) matches \(loose.count) columns of '\(file)' when case, spaces and underscores "
                    + "are ignored: \(loose.map { "'\(header[$0])'" }.joined(separator: ", ")); give the exact name, "
                    + "e.g. \(option) \(quotedForCommand(header[loose[0]]))",
                option: role.rawValue)
        }
        let message = "no column '\(name)' for \(option) in '\(file)'"
        if let near = nearestColumn(to: key, in: header) {
            throw DataError(message + "; did you mean '\(near)'? The columns are: " + columnList, option: role.rawValue)
        }
        throw DataError(message + "; the columns are: " + columnList, option: role.rawValue)
    }

    /// The column whose normalised name is nearest `key` (at most 2 edits; the first on a
    /// tie), compared normalised, so `Custmer ID` is near `customer_id`.
    private static func nearestColumn(to key: String, in header: [String]) -> String? {
        var best: (name: String, distance: Int)?
        let typed = Array(key.unicodeScalars)
        guard typed.count <= 64 else { return nil }
        for name in header {
            let other = ColumnRole.normalisedHeader(name)
            // More than 2 scalars longer or shorter is more than 2 edits: skip the table.
            guard abs(other.unicodeScalars.count - typed.count) <= 2 else { continue }
            let d = editDistance(typed, Array(other.unicodeScalars))
            if d <= 2 && d < (best?.distance ?? Int.max) { best = (name, d) }
        }
        return best?.name
    }

    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// A column name as it would be typed in a command: quoted when it has blanks or quotes.
    private static func quotedForCommand(_ name: String) -> String {
        if !name.isEmpty && !name.contains(where: { " \t;#'\"".contains($0) }) { return name }
        return name.contains("'") ? "\"\(name)\"" : "'\(name)'"
    }

    /// For the load report: role and the column (or combination) taken.
    var reportColumns: [(role: ColumnRole, column: String)] {
        var out: [(ColumnRole, String)] = []
        let roles = kind == .transactions ? ColumnRole.transactionRoles : ColumnRole.summaryRoles
        for role in roles {
            if role == .revenue && kind == .customers {
                out.append((role, revenueColumns.map { header[$0] }.joined(separator: " + ")))
            } else if let i = index[role] {
                out.append((role, header[i]))
            }
        }
        return out
    }

    /// The parser the file's numbers are read with, to tell whether a column holds numbers.
    func numberParser(separator: LoadOptions.Separator) -> NumberParser {
        NumberParser(allowsDecimalComma: separator != .comma, thousands: thousands)
    }

    func name(_ role: ColumnRole) -> String { index[role].map { header[$0] } ?? role.rawValue }
}
