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
        try load(ByteSource(path: path), name: options.displayName ?? path, options: options)
    }

    /// Loads data already in memory, as a file with these bytes would load (plain text: gzip
    /// is read from files only); errors and the report name it `options.displayName`, or
    /// `name`. Tests use it to skip temporary files.
    public static func load(bytes: [UInt8], name: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        let name = options.displayName ?? name
        return try load(ByteSource(bytes: bytes, name: name), name: name, options: options)
    }

    private static func load(_ source: ByteSource, name: String, options: LoadOptions) throws -> Dataset {
        var separator = options.separator
        let reader = RecordReader(source: source, name: name, separator: nil, options: options)
        let sample = try reader.prime()
        if separator == nil { separator = DialectDetector.separator(in: sample) }
        reader.setSeparator(separator!.byte)

        // The header is the first non-blank record.
        var header: [String] = []
        while try reader.next() {
            if reader.isBlankRecord { continue }
            header = (0..<reader.fieldCount).map {
                reader.text(ofField: $0).trimmingCharacters(in: .whitespaces)
            }
            break
        }
        if header.isEmpty { throw DataError("'\(name)' is empty: expected a header line with column names") }

        let plan = try ColumnPlan(header: header, options: options, file: name)
        var report = LoadReport(file: name, kind: plan.kind, separatorName: separator!.rawValue)
        report.kindForced = options.kind != nil
        report.columns = plan.reportColumns
        switch plan.kind {
        case .transactions:
            let loader = TransactionLoader(reader: reader, source: source, plan: plan, options: options, report: report)
            return try loader.run()
        case .customers:
            var loader = SummaryLoader(reader: reader, plan: plan, options: options, report: report)
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

    init(header: [String], options: LoadOptions, file: String) throws {
        self.header = header
        let normalised = header.map(ColumnRole.normalisedHeader)
        var taken = Set<Int>()
        var index: [ColumnRole: Int] = [:]
        var revenueColumns: [Int] = []

        func find(_ name: String, role: ColumnRole) throws -> Int {
            if let i = header.firstIndex(of: name) { return i }
            let key = ColumnRole.normalisedHeader(name)
            if let i = normalised.firstIndex(of: key) { return i }
            throw DataError(
                "no column '\(name)' for --\(role.rawValue) in '\(file)'; the columns are: "
                    + header.map { "'\($0)'" }.joined(separator: ", "))
        }
        for (role, names) in options.columns.sorted(by: { $0.key < $1.key }) {
            for name in names {
                let i = try find(name, role: role)
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

        let columnList = header.map { "'\($0)'" }.joined(separator: ", ")
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

    func name(_ role: ColumnRole) -> String { index[role].map { header[$0] } ?? role.rawValue }
}
