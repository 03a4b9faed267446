/// Reads a customer summary (one row per customer) into metrics; a load of several files
/// reads them one after the other into the same customers, as one file would be read.
struct SummaryLoader {
    let files: [DataFile]
    /// The first file, opened: its header made the plan.
    let first: OpenedFile
    let plan: ColumnPlan
    let options: LoadOptions
    var report: LoadReport

    private var customers = ByteInternTable()
    private var revenue: [Int64] = [], profit: [Int64] = [], orders: [Int64] = []
    private var firstDates: [Int32] = [], lastDates: [Int32] = []
    /// Repeated customers whose dates await the day/month decision: merged after it.
    private var pendingMerges: [(customer: Int, first: Int32, last: Int32)] = []
    private var evidence = DateEvidence()
    private var roundedValues = 0
    private var hasSubCentValues = false
    /// Attribute values of the used rows, and each such row's customer.
    private var attributes: AttributeValues
    private var attributeRows: [[UInt16]]
    private var rowCustomer: [UInt32] = []

    init(files: [DataFile], first: OpenedFile, plan: ColumnPlan, options: LoadOptions, report: LoadReport) {
        self.files = files
        self.first = first
        self.plan = plan
        self.options = options
        self.report = report
        attributes = AttributeValues(columns: plan.attributeColumns)
        attributeRows = plan.attributeColumns.map { _ in [] }
    }

    mutating func run() throws -> Dataset {
        evidence.severalFiles = files.count > 1
        if files.count == 1, first.source.isSeekable, let average = first.averageRecordBytes {
            let rows = Int(Double(first.source.fileSize) / max(1, average))
            try LoadMemory.check(
                LoadMemory.summaryPeak(rows: rows, idBytes: LoadMemory.typicalIDBytes, attributes: plan.attributeColumns.count),
                budget: options.memoryBudget)
        }
        for index in files.indices {
            let file = index == 0 ? first : try OpenedFile(files[index], index: index, options: options.forFile(index, of: files.count))
            if index > 0 { try file.checkSameLayout(as: first) }
            let (read, skipped) = (report.rowsRead, report.skippedBad + report.skippedNoCustomer)
            // The dates read so far go on into this file, as they would in one file.
            var fields = FieldReader(reader: file.reader, plan: plan, options: options, fileIndex: index)
            fields.evidence = evidence
            do {
                try readRows(file.reader, &fields)
            } catch let error as DataError {
                throw file.reader.explainingDamage(error)
            }
            roundedValues += fields.roundedValues
            hasSubCentValues = hasSubCentValues || fields.hasSubCentValues
            evidence = fields.evidence
            let fileRead = report.rowsRead - read
            report.files.append(LoadReport.FileRows(
                name: file.name, rowsRead: fileRead,
                rowsUsed: fileRead - (report.skippedBad + report.skippedNoCustomer - skipped)))
        }
        return try finish()
    }

    private mutating func readRows(_ reader: RecordReader, _ fields: inout FieldReader) throws {
        guard let customerColumn = plan.index[.customer] else { preconditionFailure("the plan has a customer column") }
        let profitColumn = plan.index[.profit]
        let costColumn = plan.index[.cost]
        let ordersColumn = plan.index[.orders]
        let firstColumn = plan.index[.firstPurchase]
        let lastColumn = plan.index[.lastPurchase]

        while try reader.next() {
            if reader.isBlankRecord {
                report.blankLines += 1
                continue
            }
            report.rowsRead += 1
            if report.rowsRead & 0xFFFF == 0, options.memoryBudget != nil {
                let idBytes = customers.count > 0 ? customers.arena.count / customers.count : LoadMemory.typicalIDBytes
                try LoadMemory.check(
                    LoadMemory.summaryPeak(rows: report.rowsRead, idBytes: idBytes, attributes: plan.attributeColumns.count),
                    budget: options.memoryBudget, atLeast: true)
            }
            do {
                try fields.checkField(customerColumn, .customer)
                if reader.isBlank(field: customerColumn) {
                    report.skippedNoCustomer += 1
                    if let revenue = fields.revenueOfSkippedRow(columns: plan.revenueColumns, quantity: nil, unitPrice: nil) {
                        report.noCustomerRevenue += Int128(revenue)
                    } else {
                        report.noCustomerUnreadable += 1
                    }
                    continue
                }
                var rowRevenue: Int64 = 0
                for column in plan.revenueColumns {
                    let (sum, overflow) = rowRevenue.addingReportingOverflow(try fields.money(column, .revenue))
                    if overflow { throw fields.error(field: column, role: .revenue, expected: "a revenue that fits") }
                    rowRevenue = sum
                }
                var rowProfit: Int64 = 0
                if let p = profitColumn {
                    rowProfit = try fields.money(p, .profit)
                } else if let c = costColumn {
                    let (diff, overflow) = rowRevenue.subtractingReportingOverflow(try fields.money(c, .cost))
                    if overflow { throw fields.error(field: c, role: .cost, expected: "a cost that fits") }
                    rowProfit = diff
                }
                let rowOrders = try ordersColumn.map { try fields.count($0, .orders) } ?? 0
                let rowFirst = try firstColumn.map { try fields.date($0, .firstPurchase) } ?? 0
                let rowLast = try lastColumn.map { try fields.date($0, .lastPurchase) } ?? 0
                try fields.checkNoExtraFields()
                try fields.commitRow()

                let customer = Int(reader.withTrimmedField(customerColumn) { customers.intern($0, $1) })
                if !attributes.isEmpty {
                    rowCustomer.append(UInt32(customer))
                    for (k, column) in plan.attributeColumns.enumerated() {
                        attributeRows[k].append(column < reader.fieldCount
                            ? reader.withTrimmedField(column) { attributes.index(k, of: $0, $1) } : AttributeValues.empty)
                    }
                }
                if customer == revenue.count {
                    revenue.append(rowRevenue)
                    profit.append(rowProfit)
                    orders.append(rowOrders)
                    firstDates.append(rowFirst)
                    lastDates.append(rowLast)
                } else {
                    // The same customer twice: merge the rows.
                    report.mergedDuplicateCustomers += 1
                    let (r, o1) = revenue[customer].addingReportingOverflow(rowRevenue)
                    let (p, o2) = profit[customer].addingReportingOverflow(rowProfit)
                    if o1 || o2 {
                        throw DataError("the sum for customer '\(reader.text(ofField: customerColumn))' overflows",
                                        at: reader.location(ofField: customerColumn))
                    }
                    revenue[customer] = r
                    profit[customer] = p
                    orders[customer] += rowOrders
                    let flag = FieldReader.slashFlag
                    if (firstDates[customer] | rowFirst | lastDates[customer] | rowLast) & flag != 0 {
                        pendingMerges.append((customer, rowFirst, rowLast))
                    } else {
                        firstDates[customer] = min(firstDates[customer], rowFirst)
                        lastDates[customer] = max(lastDates[customer], rowLast)
                    }
                }
            } catch let error as DataError where options.lenient {
                fields.discardRow()
                report.skippedBad += 1
                if report.badRowExamples.count < 5 { report.badRowExamples.append(error) }
            }
        }
    }

