import Dispatch

/// Reads the rows of one or more transactions files into columns and per-customer sums.
///
/// A large plain file is cut at line breaks into one part per core; each part is parsed on
/// its own thread into a `TransactionChunk` with its own id table, and the chunks are merged
/// in file order. Quoted fields with line breaks could straddle a cut, so a file that has
/// them is parsed again in one piece. Smaller files of a load of several are read a few at a
/// time, one per thread, and merged the same way, file after file: the result is the one a
/// single file holding all their rows would give.
struct TransactionLoader {
    let files: [DataFile]
    /// The first file, opened: its header made the plan.
    let first: OpenedFile
    let plan: ColumnPlan
    let options: LoadOptions
    var report: LoadReport

    /// Below this many bytes one thread is faster than two.
    static let parallelThreshold = 1 << 23

    private var workers: Int { min(8, max(1, options.threads ?? System.activeProcessorCount)) }

    /// The load's memory reckoning, with one part per worker.
    private var memory: LoadMemory { LoadMemory(plan: plan, parts: workers) }

    func run() throws -> Dataset {
        // Plain single files are reckoned before any row; the rest as they go (`LoadMemory`).
        if files.count == 1, first.source.isSeekable, let average = first.averageRecordBytes {
            let need = memory.estimate(
                fileBytes: first.source.fileSize, averageRecordBytes: average, idBytes: LoadMemory.typicalIDBytes)
            try LoadMemory.check(need, budget: options.memoryBudget)
        }
        var clock = Stopwatch()
        var parseTime = 0.0, mergeTime = 0.0
        var merged: TransactionChunk?
        var fileRows: [LoadReport.FileRows] = []
        var head: OpenedFile? = first
        var nextIndex = 1
        while let batchHead = head {
            // A large plain file is read alone, in parts; smaller files a few at once.
            var batch = [batchHead]
            head = nil
            if partition(batchHead).isEmpty {
                while batch.count < workers && nextIndex < files.count {
                    let file = try open(nextIndex)
                    nextIndex += 1
                    if !partition(file).isEmpty {
                        head = file
                        break
                    }
                    file.reader.progress = nil  // the batch's first file reports for it
                    batch.append(file)
                }
            }
            if head == nil && nextIndex < files.count {
                head = try open(nextIndex)
                nextIndex += 1
            }
            var perFile = batch.count == 1 ? [try read(batchHead)] : readAtOnce(batch)
            parseTime += clock.lap()
            for (f, file) in batch.enumerated() {
                // Taken out of `perFile`, and each chunk out of `chunks` below, so their columns
                // stay uniquely referenced: renumbering them then rewrites them in place instead
                // of copying (measured: a copy of every customer column, ~8% of a 10m load).
                var chunks: [TransactionChunk] = []
                swap(&chunks, &perFile[f])
                for chunk in chunks where chunk.interrupted { throw Interrupted() }
                // The first error in file order stops the load.
                for chunk in chunks {
                    if let error = chunk.error { throw chunk.shifted(error) }
                }
                fileRows.append(LoadReport.FileRows(
                    name: file.name, rowsRead: chunks.reduce(0) { $0 + $1.rowsRead },
                    rowsUsed: chunks.reduce(0) { $0 + $1.segments.reduce(0) { $0 + $1.count } }))
                while !chunks.isEmpty {
                    var chunk = chunks.removeFirst()
                    // Lines counted from the start of the file, sightings of dates by file.
                    chunk.badRowExamples = chunk.badRowExamples.map(chunk.shifted)
                    chunk.evidence = chunk.evidence.shifted(by: chunk.lineOffset)
                    if files.count > 1 { chunk.evidence = chunk.evidence.inFile(file.index) }
                    chunk.lineOffset = 0
                    if merged == nil {
                        merged = chunk
                    } else {
                        // The parts of a single file keep their tables to be merged as the ids are sorted.
                        try merged?.absorb(&chunk, keepingCustomers: files.count == 1 && plan.index[.order] == nil)
                    }
                }
            }
            mergeTime += clock.lap()
        }
        // Taken out of the optional and handed over, so the chunk's columns and tables have one
        // owner: renumbering rewrites the columns in place, and a table freed there is freed.
        guard var whole = merged.take() else { preconditionFailure("a load reads at least one file") }
        try LoadMemory.check(memory.beforeAggregation(whole), budget: options.memoryBudget)
        var report = self.report
        report.files = fileRows
        var dataset = try finish(&whole, report: report)
        dataset.report.timings = [("read+parse", parseTime), ("merge parts", mergeTime), ("aggregate", clock.lap())]
        return dataset
    }

