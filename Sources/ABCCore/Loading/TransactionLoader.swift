/// Reads the rows of a transactions file into columns and per-customer sums.
struct TransactionLoader {
    let reader: RecordReader
    let plan: ColumnPlan
    let options: LoadOptions
    var report: LoadReport
    var fields: FieldReader

    init(reader: RecordReader, plan: ColumnPlan, options: LoadOptions, report: LoadReport) {
        self.reader = reader
        self.plan = plan
        self.options = options
        self.report = report
        fields = FieldReader(reader: reader, plan: plan, options: options)
    }

    mutating func run() throws -> Dataset {
        let customerColumn = plan.index[.customer]!
        let dateColumn = plan.index[.date]!
        let amountColumn = plan.index[.amount]
        let quantityColumn = plan.index[.quantity]
        let priceColumn = plan.index[.unitPrice]
        let costColumn = plan.index[.cost]
        let unitCostColumn = plan.index[.unitCost]
        let profitColumn = plan.index[.profit]
        let orderColumn = plan.index[.order]
        let hasProfit = costColumn != nil || unitCostColumn != nil || profitColumn != nil
        // unit cost × quantity needs a quantity; without one it is taken as the line's cost.
        let costIsPerUnit = costColumn == nil && unitCostColumn != nil && quantityColumn != nil

        var customers = ByteInternTable()
        var pairs = ByteInternTable(capacity: orderColumn == nil ? 16 : 1 << 16)
        var pairKey: [UInt8] = []
        var txCustomer: [UInt32] = [], txDate: [Int32] = [], txAmount: [Int64] = []
        var txProfit: [Int64] = [], txPair: [UInt32] = []
        var revenue: [Int64] = [], profit: [Int64] = [], positiveRows: [Int64] = []
        var pairNet: [Int64] = [], pairCustomer: [UInt32] = []

        while try reader.next() {
            if reader.isBlankRecord {
                report.blankLines += 1
                continue
            }
            report.rowsRead += 1
            do {
                try fields.checkField(customerColumn, .customer)
                if reader.withField(customerColumn, { p, n in Self.trimmed(p, n).count == 0 }) {
                    report.skippedNoCustomer += 1
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
                    amount = try product(quantity, price, field: priceColumn!, role: .unitPrice)
                }
                var lineProfit: Int64 = 0
                if let c = costColumn {
                    lineProfit = try subtract(amount, try fields.money(c, .cost), field: c, role: .cost)
                } else if let u = unitCostColumn {
                    var cost = try fields.money(u, .unitCost)
                    if costIsPerUnit { cost = try product(quantity, cost, field: u, role: .unitCost) }
                    lineProfit = try subtract(amount, cost, field: u, role: .unitCost)
                } else if let p = profitColumn {
                    lineProfit = try fields.money(p, .profit)
                }
                var pair: UInt32 = 0
                let customer = reader.withField(customerColumn) { p, n in
                    let id = Self.trimmed(p, n)
                    return customers.intern(p + id.lowerBound, id.count)
                }
                if Int(customer) == revenue.count {
                    revenue.append(0)
                    profit.append(0)
                    positiveRows.append(0)
                }
                if let o = orderColumn {
                    try fields.checkField(o, .order)
                    pairKey.removeAll(keepingCapacity: true)
                    withUnsafeBytes(of: customer) { pairKey.append(contentsOf: $0) }
                    reader.withField(o) { p, n in pairKey.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
                    pair = pairKey.withUnsafeBufferPointer { pairs.intern($0.baseAddress!, $0.count) }
                    if Int(pair) == pairNet.count {
                        pairNet.append(0)
                        pairCustomer.append(customer)
                    }
                }
                // Everything parsed: commit the row.
                let c = Int(customer)
                let (r, overflow) = revenue[c].addingReportingOverflow(amount)
                let (p, overflow2) = profit[c].addingReportingOverflow(lineProfit)
                if overflow || overflow2 {
                    throw DataError(
                        "the sum for customer '\(reader.text(ofField: customerColumn))' overflows",
                        at: reader.location(ofField: amountColumn ?? priceColumn!))
                }
                revenue[c] = r
                profit[c] = p
                if amount > 0 { positiveRows[c] += 1 }
                if amount < 0 { report.returns += 1 }
                if amount == 0 { report.zeroAmounts += 1 }
                if orderColumn != nil {
                    pairNet[Int(pair)] &+= amount  // bounded by the customer's checked sums
                    txPair.append(pair)
                }
                txCustomer.append(customer)
                txDate.append(date)
                txAmount.append(amount)
                if hasProfit { txProfit.append(lineProfit) }
            } catch let error as DataError where options.lenient {
                report.skippedBad += 1
                if report.badRowExamples.count < 5 { report.badRowExamples.append(error) }
            }
        }

        report.rowsUsed = txCustomer.count
        report.roundedValues = fields.roundedValues
        guard !txCustomer.isEmpty else {
            throw DataError("no usable rows in '\(reader.name)': every row was skipped")
        }
        let order = try fields.slashOrder(given: options.dateOrder)
        if let order {
            FieldReader.resolve(&txDate, order: order)
            if let note = fields.orderAssumption(order, given: options.dateOrder) { report.assumptions.append(note) }
        }

        // Renumber customers into id byte order.
        let keys = customers.takeKeys()
        let (ids, newIndex) = CustomerIDs.sorted(arena: keys.arena, offsets: keys.offsets)
        let n = ids.count
        func permuted<T>(_ values: [T]) -> [T] {
            var out = values
            for (old, new) in newIndex.enumerated() { out[Int(new)] = values[old] }
            return out
        }
        for i in txCustomer.indices { txCustomer[i] = newIndex[Int(txCustomer[i])] }
        for i in pairCustomer.indices { pairCustomer[i] = newIndex[Int(pairCustomer[i])] }
        revenue = permuted(revenue)
        profit = permuted(profit)
        positiveRows = permuted(positiveRows)

        var first = [Int32](repeating: .max, count: n)
        var last = [Int32](repeating: .min, count: n)
        var reference = Int32.min
        var earliest = Int32.max
        for i in txCustomer.indices {
            let c = Int(txCustomer[i]), d = txDate[i]
            if d < first[c] { first[c] = d }
            if d > last[c] { last[c] = d }
        }
        for c in 0..<n {
            reference = max(reference, last[c])
            earliest = min(earliest, first[c])
        }
        var orders = positiveRows
        if orderColumn != nil {
            orders = [Int64](repeating: 0, count: n)
            for (pair, net) in pairNet.enumerated() where net > 0 { orders[Int(pairCustomer[pair])] += 1 }
        }
        report.firstDate = earliest
        report.lastDate = reference
        report.columns = report.columns.filter { role, _ in
            switch role {
            case .quantity: return amountColumn == nil || costIsPerUnit
            case .unitPrice: return amountColumn == nil
            default: return true
            }
        }
        if !hasProfit {
            report.assumptions.append(
                "no cost or profit column: profit and margin are not available; default criteria revenue 0.5/0.7, orders 0.2/0.7")
        }
        if orderColumn == nil {
            report.assumptions.append("no order column: each row with a positive amount is one order")
        }

        let metrics = CustomerMetrics(
            revenue: revenue, profit: hasProfit ? profit : nil, orders: orders,
            first: first, last: last, referenceDate: reference)
        let columns = TransactionColumns(
            customer: txCustomer, date: txDate, amount: txAmount, profit: hasProfit ? txProfit : nil,
            orderPair: orderColumn != nil ? txPair : nil, orderPairCount: pairNet.count)
        return Dataset(
            name: reader.name, kind: .transactions, customerIDs: ids, transactions: columns,
            metrics: metrics, moneyDecimals: fields.hasSubCentValues ? 4 : 2, report: report)
    }

    /// quantity × price, both in units, rounded half-even to units; overflow is an error.
    private mutating func product(_ quantity: Int64, _ price: Int64, field: Int, role: ColumnRole) throws -> Int64 {
        let exact = Int128(quantity) * Int128(price)
        let value = FixedPoint.divideRoundingHalfEven(exact, Int128(FixedPoint.scale))
        if exact % Int128(FixedPoint.scale) != 0 { fields.roundedValues += 1 }
        guard let result = Int64(exactly: value) else {
            throw fields.error(field: field, role: role, expected: "a quantity × price that fits")
        }
        if result % 100 != 0 { fields.hasSubCentValues = true }
        return result
    }

    private func subtract(_ a: Int64, _ b: Int64, field: Int, role: ColumnRole) throws -> Int64 {
        let (r, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw fields.error(field: field, role: role, expected: "a cost that fits") }
        return r
    }

    /// The id without surrounding blanks.
    @inline(__always)
    static func trimmed(_ p: UnsafePointer<UInt8>, _ n: Int) -> Range<Int> {
        var lo = 0, hi = n
        while lo < hi && (p[lo] == 0x20 || p[lo] == 0x09) { lo += 1 }
        while hi > lo && (p[hi - 1] == 0x20 || p[hi - 1] == 0x09) { hi -= 1 }
        return lo..<hi
    }
}
