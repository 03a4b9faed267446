import ABCCore

/// `load postgres://…`: the per-customer aggregation runs on the server, inside a read-only
/// transaction, and only its rows (one per customer) come back, streamed into the dataset
/// (docs/warehouses.md).
public enum WarehouseLoader {
    /// What to read: the server, and a table (the URL's `table=`, or `--table`) or a query.
    public struct Request: Sendable {
        public var url: PostgresURL
        /// `--query "SELECT …"`: run only as a subquery.
        public var query: String?
        /// `--schema`, else the URL's `schema=`.
        public var schema: String?
        /// `--table`, else the URL's `table=`.
        public var table: String?
        /// Column mapping (`--customer`, `--amount`, …) and `isCancelled`.
        public var options: LoadOptions

        public init(url: PostgresURL, query: String? = nil, schema: String? = nil, table: String? = nil, options: LoadOptions = LoadOptions()) {
            self.url = url
            self.query = query
            self.schema = schema
            self.table = table
            self.options = options
        }

        /// The table or query, for errors and the report.
        var sourceName: String {
            if query != nil { return "query" }
            return ((schema ?? url.schema).map { $0 + "." } ?? "") + (table ?? url.table ?? "?")
        }

        func source() throws(DataError) -> AggregationQuery.Source {
            if let query {
                if table ?? url.table != nil { throw DataError("give a table (table= or --table) or --query, not both") }
                var text = query.trimmingCharacters(in: .whitespacesAndNewlines)
                while text.hasSuffix(";") { text = String(text.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
                guard !text.isEmpty else { throw DataError("--query is empty") }
                return .query(text)
            }
            guard var name = table ?? url.table else {
                throw DataError("which table? add ?table=NAME to the URL, or give --table NAME or --query \"SELECT …\"")
            }
            var schema = self.schema ?? url.schema
            if schema == nil, let dot = name.firstIndex(of: ".") {
                schema = String(name[..<dot])
                name = String(name[name.index(after: dot)...])
            }
            return .table(schema: schema, name: name)
        }
    }

    /// The aggregation for a file's columns as the load mapped them (`show sql` after a file
    /// load): no types are known, so none is cast but to the exact type.
    public static func aggregation(columns: [(role: ColumnRole, column: String)], source: AggregationQuery.Source) -> AggregationQuery? {
        var roles: [ColumnRole: AggregationQuery.Column] = [:]
        for (role, name) in columns { roles[role] = .init(name) }
        return AggregationQuery(source: source, roles: roles)
    }

    /// PostgreSQL type OIDs the aggregation treats specially.
    enum TypeOID {
        static let floats: Set<UInt32> = [700, 701]
        static let texts: Set<UInt32> = [18, 19, 25, 1042, 1043]
        static let dates: Set<UInt32> = [1082, 1114, 1184]
        static let timestampWithTimeZone: UInt32 = 1184
    }

    /// The aggregation for the server's columns: recognised by name or mapped as for files,
    /// types checked (a text amount is refused; a float is cast to numeric with a note).
    static func aggregation(
        columns: [(name: String, type: UInt32)], request: Request, source: AggregationQuery.Source
    ) throws -> (query: AggregationQuery, notes: [String], roles: [(ColumnRole, String)], others: [String]) {
        let recognised = try ColumnRecognition.transactionColumns(
            header: columns.map(\.name), options: request.options, source: request.sourceName)
        let roles = recognised.roles
        var notes = recognised.notes
        func column(_ role: ColumnRole, number: Bool) throws(DataError) -> AggregationQuery.Column? {
            guard let name = roles[role] else { return nil }
            let type = columns.first { $0.name == name }?.type ?? 0
            if number {
                if TypeOID.texts.contains(type) {
                    throw DataError(
                        "column '\(name)' of \(request.sourceName) is text, not a number, so it cannot be the \(role.rawValue): "
                            + "cast it in --query (e.g. CAST(\"\(name)\" AS numeric) AS \"\(name)\")", option: role.rawValue)
                }
                if TypeOID.floats.contains(type) {
                    notes.append("column '\(name)' is floating point: cast to numeric on the server before summing")
                    return .init(name, .float)
                }
                return .init(name)
            }
            if role == .date {
                if type == TypeOID.timestampWithTimeZone {
                    notes.append("column '\(name)' has time zones: each row's date is its date in UTC")
                    return .init(name, .timestampWithTimeZone)
                }
                if !TypeOID.dates.contains(type) {
                    throw DataError(
                        "column '\(name)' of \(request.sourceName) is not a date or timestamp, so it cannot be the date: "
                            + "cast it in --query (e.g. CAST(\"\(name)\" AS date) AS \"\(name)\")", option: role.rawValue)
                }
            }
            return .init(name)
        }
        // The columns the aggregation uses, each checked and typed for its role.
        guard let untyped = AggregationQuery(source: source, roles: roles.mapValues { .init($0) }) else {
            preconditionFailure("recognition requires a customer, a date and an amount or quantity × unit price")
        }
        var roleOf: [String: ColumnRole] = [:]
        for (role, name) in roles { roleOf[name] = role }
        let query = try untyped.mappingColumns { c throws(DataError) in
            let role = roleOf[c.name] ?? .amount
            return try column(role, number: ![ColumnRole.customer, .date, .order].contains(role)) ?? c
        }
        let reportRoles = ColumnRole.transactionRoles.compactMap { role in roles[role].map { (role, $0) } }
        var seen = Set<String>()
        return (query, notes.filter { seen.insert($0).inserted }, reportRoles, recognised.others)
    }

    /// Connects, aggregates on the server and builds the dataset. A failure at any step is one
    /// line and leaves nothing behind (the transaction is read-only and is never committed with
    /// changes; the connection closes).
    public static func load(_ request: Request, window: AggregationQuery.Window? = nil) throws -> (dataset: Dataset, query: AggregationQuery) {
        let source = try request.source()
        let connection = try PostgresConnection(uri: request.url.libpqURI, server: request.url.server)
        try connection.execute("BEGIN TRANSACTION READ ONLY")
        try connection.execute("SET LOCAL DateStyle = 'ISO, YMD'")
        let probe = AggregationQuery(
            source: source, customer: .init(""), date: .init(""), amount: .column(.init("")), profit: nil, order: nil)
        let columns: [(name: String, type: UInt32)]
        do {
            columns = try connection.describe("SELECT * FROM " + probe.fromClause(.postgres))
        } catch {
            throw DataError("cannot read \(request.sourceName) on \(request.url.server): \(error.message)")
        }
        var (query, notes, roles, others) = try aggregation(columns: columns, request: request, source: source)
        query.window = window
        let sql = query.sql(.postgres)
        var aggregates = CustomerAggregates(hasProfit: query.profit != nil)
        var rowsAggregated = 0, returns = 0, zeroAmounts = 0
        var skippedRows = 0
        var skippedRevenue: Int128 = 0
        try connection.stream(sql, isCancelled: request.options.isCancelled) { values throws(DataError) in
            guard values.count == AggregationQuery.resultColumns.count else {
                throw DataError("the server sent \(values.count) columns, expected \(AggregationQuery.resultColumns.count)")
            }
            func number(_ i: Int) throws(DataError) -> Int64 {
                guard let text = values[i], let v = aggregates.parseNumeric(text) else {
                    throw DataError("the server sent \(AggregationQuery.resultColumns[i]) '\(values[i] ?? "NULL")' for customer '\(values[0] ?? "")', "
                        + "which is not a sum that fits (NULL amounts in the data?)")
                }
                return v
            }
            func count(_ i: Int) throws(DataError) -> Int {
                guard let text = values[i], let v = Int(text) else {
                    throw DataError("the server sent \(AggregationQuery.resultColumns[i]) '\(values[i] ?? "NULL")', not a count")
                }
                return v
            }
            let rows = try count(6)
            rowsAggregated += rows
            guard let customer = values[0] else {
                skippedRows += rows
                if let text = values[1], let (units, _) = CustomerAggregates.units(ofNumeric: text) { skippedRevenue += Int128(units) }
                return
            }
            func day(_ i: Int) throws(DataError) -> Int32 {
                guard let text = values[i], let d = CivilDate.parseISO(text) else {
                    throw DataError("the server sent \(AggregationQuery.resultColumns[i]) '\(values[i] ?? "NULL")' for customer '\(customer)', not a date (NULL dates in the data?)")
                }
                return d
            }
            try aggregates.append(.init(
                customer: customer, revenue: try number(1), profit: query.profit != nil ? try number(2) : nil,
                orders: Int64(try count(3)), first: try day(4), last: try day(5)))
            returns += try count(7)
            zeroAmounts += try count(8)
        }
        var report = LoadReport(file: request.url.server, kind: .transactions, separatorName: "")
        report.rowsRead = rowsAggregated
        report.rowsUsed = rowsAggregated - skippedRows
        report.skippedNoCustomer = skippedRows
        report.noCustomerRevenue = skippedRevenue
        report.returns = returns
        report.zeroAmounts = zeroAmounts
        report.columns = roles.map { (role: $0.0, column: $0.1) }
        report.assumptions = notes
        if query.profit == nil { report.assumptions.append("no cost or profit column: profit and margin are not available") }
        report.warehouse = WarehouseSource(
            server: request.url.server, source: request.sourceName, sql: sql,
            rowsAggregated: rowsAggregated, rowsReceived: aggregates.count)
        var dataset = try aggregates.dataset(
            name: request.url.server + " " + request.sourceName, report: report, allowsNoCustomers: window != nil)
        if window == nil {
            dataset.windows = ServerWindows(request: request)
            let (kept, dropped) = try attributes(
                connection, columns: columns, candidates: others, query: query, ids: dataset.customerIDs,
                isCancelled: request.options.isCancelled)
            dataset.keepAttributes(kept, dropped: dropped)
        }
        try connection.execute("COMMIT")
        return (dataset, query)
    }
}

import Foundation

/// A period or an as-of window of a server load: the same aggregation with the window's days
/// in its WHERE, one query per window: each window's result is kept for the dataset's life
/// (`set period` checks the window and `segment` then uses it without asking again).
final class ServerWindows: WindowedMetricsSource, @unchecked Sendable {
    let request: WarehouseLoader.Request
    /// Guarded by `lock`: results by window.
    private var kept: [DateWindow: ScopedMetrics] = [:]
    private let lock = NSLock()

