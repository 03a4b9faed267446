/// What one part of a transactions file holds: its rows in columns, its own customer and
/// order tables (local indices), per-customer sums and the counts for the load report.
struct TransactionChunk: @unchecked Sendable {
    var customers = CustomerTable()
    /// The tables of later parts kept as they are (`absorb(_:keepingCustomers:)`): their
    /// customers are merged with this one's when the ids are sorted, not one by one.
    var laterTables: [CustomerTable] = []
    var segments: [TransactionColumns.Segment] = []
    /// Which table numbers each segment's customers: 0 for `customers`, k for `laterTables[k − 1]`.
    var tableOfSegment: [Int] = []
    /// The order ids too long for a row's key (`OrderKeys`).
    var orderKeys = OrderKeys()
    let hasOrders: Bool
    var attributes: AttributeValues
    var hasProfit: Bool
    var rowsRead = 0
    /// The row count at which the memory check runs next (every 65,536 rows: batches are
    /// flushed at any count, so a test of the count's low bits could miss every check).
    var nextMemoryCheck = 1 << 16
    var blankLines = 0
    var skippedNoCustomer = 0
    var noCustomerRevenue: Int128 = 0
    var noCustomerUnreadable = 0
    var skippedBad = 0
    var badRowExamples: [DataError] = []
    var returns = 0
    var zeroAmounts = 0
    var roundedValues = 0
    var hasSubCentValues = false
    var evidence = DateEvidence()
    /// Lines this part covers, and the lines of the file before it.
    var linesConsumed = 0
    var lineOffset = 0
    /// The error that stopped this part (without --lenient).
    var error: DataError?
    var interrupted = false
    /// A quoted field spans lines: the cut between parts may be wrong.
    var needsSequential = false

    init(hasProfit: Bool, hasOrders: Bool, attributeColumns: [Int] = [], expectedBytes: Int? = nil) {
        self.hasProfit = hasProfit
        self.hasOrders = hasOrders
        attributes = AttributeValues(columns: attributeColumns)
        customers = CustomerTable(capacity: Self.customerCapacity(expectedBytes: expectedBytes))
    }

    /// A guess that saves the table's growing on large files: twice the customers of the
    /// 10m benchmark (one customer in `LoadMemory.bytesPerCustomer` bytes).
    static func customerCapacity(expectedBytes: Int?) -> Int {
        max(1 << 16, (expectedBytes ?? 0) / (LoadMemory.bytesPerCustomer / 2))
    }

    /// An error of this part with its line counted from the start of the file.
    func shifted(_ error: DataError) -> DataError {
        guard let location = error.location, lineOffset != 0 else { return error }
        return DataError(error.message, at: SourceLocation(
            file: location.file, line: location.line + lineOffset, column: location.column))
    }

    /// Appends a later part of the file: its customers and orders are found or added in this
    /// part's tables, its rows renumbered and kept as a further segment. With
    /// `keepingCustomers` (a part without order ids whose customer table is its own), its
    /// table is kept beside this one and its rows keep their numbers: the ids of all tables
    /// are sorted together at the end, which costs less than a lookup per customer here.
    mutating func absorb(_ other: inout TransactionChunk, keepingCustomers: Bool = false) throws {
        precondition(laterTables.isEmpty || keepingCustomers, "parts merged one way only")
        let table = keepingCustomers ? laterTables.count + 1 : 0
        let customerMap: [UInt32]?
        if keepingCustomers {
            precondition(!hasOrders && other.laterTables.isEmpty, "order pairs need one customer numbering")
            laterTables.append(other.customers)
            other.customers = CustomerTable(capacity: 16)
            customerMap = nil
        } else {
            customerMap = try customers.absorb(other.customers)
        }
        let keyShift = orderKeys.absorb(other.orderKeys)
        let attributeMaps = attributes.absorb(other.attributes)
        var moved: [TransactionColumns.Segment] = []
        swap(&moved, &other.segments)  // take the rows without copying them
        while !moved.isEmpty {
            // Removed from `moved` first, so the columns are uniquely referenced: no copy.
            var segment = moved.removeFirst()
            customerMap?.withUnsafeBufferPointer { map in
                segment.customer.withUnsafeMutableBufferPointer { c in
                    for i in 0..<c.count { c[i] = map[Int(c[i])] }
                }
            }
            if keyShift != 0 {
                segment.orderKeys.withUnsafeMutableBufferPointer { keys in
                    for i in 0..<keys.count where OrderKeys.isStored(keys[i]) { keys[i] += keyShift }
                }
            }
            for (k, map) in attributeMaps.enumerated() {
                segment.attributes[k].withUnsafeMutableBufferPointer { values in
                    for i in 0..<values.count where values[i] != AttributeValues.empty { values[i] = map[Int(values[i])] }
                }
            }
            segments.append(segment)
            tableOfSegment.append(table)
        }
        rowsRead += other.rowsRead
        blankLines += other.blankLines
        skippedNoCustomer += other.skippedNoCustomer
        noCustomerRevenue += other.noCustomerRevenue
        noCustomerUnreadable += other.noCustomerUnreadable
        skippedBad += other.skippedBad
        if badRowExamples.count < 5 {
            let shift = other.shifted
            badRowExamples += other.badRowExamples.map(shift).prefix(5 - badRowExamples.count)
        }
        returns += other.returns
        zeroAmounts += other.zeroAmounts
        roundedValues += other.roundedValues
        hasSubCentValues = hasSubCentValues || other.hasSubCentValues
        evidence = evidence.merged(with: other.evidence.shifted(by: other.lineOffset))
        try evidence.checkConsistent()
    }
}

