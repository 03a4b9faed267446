/// What one part of a transactions file holds: its rows in columns, its own customer and
/// order tables (local indices), per-customer sums and the counts for the load report.
struct TransactionChunk: @unchecked Sendable {
    var customers = CustomerTable()
    var pairs: ByteInternTable
    var segments: [TransactionColumns.Segment] = []
    var pairNet: [Int64] = []
    var pairCustomer: [UInt32] = []
    var hasProfit: Bool
    var rowsRead = 0
    var blankLines = 0
    var skippedNoCustomer = 0
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

    init(hasProfit: Bool, hasOrders: Bool) {
        self.hasProfit = hasProfit
        pairs = ByteInternTable(capacity: hasOrders ? 1 << 16 : 16)
    }

    /// An error of this part with its line counted from the start of the file.
    func shifted(_ error: DataError) -> DataError {
        guard let location = error.location, lineOffset != 0 else { return error }
        return DataError(error.message, at: SourceLocation(
            file: location.file, line: location.line + lineOffset, column: location.column))
    }

    /// Appends a later part of the file: its customers and orders are found or added in this
    /// part's tables, its rows renumbered and kept as a further segment.
    mutating func absorb(_ other: inout TransactionChunk) throws {
        var customerMap = [UInt32](repeating: 0, count: other.customers.count)
        try other.customers.forEach { k, p, n, revenue, profit in
            guard let g = customers.add(p, n, revenue: revenue, profit: profit) else {
                throw DataError("the sum for customer '\(other.customers.key(k))' overflows")
            }
            customerMap[k] = g
        }
        var pairMap = [UInt32](repeating: 0, count: other.pairs.count)
        var key: [UInt8] = []
        other.pairs.forEachKey { k, p, n in
            // Pair keys are the local customer index (4 bytes) followed by the order id.
            let local = UnsafeRawPointer(p).loadUnaligned(as: UInt32.self)
            key.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: customerMap[Int(local)]) { key.append(contentsOf: $0) }
            key.append(contentsOf: UnsafeBufferPointer(start: p + 4, count: n - 4))
            let g = key.withUnsafeBufferPointer { pairs.intern($0.baseAddress!, $0.count) }
            pairMap[k] = g
            if Int(g) == pairNet.count {
                pairNet.append(0)
                pairCustomer.append(customerMap[Int(local)])
            }
            pairNet[Int(g)] &+= other.pairNet[k]
        }
        var moved: [TransactionColumns.Segment] = []
        swap(&moved, &other.segments)  // take the rows without copying them
        for var segment in moved {
            customerMap.withUnsafeBufferPointer { map in
                segment.customer.withUnsafeMutableBufferPointer { c in
                    for i in 0..<c.count { c[i] = map[Int(c[i])] }
                }
            }
            if segment.orderPair != nil {
                for i in segment.orderPair!.indices { segment.orderPair![i] = pairMap[Int(segment.orderPair![i])] }
            }
            segments.append(segment)
        }
        rowsRead += other.rowsRead
        blankLines += other.blankLines
        skippedNoCustomer += other.skippedNoCustomer
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