    init(request: WarehouseLoader.Request) {
        self.request = request
    }

    func metrics(in window: DateWindow, ids: CustomerIDs, hasProfit: Bool) throws(RequestError) -> ScopedMetrics {
        if let known = lock.withLock({ kept[window] }) { return known }
        let scoped = try query(window, ids: ids, hasProfit: hasProfit)
        lock.withLock { kept[window] = scoped }
        return scoped
    }

    private func query(_ window: DateWindow, ids: CustomerIDs, hasProfit: Bool) throws(RequestError) -> ScopedMetrics {
        let loaded: Dataset
        do {
            loaded = try WarehouseLoader.load(request, window: .init(from: window.from, to: window.to + 1)).dataset
        } catch let error as DataError {
            throw RequestError("the window \(window.description): \(error.message)")
        } catch is Interrupted {
            throw RequestError("interrupted; nothing was changed")
        } catch {
            throw RequestError("the window \(window.description): \(error)")
        }
        // The window's customers, in the dataset's numbering (both in id byte order).
        var customers: [UInt32] = []
        customers.reserveCapacity(loaded.customerCount)
        for i in 0..<loaded.customerCount {
            guard let g = ids.index(of: loaded.customerIDs[i]) else {
                throw RequestError("customer '\(loaded.customerIDs[i])' of \(window.description) is not in the data loaded: the table changed since the load; load it again")
            }
            customers.append(UInt32(g))
        }
        var metrics = loaded.metrics
        metrics.referenceDate = window.to
        if !hasProfit { metrics.profit = nil }
        return ScopedMetrics(metrics: metrics, customers: customers, window: window)
    }
}

extension WarehouseLoader {
    /// The most frequent non-empty value per customer of each text column without a role, as
    /// files keep them (docs/input.md#attributes): ties to the value first in byte order
    /// (`COLLATE "C"`), a column of more than 1,000 distinct values or of numbers left out.
    /// One query per column, on the same connection and transaction.
    static func attributes(
        _ connection: PostgresConnection, columns: [(name: String, type: UInt32)], candidates: [String],
        query: AggregationQuery, ids: CustomerIDs, isCancelled: () -> Bool
    ) throws -> (kept: [CustomerAttribute], dropped: [(name: String, reason: String)]) {
        var kept: [CustomerAttribute] = []
        var dropped: [(name: String, reason: String)] = []
        for name in candidates {
            guard let type = columns.first(where: { $0.name == name })?.type, TypeOID.texts.contains(type) else { continue }
            var values: [String] = []
            try connection.stream(query.distinctValuesSQL(of: name, limit: CustomerAttribute.valueLimit + 1), isCancelled: isCancelled) { row in
                if let v = row.first ?? nil { values.append(v) }
            }
            if values.isEmpty { dropped.append((name, "no values")); continue }
            if values.count > CustomerAttribute.valueLimit {
                dropped.append((name, "more than \(CustomerAttribute.valueLimit.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))) distinct values"))
                continue
            }
            if values.allSatisfy({ FixedPoint.parseAmount($0) != nil }) { dropped.append((name, "numbers, not an attribute")); continue }
            var valueOfCustomer = [UInt16](repeating: CustomerAttribute.none, count: ids.count)
            var winners: [Int: String] = [:]
            try connection.stream(query.mostFrequentSQL(of: name), isCancelled: isCancelled) { row throws(DataError) in
                guard row.count == 2, let id = row[0], let value = row[1], let c = ids.index(of: id) else {
                    throw DataError("the server sent an attribute row of '\(name)' for a customer it did not aggregate")
                }
                winners[c] = value
            }
            let used = Set(winners.values).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var index: [String: UInt16] = [:]
            for (i, v) in used.enumerated() { index[v] = UInt16(i) }
            for (c, v) in winners { valueOfCustomer[c] = index[v] ?? CustomerAttribute.none }
            kept.append(CustomerAttribute(name: name, values: used, valueOfCustomer: valueOfCustomer))
        }
        return (kept, dropped)
    }
}