/// The per-row loop over one part of a transactions file.
struct TransactionChunkReader {
    let reader: RecordReader
    let plan: ColumnPlan
    let options: LoadOptions
    /// Part of a parallel read: a record spanning lines asks for a sequential read instead.
    let parallel: Bool
    /// Parts read at once (this one among them): the memory check counts each as holding what this one does.
    let parts: Int

    func read() -> TransactionChunk {
        let hasProfit = plan.index[.cost] != nil || plan.index[.unitCost] != nil || plan.index[.profit] != nil
        var chunk = TransactionChunk(
            hasProfit: hasProfit, hasOrders: plan.index[.order] != nil, attributeColumns: plan.attributeColumns,
            expectedBytes: reader.remainingBytes)
        var fields = FieldReader(reader: reader, plan: plan, options: options)
        let firstLine = reader.nextLine
        do {
            try readRows(into: &chunk, fields: &fields)
        } catch let error as DataError {
            chunk.error = reader.explainingDamage(error)
        } catch is Interrupted {
            chunk.interrupted = true
        } catch {
            chunk.error = DataError("\(error)")
        }
        chunk.linesConsumed = reader.nextLine - firstLine
        chunk.roundedValues = fields.roundedValues
        chunk.hasSubCentValues = fields.hasSubCentValues
        chunk.evidence = fields.evidence
        return chunk
    }

    /// Rows are added in batches: the slots of a whole batch are prefetched before the first
    /// lookup, so their cache misses overlap instead of following one another.
    static let batchSize = 32