    func read() -> TransactionChunk {
        let hasProfit = plan.index[.cost] != nil || plan.index[.unitCost] != nil || plan.index[.profit] != nil
        var chunk = TransactionChunk(hasProfit: hasProfit, hasOrders: plan.index[.order] != nil)
        var fields = FieldReader(reader: reader, plan: plan, options: options)
        let firstLine = reader.nextLine
        do {
            try readRows(into: &chunk, fields: &fields)
        } catch let error as DataError {
            chunk.error = error
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

    /// A parsed row waiting in a batch for its customer lookup.
    private struct PendingRow {
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

    /// Rows are added in batches: the slots of a whole batch are prefetched before the first
    /// lookup, so their cache misses overlap instead of following one another.
    private static let batchSize = 16

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
        let hasProfit = chunk.hasProfit
        // unit cost × quantity needs a quantity; without one it is taken as the line's cost.
        let costIsPerUnit = costColumn == nil && unitCostColumn != nil && quantityColumn != nil

        var pairKey: [UInt8] = []
        var txCustomer: [UInt32] = [], txDate: [Int32] = [], txAmount = MoneyColumn()
        var txProfit = MoneyColumn(), txPair: [UInt32] = []
        if let bytes = reader.remainingBytes {
            // Room for the shortest plausible rows: capacity not written to takes no memory,
            // and the columns never grow by copying (which would double them for a moment).
            let rows = bytes / 12 + 16
            txCustomer.reserveCapacity(rows)
            txDate.reserveCapacity(rows)
            txAmount.reserveCapacity(rows)
            if hasProfit { txProfit.reserveCapacity(rows) }
            if orderColumn != nil { txPair.reserveCapacity(rows) }
        }
        var batch: [PendingRow] = []
        batch.reserveCapacity(Self.batchSize)
        var batchBytes: [UInt8] = []  // the batch's customer and order ids
        batchBytes.reserveCapacity(64 * Self.batchSize)

        func flush() throws {
            let table = chunk.customers
            for row in batch { table.prefetch(hash: row.hash) }
            try batchBytes.withUnsafeBufferPointer { bytes in
                let base = bytes.baseAddress!
                for row in batch {
                    guard let customer = table.add(
                        base + row.key.lowerBound, row.key.count, prefix: row.prefix, hash: row.hash,
                        revenue: row.amount, profit: row.profit)
                    else {
                        let error = DataError(
                            "the sum for customer '\(String(decoding: bytes[row.key], as: UTF8.self))' overflows",
                            at: SourceLocation(file: reader.name, line: row.line, column: row.column))
                        guard options.lenient else { throw error }
                        chunk.skippedBad += 1
                        if chunk.badRowExamples.count < 5 { chunk.badRowExamples.append(error) }
                        continue
                    }
                    if row.amount < 0 { chunk.returns += 1 }
                    if row.amount == 0 { chunk.zeroAmounts += 1 }
                    if orderColumn != nil {
                        pairKey.removeAll(keepingCapacity: true)
                        withUnsafeBytes(of: customer) { pairKey.append(contentsOf: $0) }
                        pairKey.append(contentsOf: bytes[row.order])
                        let pair = pairKey.withUnsafeBufferPointer { chunk.pairs.intern($0.baseAddress!, $0.count) }
                        if Int(pair) == chunk.pairNet.count {
                            chunk.pairNet.append(0)
                            chunk.pairCustomer.append(customer)
                        }
                        chunk.pairNet[Int(pair)] &+= row.amount  // bounded by the customer's checked sums
                        txPair.append(pair)
                    }
                    txCustomer.append(customer)
                    txDate.append(row.date)
                    txAmount.append(row.amount)
                    if hasProfit { txProfit.append(row.profit) }
                }
            }
            batch.removeAll(keepingCapacity: true)
            batchBytes.removeAll(keepingCapacity: true)
        }
        defer {
            chunk.segments.append(TransactionColumns.Segment(
                customer: txCustomer, date: txDate, amount: txAmount,
                profit: hasProfit ? txProfit : nil, orderPair: orderColumn != nil ? txPair : nil))
        }
        while try reader.next() {
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
                if reader.withField(customerColumn, { p, n in TransactionLoader.trimmed(p, n).isEmpty }) {
                    chunk.skippedNoCustomer += 1
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
                var lineProfit: Int64 = 0
                if let c = costColumn {
                    lineProfit = try subtract(amount, try fields.money(c, .cost), field: c, role: .cost, fields: fields)
                } else if let u = unitCostColumn {
                    var cost = try fields.money(u, .unitCost)
                    if costIsPerUnit { cost = try product(quantity, cost, field: u, role: .unitCost, fields: &fields) }
                    lineProfit = try subtract(amount, cost, field: u, role: .unitCost, fields: fields)
                } else if let p = profitColumn {
                    lineProfit = try fields.money(p, .profit)
                }
                if let o = orderColumn { try fields.checkField(o, .order) }
                try fields.commitRow()

                // Everything is read and valid: queue the row for its customer lookup.
                let keyStart = batchBytes.count
                let (prefix, hash) = reader.withField(customerColumn) { p, n in
                    let id = TransactionLoader.trimmed(p, n)
                    batchBytes.append(contentsOf: UnsafeBufferPointer(start: p + id.lowerBound, count: id.count))
                    let prefix = ByteInternTable.prefix(p + id.lowerBound, id.count)
                    return (prefix, ByteInternTable.hash(prefix, p + id.lowerBound, id.count))
                }
                let keyEnd = batchBytes.count
                if let o = orderColumn {
                    reader.withField(o) { p, n in batchBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
                }
                batch.append(PendingRow(
                    prefix: prefix, hash: hash, key: keyStart..<keyEnd, order: keyEnd..<batchBytes.count,
                    amount: amount, profit: lineProfit, date: date, line: reader.recordLine,
                    column: reader.column(ofField: amountColumn ?? priceColumn!)))
                if batch.count == Self.batchSize { try flush() }
            } catch let error as DataError where options.lenient {
                fields.discardRow()
                chunk.skippedBad += 1
                if chunk.badRowExamples.count < 5 { chunk.badRowExamples.append(error) }
            } catch {
                try flush()  // an earlier row's error comes first
                throw error
            }
        }
        try flush()
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

    private func subtract(_ a: Int64, _ b: Int64, field: Int, role: ColumnRole, fields: FieldReader) throws -> Int64 {
        let (r, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw fields.error(field: field, role: role, expected: "a cost that fits") }
        return r
    }
}
