/// Per-customer figures aggregated elsewhere (a database server, docs/warehouses.md), turned
/// into a dataset with the metrics a transactions file of the same rows gives: the server
/// sums and counts, this rounds its exact decimals half-even and numbers the customers in id
/// byte order, as the file loader does.
///
/// Rows come one per customer, in any order; a customer seen twice is an error (the
/// aggregation groups by customer, so it would mean a bug in the query, not in the data).
public struct CustomerAggregates {
    /// One customer's row as the server sends it.
    public struct Row {
        public var customer: String
        /// Net revenue and profit in units (`parseNumeric`).
        public var revenue: Int64
        public var profit: Int64?
        public var orders: Int64
        public var first: Int32
        public var last: Int32

        public init(customer: String, revenue: Int64, profit: Int64?, orders: Int64, first: Int32, last: Int32) {
            self.customer = customer
            self.revenue = revenue
            self.profit = profit
            self.orders = orders
            self.first = first
            self.last = last
        }
    }

    private var ids = ByteInternTable()
    private var revenue: [Int64] = [], profit: [Int64] = [], orders: [Int64] = []
    private var first: [Int32] = [], last: [Int32] = []
    private var hasSubCentValues = false
    public let hasProfit: Bool
    public private(set) var roundedValues = 0

    public init(hasProfit: Bool) {
        self.hasProfit = hasProfit
    }

    public var count: Int { revenue.count }

    /// Adds a customer's row; throws when the customer was already added.
    public mutating func append(_ row: Row) throws(DataError) {
        guard !row.customer.utf8.isEmpty else { throw DataError("the server sent a customer without an id") }
        let before = ids.count
        var customer = row.customer
        // The id's bytes where the string holds them: no array per row.
        let index = customer.withUTF8 { b in ids.intern(b.baseAddress!, b.count) }
        guard Int(index) == before else { throw DataError("customer '\(DataError.excerpt(row.customer))' came twice from the server") }
        revenue.append(row.revenue)
        profit.append(row.profit ?? 0)
        orders.append(row.orders)
        first.append(row.first)
        last.append(row.last)
        if row.revenue % 100 != 0 || (row.profit ?? 0) % 100 != 0 { hasSubCentValues = true }
    }

    /// Exact decimal text as a database prints a `numeric` (`-12.3456789`, `7`, `0.5`) in
    /// units, rounded half-even to 4 decimals (PostgreSQL's `round` rounds half away from
    /// zero, so the tool rounds); counts the values it rounded. nil when the text is not such
    /// a number or does not fit.
    public mutating func parseNumeric(_ text: String) -> Int64? {
        guard let (value, rounded) = Self.units(ofNumeric: text) else { return nil }
        if rounded { roundedValues += 1 }
        return value
    }

    /// `parseNumeric` without the count: the units and whether digits were rounded off.
    public static func units(ofNumeric text: String) -> (Int64, rounded: Bool)? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") { negative = true; bytes = bytes.dropFirst() }
        else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var whole: Int128 = 0
        var fraction: Int128 = 0, fractionDigits = 0
        var rest: [UInt8] = []  // digits beyond the 4th decimal
        var seenPoint = false, digits = 0
        for b in bytes {
            if b == UInt8(ascii: ".") && !seenPoint { seenPoint = true; continue }
            guard b >= 0x30 && b <= 0x39 else { return nil }
            digits += 1
            let d = Int128(b - 0x30)
            if !seenPoint {
                whole = whole * 10 + d
                if whole > Int128(Int64.max) { return nil }
            } else if fractionDigits < FixedPoint.digits {
                fraction = fraction * 10 + d
                fractionDigits += 1
            } else {
                rest.append(b)
            }
        }
        guard digits > 0 else { return nil }
        while fractionDigits < FixedPoint.digits { fraction *= 10; fractionDigits += 1 }
        var units = whole * Int128(FixedPoint.scale) + fraction
        let tail = rest.drop { $0 == 0x30 }.isEmpty ? nil : rest
        if let tail {
            // Half-even on the dropped digits: above half, or exactly half with an odd last digit.
            let firstDropped = tail[0]
            let beyondHalf = firstDropped > 0x35 || (firstDropped == 0x35 && tail.dropFirst().contains { $0 != 0x30 })
            if beyondHalf || (firstDropped == 0x35 && units & 1 == 1) { units += 1 }
        }
        if negative { units = -units }
        guard units >= Int128(Int64.min), units <= Int128(Int64.max) else { return nil }
        return (Int64(units), tail != nil)
    }

    /// The dataset: customers in id byte order, the metrics a file of the same transactions
    /// gives. `report` carries the counts the server sent (rows, returns, skipped rows).
    /// `allowsNoCustomers`: a window may hold none (the caller says so); a load may not.
    public func dataset(name: String, report: LoadReport, allowsNoCustomers: Bool = false) throws(DataError) -> Dataset {
        guard !revenue.isEmpty || allowsNoCustomers else { throw DataError("no usable rows in '\(name)': the server sent no customer") }
        var keysTable = ids
        let keys = keysTable.takeKeys()
        let (customerIDs, newIndex) = CustomerIDs.sorted(arena: keys.arena, offsets: keys.offsets)
        func permuted<T>(_ values: [T]) -> [T] { CustomerIDs.permuted(values, newIndex) }
        let reference = last.max()
        var report = report
        report.firstDate = first.min()
        report.lastDate = reference
        report.roundedValues += roundedValues
        let metrics = CustomerMetrics(
            revenue: permuted(revenue), profit: hasProfit ? permuted(profit) : nil, orders: permuted(orders),
            first: permuted(first), last: permuted(last), referenceDate: reference)
        return Dataset(
            name: name, kind: .customers, customerIDs: customerIDs, transactions: nil, metrics: metrics,
            moneyDecimals: hasSubCentValues ? 4 : 2, report: report)
    }
}

extension Dataset {
    /// Keeps attributes aggregated elsewhere (a server's most frequent value per customer),
    /// with the load report's lines for them.
    public mutating func keepAttributes(_ kept: [CustomerAttribute], dropped: [(name: String, reason: String)]) {
        attributes = kept
        report.attributes = kept.map { ($0.name, $0.values.count) }
        report.droppedAttributes = dropped
    }
}