    private func readRows(into chunk: inout TransactionChunk, fields: inout FieldReader) throws {
        let customerColumn = plan.index[.customer]!
        let dateColumn = plan.index[.date]!
        let amountColumn = plan.index[.amount]
        let quantityColumn = plan.index[.quantity]
        let priceColumn = plan.index[.unitPrice]
        let costColumn = plan.index[.cost]
        let unitCostColumn = plan.index[.unitCost]
        let profitColumn = plan.index[.profit]
        let orderColumn = plan.index[.order]
        // unit cost × quantity needs a quantity; without one it is taken as the line's cost.
        let costIsPerUnit = profitColumn == nil && costColumn == nil && unitCostColumn != nil && quantityColumn != nil

        var columns = ColumnBuilder(
            hasProfit: chunk.hasProfit, hasOrders: orderColumn != nil, attributes: plan.attributeColumns.count)
        if let bytes = reader.remainingBytes { columns.reserve(rows: bytes / 12 + 16) }
        var batch = RowBatch(name: reader.name, lenient: options.lenient)
        defer {
            chunk.segments.append(columns.segment)
            chunk.tableOfSegment.append(0)
        }
        let plain = PlainRowParser(plan: plan, separator: reader.scanner.separator)
        var plainBatch = RowBatch(name: reader.name, lenient: options.lenient)
        var dateCache = PlainDateCache()
        while true {
            if let plain {
                try readPlainRecords(
                    plain, into: &chunk, fields: &fields, batch: &plainBatch, after: &batch, columns: &columns,
                    dateCache: &dateCache)
            }
            guard try reader.next() else { break }
            if parallel && reader.scanner.embeddedLineBreaks > 0 {
                chunk.needsSequential = true
                return
            }
            if reader.isBlankRecord {
                chunk.blankLines += 1
                continue
            }
            chunk.rowsRead += 1
            do {
                try fields.checkField(customerColumn, .customer)
                if reader.isBlank(field: customerColumn) {
                    chunk.skippedNoCustomer += 1
                    let columns = amountColumn.map { [$0] } ?? []
                    if let revenue = fields.revenueOfSkippedRow(columns: columns, quantity: quantityColumn, unitPrice: priceColumn) {
                        chunk.noCustomerRevenue += Int128(revenue)
                    } else {
                        chunk.noCustomerUnreadable += 1
                    }
                    continue
                }
                let date = try fields.date(dateColumn, .date)
                let amount: Int64
                var quantity: Int64 = FixedPoint.scale
                if let q = quantityColumn, costIsPerUnit || amountColumn == nil {
                    quantity = try fields.money(q, .quantity)
                }
                if let a = amountColumn {
                    amount = try fields.money(a, .amount)
                } else {
                    let price = try fields.money(priceColumn!, .unitPrice)
                    amount = try product(quantity, price, field: priceColumn!, role: .unitPrice, fields: &fields)
                }
                // A profit column is the profit as given; otherwise amount − cost.
                var lineProfit: Int64 = 0
                if let p = profitColumn {
                    lineProfit = try fields.money(p, .profit)
                } else if let c = costColumn {
                    let cost = try fields.money(c, .cost)
                    lineProfit = try fields.difference(amount, cost, field: c, role: .cost)
                } else if let u = unitCostColumn {
                    var cost = try fields.money(u, .unitCost)
                    if costIsPerUnit { cost = try product(quantity, cost, field: u, role: .unitCost, fields: &fields) }
                    lineProfit = try fields.difference(amount, cost, field: u, role: .unitCost)
                }
                try fields.checkNoExtraFields()
                if let o = orderColumn { try fields.checkField(o, .order) }
                try fields.commitRow()

                // Everything is read and valid: queue the row for its customer lookup.
                reader.withTrimmedField(customerColumn) { batch.addKey($0, $1) }
                if let o = orderColumn { reader.withField(o) { p, n in batch.addOrder(p, n) } }
                for (k, column) in plan.attributeColumns.enumerated() {
                    // A short row (fewer fields than the header) has no value there.
                    batch.addAttribute(column < reader.fieldCount
                        ? reader.withTrimmedField(column) { chunk.attributes.index(k, of: $0, $1) } : AttributeValues.empty)
                }
                batch.addRow(amount: amount, profit: lineProfit, date: date, line: reader.recordLine,
                             column: reader.column(ofField: amountColumn ?? priceColumn!))
                if batch.isFull {
                    try batch.flush(into: &chunk, columns: &columns)
                    if chunk.rowsRead >= chunk.nextMemoryCheck { try checkMemory(&chunk, columns) }
                }
            } catch let error as DataError where options.lenient {
                fields.discardRow()
                chunk.skippedBad += 1
                if chunk.badRowExamples.count < 5 { chunk.badRowExamples.append(error) }
            } catch {
                try batch.flush(into: &chunk, columns: &columns)  // an earlier row's error comes first
                throw error
            }
        }
        try batch.flush(into: &chunk, columns: &columns)
    }

    /// Stops a load whose parts already hold more than the budget, with what the aggregation
    /// would add (the check that catches pipes, gzip and files with more customers than assumed).
    func checkMemory(_ chunk: inout TransactionChunk, _ columns: ColumnBuilder) throws(DataError) {
        chunk.nextMemoryCheck = chunk.rowsRead + (1 << 16)
        guard let budget = options.memoryBudget else { return }
        let memory = LoadMemory(plan: plan, parts: parts)
        let need = parts * (columns.usedBytes + chunk.customers.usedBytes + chunk.orderKeys.store.count)
            + chunk.customers.count * memory.customerBytes + memory.bufferBytes
        try LoadMemory.check(need, budget: budget, atLeast: true)
    }