    private mutating func finish() throws -> Dataset {
        let profitColumn = plan.index[.profit]
        let costColumn = plan.index[.cost]
        let ordersColumn = plan.index[.orders]
        let firstColumn = plan.index[.firstPurchase]
        let lastColumn = plan.index[.lastPurchase]
        let hasProfit = profitColumn != nil || costColumn != nil
        var first = firstDates, last = lastDates
        report.rowsUsed = report.rowsRead - report.skippedBad - report.skippedNoCustomer
        report.roundedValues = roundedValues
        guard !revenue.isEmpty else { throw DataError("no usable rows in '\(report.file)': every row was skipped") }
        let order = try evidence.order(given: options.dateOrder)
        if let order {
            FieldReader.resolve(&first, order: order)
            FieldReader.resolve(&last, order: order)
            report.assumptions.append(evidence.assumption(order))
        }
        for merge in pendingMerges {
            let f = order.map { FieldReader.resolve(merge.first, order: $0) } ?? merge.first
            let l = order.map { FieldReader.resolve(merge.last, order: $0) } ?? merge.last
            first[merge.customer] = min(first[merge.customer], f)
            last[merge.customer] = max(last[merge.customer], l)
        }

        let keys = customers.takeKeys()
        let (ids, newIndex) = CustomerIDs.sorted(arena: keys.arena, offsets: keys.offsets)
        func permuted<T>(_ values: [T]) -> [T] { CustomerIDs.permuted(values, newIndex) }
        let hasDates = firstColumn != nil && lastColumn != nil
        var reference: Int32?
        if lastColumn != nil { reference = last.max() }
        if hasDates {
            report.firstDate = first.min()
            report.lastDate = reference
        }
        var missing: [String] = []
        if !hasProfit { missing.append("cost or profit") }
        if ordersColumn == nil { missing.append("orders") }
        if firstColumn == nil { missing.append("first purchase") }
        if lastColumn == nil { missing.append("last purchase") }
        if !missing.isEmpty {
            report.assumptions.append(
                "customer summary without \(missing.joined(separator: ", ")): the metrics needing them are absent")
        }
        let metrics = CustomerMetrics(
            revenue: permuted(revenue),
            profit: hasProfit ? permuted(profit) : nil,
            orders: ordersColumn != nil ? permuted(orders) : nil,
            first: firstColumn != nil ? permuted(first) : nil,
            last: lastColumn != nil ? permuted(last) : nil,
            referenceDate: reference)
        let kept = attributes.finish(
            header: plan.header, customers: ids.count, customerOfRows: [rowCustomer.map { newIndex[Int($0)] }],
            valuesOfRows: [attributeRows], numbers: plan.numberParser(separator: self.first.separator))
        report.attributes = kept.kept.map { ($0.name, $0.values.count) }
        report.droppedAttributes = kept.dropped
        report.assumptions += kept.notes
        return Dataset(
            name: report.file, kind: .customers, customerIDs: ids, transactions: nil,
            metrics: metrics, moneyDecimals: hasSubCentValues ? 4 : 2, attributes: kept.kept, report: report)
    }
}