    /// Opens a later file of the load and checks it has the first file's layout.
    private func open(_ index: Int) throws -> OpenedFile {
        let file = try OpenedFile(files[index], index: index, options: options.forFile(index, of: files.count))
        try file.checkSameLayout(as: first)
        return file
    }

    /// Files read whole, each on its own thread: the chunks of each, in order.
    private func readAtOnce(_ batch: [OpenedFile]) -> [[TransactionChunk]] {
        let plan = self.plan, options = self.options
        var results = [TransactionChunk?](repeating: nil, count: batch.count)
        // Worker i uses only reader i and writes only slot i: disjoint, no race.
        nonisolated(unsafe) let readers = batch.map(\.reader)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: readers.count) { i in
                slots[i] = TransactionChunkReader(
                    reader: readers[i], plan: plan, options: options, parallel: false, parts: readers.count).read()
            }
        }
        return results.enumerated().map { i, chunk in
            guard let chunk else { preconditionFailure("file \(i) of the batch was not read") }
            return [chunk]
        }
    }

    /// The rows of one file: in parts on several threads when it is large and plain, else
    /// on this thread.
    private func read(_ file: OpenedFile) throws -> [TransactionChunk] {
        let reader = file.reader
        let parts = partition(file)
        if parts.count <= 1 {
            return [TransactionChunkReader(reader: reader, plan: plan, options: options, parallel: false, parts: 1).read()]
        }
        let separator = reader.scanner.separator
        let name = reader.name
        let plan = self.plan, options = self.options, source = file.source
        let progress = reader.progress
        let partCount = parts.count
        var results = [TransactionChunk?](repeating: nil, count: partCount)
        results.withUnsafeMutableBufferPointer { buffer in
            // Worker i writes only slot i of this buffer, taken once outside the loop: disjoint memory, no race.
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: partCount) { i in
                var partOptions = options
                partOptions.progress = i == 0 ? progress : nil
                let partReader = RecordReader(
                    source: source, name: name, separator: separator, options: partOptions,
                    range: parts[i], firstLine: 1)
                slots[i] = TransactionChunkReader(
                    reader: partReader, plan: plan, options: partOptions, parallel: true, parts: partCount).read()
            }
        }
        var chunks: [TransactionChunk] = []
        chunks.reserveCapacity(partCount)
        for i in 0..<partCount {
            guard let chunk = results[i].take() else { preconditionFailure("part \(i) was not read") }
            chunks.append(chunk)
        }
        if chunks.contains(where: \.needsSequential) {
            // A quoted field spans lines: cut points may be inside one. Read it in one piece.
            var wholeOptions = options
            wholeOptions.progress = progress
            let whole = RecordReader(
                source: source, name: name, separator: separator, options: wholeOptions,
                range: parts[0].lowerBound..<parts[parts.count - 1].upperBound, firstLine: 1)
            chunks = [TransactionChunkReader(reader: whole, plan: plan, options: options, parallel: false, parts: 1).read()]
            chunks[0].lineOffset = reader.nextLine - 1
        } else {
            var line = reader.nextLine - 1
            for i in chunks.indices {
                chunks[i].lineOffset = line
                line += chunks[i].linesConsumed
            }
        }
        return chunks
    }

    /// Byte ranges of a file's data after the header, cut after line breaks: one per core
    /// for a large plain file, none (read on) otherwise.
    private func partition(_ file: OpenedFile) -> [Range<Int>] {
        let source = file.source
        let start = file.reader.offset
        let size = source.fileSize
        guard source.isSeekable, size - start >= Self.parallelThreshold else { return [] }
        let workers = self.workers
        guard workers > 1 else { return [] }
        var cuts = [start]
        let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { probe.deallocate() }
        for w in 1..<workers {
            var at = start + (size - start) * w / workers
            var found = false
            while at < size && !found {
                guard let n = try? source.read(into: probe, count: 1 << 16, at: at), n > 0 else { break }
                if let i = (0..<n).first(where: { probe[$0] == 0x0a }) {
                    at += i + 1
                    found = true
                } else {
                    at += n
                }
            }
            if found, let last = cuts.last, at > last && at < size { cuts.append(at) }
        }
        cuts.append(size)
        return (0..<cuts.count - 1).map { cuts[$0]..<cuts[$0 + 1] }
    }

    /// Settles dates, numbers customers in id order, and computes the metrics.
    /// (`chunk` is emptied as its parts are used.)
    private func finish(_ chunk: inout TransactionChunk, report: LoadReport) throws -> Dataset {
        var report = report
        report.rowsRead = chunk.rowsRead
        report.blankLines += chunk.blankLines
        report.skippedNoCustomer = chunk.skippedNoCustomer
        report.noCustomerRevenue = chunk.noCustomerRevenue
        report.noCustomerUnreadable = chunk.noCustomerUnreadable
        report.skippedBad = chunk.skippedBad
        report.badRowExamples = Array(chunk.badRowExamples.prefix(5))
        report.returns = chunk.returns
        report.zeroAmounts = chunk.zeroAmounts
        report.roundedValues = chunk.roundedValues
        report.rowsUsed = chunk.segments.reduce(0) { $0 + $1.count }
        guard report.rowsUsed > 0 else {
            throw DataError(report.rowsRead == 0
                ? (files.count == 1 ? "'\(report.file)' has a header but no rows"
                    : "the \(files.count) files of '\(report.file)' have headers but no rows")
                : "no usable rows in '\(report.file)': every row was skipped")
        }
        // Slash dates are settled now: the first and last dates gathered while reading were of
        // their unsettled form, and are gathered again from the rows below.
        let datesSettledNow: Bool
        if let order = try chunk.evidence.order(given: options.dateOrder) {
            for s in chunk.segments.indices {
                chunk.segments[s].date.update { FieldReader.resolve($0, order: order) }
            }
            report.assumptions.append(chunk.evidence.assumption(order))
            datesSettledNow = true
        } else {
            datesSettledNow = false
        }

        // Orders first: their keys go before the aggregation's arrays are made.
        var pairCustomer: [UInt32] = [], ordersByIndex: [Int64] = []
        if chunk.hasOrders {
            let keys = chunk.orderKeys
            chunk.orderKeys = OrderKeys()
            (pairCustomer, ordersByIndex) = OrderPairs.assign(
                &chunk.segments, keys: keys, customers: chunk.customers.count, threads: workers)
        }

        // Renumber customers into id byte order: the ids of every table sorted together and
        // each customer's figures summed over the tables, in one pass (`CustomerSort`).
        let merged = try CustomerSort.merge([chunk.customers] + chunk.laterTables)
        chunk.customers = CustomerTable(capacity: 16)  // the slots are freed here
        chunk.laterTables = []
        let (ids, maps, figures) = (merged.ids, merged.places, merged.figures)
        let n = ids.count
        let newIndex = maps[0]
        func permuted<T>(_ values: [T]) -> [T] {
            var out = values
            for (old, new) in newIndex.enumerated() { out[Int(new)] = values[old] }
            return out
        }
        // One pass over the rows, a thread per segment: new customer numbers (and first and last
        // dates, when slash dates were settled after reading).
        var segments = chunk.segments
        chunk.segments = []
        var first = figures.first, last = figures.last
        let mapOfSegment = chunk.tableOfSegment.map { maps[$0] }
        if datesSettledNow {
            (first, last) = Self.renumber(&segments, maps: mapOfSegment, customers: n)
        } else {
            Self.renumber(&segments, maps: mapOfSegment)
        }
        let revenue = figures.revenue
        let profit = figures.profit
        // The rows with a positive amount: the orders when there is no order column.
        var orders = figures.positive
        if chunk.hasOrders {
            orders = permuted(ordersByIndex)
            for i in pairCustomer.indices { pairCustomer[i] = newIndex[Int(pairCustomer[i])] }
        }
        let reference = last.max()!
        report.firstDate = first.min()
        report.lastDate = reference

        let hasProfit = chunk.hasProfit
        let amountColumn = plan.index[.amount]
        let costIsPerUnit = plan.index[.profit] == nil && plan.index[.cost] == nil && plan.index[.unitCost] != nil
            && plan.index[.quantity] != nil
        report.columns = report.columns.filter { role, _ in
            switch role {
            case .quantity: return amountColumn == nil || costIsPerUnit
            case .unitPrice: return amountColumn == nil
            case .cost, .unitCost: return plan.index[.profit] == nil
            default: return true
            }
        }
        if !hasProfit {
            report.assumptions.append("no cost or profit column: profit and margin are not available")
        }
        let metrics = CustomerMetrics(
            revenue: revenue, profit: hasProfit ? profit : nil, orders: orders,
            first: first, last: last, referenceDate: reference)
        let attributes = chunk.attributes.finish(
            header: plan.header, customers: n, customerOfRows: segments.map(\.customer),
            valuesOfRows: segments.map(\.attributes), numbers: plan.numberParser(separator: self.first.separator))
        for s in segments.indices { segments[s].attributes = [] }
        report.attributes = attributes.kept.map { ($0.name, $0.values.count) }
        report.droppedAttributes = attributes.dropped
        report.assumptions += attributes.notes
        let columns = TransactionColumns(
            segments: segments, orderPairCount: pairCustomer.count, pairCustomer: pairCustomer)
        return Dataset(
            name: report.file, kind: .transactions, customerIDs: ids, transactions: columns,
            metrics: metrics, moneyDecimals: chunk.hasSubCentValues ? 4 : 2, attributes: attributes.kept,
            report: report)
    }

    /// Renumbers the rows' customers, segment s by `maps[s]`, segments in parallel.
    static func renumber(_ segments: inout [TransactionColumns.Segment], maps: [[UInt32]]) {
        forEachSegment(&segments) { s, segment in
            maps[s].withUnsafeBufferPointer { map in
                segment.customer.withUnsafeMutableBufferPointer { customers in
                    for i in 0..<customers.count { customers[i] = map[Int(customers[i])] }
                }
            }
        }
    }

    /// Renumbers the rows' customers and gathers each customer's first and last date; segments
    /// are done in parallel, each into its own arrays, then combined.
    static func renumber(
        _ segments: inout [TransactionColumns.Segment], maps: [[UInt32]], customers n: Int
    ) -> (first: [Int32], last: [Int32]) {
        let partials = forEachSegment(&segments) { s, segment in
            var first = [Int32](repeating: .max, count: n)
            var last = [Int32](repeating: .min, count: n)
            maps[s].withUnsafeBufferPointer { map in
                first.withUnsafeMutableBufferPointer { first in
                    last.withUnsafeMutableBufferPointer { last in
                        segment.customer.withUnsafeMutableBufferPointer { customers in
                            segment.date.withValues { date in
                                for i in 0..<customers.count {
                                    let c = Int(map[Int(customers[i])])
                                    customers[i] = UInt32(c)
                                    let d = date(i)
                                    if d < first[c] { first[c] = d }
                                    if d > last[c] { last[c] = d }
                                }
                            }
                        }
                    }
                }
            }
            return (first, last)
        }
        var (first, last) = partials[0]
        for p in partials.dropFirst() {
            for c in 0..<n {
                first[c] = min(first[c], p.0[c])
                last[c] = max(last[c], p.1[c])
            }
        }
        return (first, last)
    }

    /// Runs `body` on every segment, a thread each, and returns what each gave, in order.
    @discardableResult
    private static func forEachSegment<T>(
        _ segments: inout [TransactionColumns.Segment], _ body: (Int, inout TransactionColumns.Segment) -> T
    ) -> [T] {
        var results = [T?](repeating: nil, count: segments.count)
        segments.withUnsafeMutableBufferPointer { segmentBuffer in
            results.withUnsafeMutableBufferPointer { resultBuffer in
                // Worker s touches only element s of both buffers, taken once outside the loop: disjoint memory, no race.
                nonisolated(unsafe) let work = segmentBuffer, slots = resultBuffer
                withoutActuallyEscaping(body) { body in
                    nonisolated(unsafe) let body = body
                    DispatchQueue.concurrentPerform(iterations: work.count) { s in
                        var segment = TransactionColumns.Segment.empty
                        swap(&segment, &work[s])  // keep the arrays uniquely referenced: no copy
                        slots[s] = body(s, &segment)
                        swap(&segment, &work[s])
                    }
                }
            }
        }
        return results.enumerated().map { s, result in
            guard let result else { preconditionFailure("segment \(s) was not done") }
            return result
        }
    }

}

/// The machine, as far as the loader cares.
enum System {
    static var activeProcessorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