    /// quantity × price, both in units, rounded half-even to units; overflow is an error.
    private func product(
        _ quantity: Int64, _ price: Int64, field: Int, role: ColumnRole, fields: inout FieldReader
    ) throws -> Int64 {
        let exact = Int128(quantity) * Int128(price)
        let value = FixedPoint.divideRoundingHalfEven(exact, Int128(FixedPoint.scale))
        if exact % Int128(FixedPoint.scale) != 0 { fields.roundedValues += 1 }
        guard let result = Int64(exactly: value) else {
            throw fields.error(field: field, role: role, expected: "a quantity × price that fits")
        }
        if result % 100 != 0 { fields.hasSubCentValues = true }
        return result
    }

}

/// The columns of one part, growing row by row.
struct ColumnBuilder {
    var customer: [UInt32] = []
    var date = DateColumn()
    var amount = MoneyColumn()
    var profit = MoneyColumn()
    var orderKeys: [UInt64] = []
    var attributes: [[UInt16]]
    let hasProfit: Bool
    let hasOrders: Bool

    init(hasProfit: Bool, hasOrders: Bool, attributes: Int = 0) {
        self.hasProfit = hasProfit
        self.hasOrders = hasOrders
        self.attributes = [[UInt16]](repeating: [], count: attributes)
    }

    /// Room for the shortest plausible rows: capacity not written to takes no memory, and
    /// the columns never grow by copying (which would double them for a moment). In small
    /// pages: written once and in order, they gain little from huge pages, and on this
    /// benchmark machine a fresh huge page costs more to map than 512 small ones (10m whole
    /// job, alternating runs: 1.03-1.16 s against 1.05-1.57 s with huge pages, 10 MB less).
    mutating func reserve(rows: Int) {
        customer.reserveCapacity(rows)
        date.reserveCapacity(rows)
        amount.reserveCapacity(rows)
        if hasProfit { profit.reserveCapacity(rows) }
        if hasOrders { orderKeys.reserveCapacity(rows) }
        for k in attributes.indices { attributes[k].reserveCapacity(rows) }
    }

    /// The bytes the rows take so far.
    var usedBytes: Int {
        customer.count * MemoryLayout<UInt32>.stride + date.usedBytes + amount.usedBytes + profit.usedBytes
            + orderKeys.count * MemoryLayout<UInt64>.stride + attributes.reduce(0) { $0 + $1.count * MemoryLayout<UInt16>.stride }
    }

    var segment: TransactionColumns.Segment {
        var segment = TransactionColumns.Segment(
            customer: customer, date: date, amount: amount,
            profit: hasProfit ? profit : nil, orderPair: nil)
        segment.attributes = attributes
        segment.orderKeys = orderKeys
        return segment
    }
}

/// Parsed rows waiting for their customer lookups, with copies of their ids.
struct RowBatch {
    struct Row {
        var prefix: UInt64
        var hash: UInt64
        var key: Range<Int>
        var order: Range<Int>
        var amount: Int64
        var profit: Int64
        var date: Int32
        /// Where the amount was, for an overflow error.
        var line: Int
        var column: Int
    }

    let name: String
    let lenient: Bool
    private var rows: [Row] = []
    private var bytes: [UInt8] = []
    /// The rows' attribute values, row after row (as many per row as there are attributes).
    private var attributeValues: [UInt16] = []
    private var key = 0..<0
    private var order = 0..<0
    private var prefix: UInt64 = 0
    private var hash: UInt64 = 0

    init(name: String, lenient: Bool) {
        self.name = name
        self.lenient = lenient
        rows.reserveCapacity(TransactionChunkReader.batchSize)
        bytes.reserveCapacity(64 * TransactionChunkReader.batchSize)
    }

    var isFull: Bool { rows.count == TransactionChunkReader.batchSize }

    /// Appends bytes; short ids byte by byte, which beats a `memmove` call at these sizes.
    @inline(__always)
    private mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if n <= 16 {
            for i in 0..<n { bytes.append(p[i]) }
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
    }

    @inline(__always)
    mutating func addKey(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let start = bytes.count
        append(p, n)
        key = start..<bytes.count
        order = bytes.count..<bytes.count
        prefix = ByteInternTable.prefix(p, n)
        hash = ByteInternTable.hash(prefix, p, n)
    }

    @inline(__always)
    mutating func addOrder(_ p: UnsafePointer<UInt8>, _ n: Int) {
        let start = bytes.count
        append(p, n)
        order = start..<bytes.count
    }

    @inline(__always)
    mutating func addAttribute(_ value: UInt16) { attributeValues.append(value) }

    @inline(__always)
    mutating func addRow(amount: Int64, profit: Int64, date: Int32, line: Int, column: Int) {
        rows.append(Row(prefix: prefix, hash: hash, key: key, order: order, amount: amount, profit: profit,
                        date: date, line: line, column: column))
    }

    /// A row whose ids stay where they are, at these offsets of the reader's buffer
    /// (`PlainRowParser`): the batch is flushed with that buffer before the reader reads on.
    /// Its customer's slot is asked for now, a batch before it is needed, so the cache misses
    /// of a batch overlap the parsing of the next rows instead of one another.
    @inline(__always)
    mutating func addInPlace(
        _ base: UnsafePointer<UInt8>, key: Range<Int>, order: Range<Int>,
        amount: Int64, profit: Int64, date: Int32, line: Int, column: Int, table: CustomerTable
    ) {
        let p = base + key.lowerBound, n = key.count
        let prefix = ByteInternTable.prefix(p, n)
        let hash = ByteInternTable.hash(prefix, p, n)
        table.prefetch(hash: hash)
        rows.append(Row(prefix: prefix, hash: hash, key: key, order: order,
                        amount: amount, profit: profit, date: date, line: line, column: column))
    }

    /// Looks up every row's customer (adding its sums), then appends the rows in order.
    mutating func flush(into chunk: inout TransactionChunk, columns: inout ColumnBuilder) throws {
        guard !rows.isEmpty else { return }
        var bytes: [UInt8] = []
        swap(&bytes, &self.bytes)
        defer {
            bytes.removeAll(keepingCapacity: true)
            swap(&bytes, &self.bytes)
        }
        try bytes.withUnsafeBufferPointer { buffer in
            try flush(into: &chunk, columns: &columns, keysIn: buffer.baseAddress!)
        }
    }

    /// `flush` for rows whose ids are at their offsets of `base` (own copies or the reader's buffer).
    mutating func flush(
        into chunk: inout TransactionChunk, columns: inout ColumnBuilder, keysIn base: UnsafePointer<UInt8>,
        prefetched: Bool = false
    ) throws {
        let table = chunk.customers
        if !prefetched {
            for row in rows { table.prefetch(hash: row.hash) }
        }
        let attributeCount = columns.attributes.count
        for (r, row) in rows.enumerated() {
            guard let customer = table.add(
                base + row.key.lowerBound, row.key.count, prefix: row.prefix, hash: row.hash,
                CustomerTable.Figures(amount: row.amount, profit: row.profit, date: row.date))
            else {
                let id = UnsafeBufferPointer(start: base + row.key.lowerBound, count: row.key.count)
                let error = DataError(
                    "the sum for customer '\(String(decoding: id, as: UTF8.self))' overflows",
                    at: SourceLocation(file: name, line: row.line, column: row.column))
                guard lenient else { throw error }
                chunk.skippedBad += 1
                if chunk.badRowExamples.count < 5 { chunk.badRowExamples.append(error) }
                continue
            }
            if row.amount < 0 { chunk.returns += 1 }
            if row.amount == 0 { chunk.zeroAmounts += 1 }
            if columns.hasOrders {
                columns.orderKeys.append(chunk.orderKeys.key(base + row.order.lowerBound, row.order.count))
            }
            columns.customer.append(customer)
            columns.date.append(row.date)
            columns.amount.append(row.amount)
            if columns.hasProfit { columns.profit.append(row.profit) }
            for k in 0..<attributeCount { columns.attributes[k].append(attributeValues[r * attributeCount + k]) }
        }
        rows.removeAll(keepingCapacity: true)
        attributeValues.removeAll(keepingCapacity: true)
    }
}
