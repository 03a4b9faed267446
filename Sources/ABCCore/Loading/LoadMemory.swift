/// What a load will hold in memory at its peak, reckoned from the loader's own layout (the
/// widths of its columns, the size of its customer tables, the arrays the aggregation makes),
/// so the estimate follows the layout when it changes (docs/input.md#memory).
///
/// A load is checked three times against `LoadOptions.memoryBudget`: before its rows, from
/// the file's size and the length of its first records (plain files); as it goes, from what
/// its parts hold (every source, and the only check for pipes and gzip, whose size is not
/// known); and before the aggregation, from the rows and customers it found. A refusal is a
/// `DataError` saying what it needs and what is available, and the session keeps its dataset.
struct LoadMemory {
    /// Bytes of file per customer assumed before a load has seen them: the 10m benchmark's
    /// ten 32-byte rows a customer. A file with more customers than that is caught as it goes.
    static let bytesPerCustomer = 320
    /// The id length assumed before any id is read (`C0007881` and its like).
    static let typicalIDBytes = 10

    /// Bytes of one kept transaction row: customer index, date, amount, profit and order
    /// pair in their narrow widths, and each attribute's value index.
    let rowBytes: Int
    /// Bytes per customer of the aggregation after the rows are read: the figures read out of
    /// the slots in id order (revenue, profit, positive rows, first and last date; they become
    /// the metrics), the sort keys and order, the sorted ids (offsets; the id bytes are counted
    /// apart), the new numbering, and each part's first and last dates when slash dates are
    /// settled after reading.
    let customerBytes: Int
    /// Parts parsed at once, each with its own customer table and read buffer.
    let parts: Int

    init(plan: ColumnPlan, parts: Int) {
        var row = MemoryLayout<UInt32>.stride + DateColumn.narrowBytes + MoneyColumn.narrowBytes
        let hasProfit = plan.index[.cost] != nil || plan.index[.unitCost] != nil || plan.index[.profit] != nil
        if hasProfit { row += MoneyColumn.narrowBytes }
        // The order id's key while parsing (`OrderKeys`); its pair number after.
        if plan.index[.order] != nil { row += MemoryLayout<UInt64>.stride }
        row += plan.attributeColumns.count * MemoryLayout<UInt16>.stride
        rowBytes = row
        let int64 = MemoryLayout<Int64>.stride, int32 = MemoryLayout<Int32>.stride, index = MemoryLayout<UInt32>.stride
        let figures = 3 * int64 + 2 * int32, sortKeys = int64 + index, ids = index, renumbering = index
        let settling = 2 * int32  // per part
        customerBytes = figures + sortKeys + ids + renumbering + parts * settling
        self.parts = parts
    }

    /// The read buffers: each part's reader and the first file's.
    var bufferBytes: Int { (parts + 1) * RecordReader.blockSize }

    /// The peak of a load of `rows` rows and `customers` customers whose ids average
    /// `idBytes`, read in `parts` parts of `partBytes` each.
    func peak(rows: Int, customers: Int, idBytes: Int, partBytes: Int?) -> Int {
        let table = CustomerTable.slotBytes(capacity: TransactionChunk.customerCapacity(expectedBytes: partBytes))
        let keys = customers * (idBytes + MemoryLayout<UInt32>.stride)
        return rows * rowBytes + parts * table + keys + customers * customerBytes + bufferBytes
    }

    /// The estimate before any row is read: rows from the average length of the first
    /// records, customers as `bytesPerCustomer` assumes (at most one per row).
    func estimate(fileBytes: Int, averageRecordBytes: Double, idBytes: Int) -> Int {
        let rows = Int(Double(fileBytes) / max(1, averageRecordBytes))
        let customers = min(rows, fileBytes / Self.bytesPerCustomer)
        return peak(rows: rows, customers: customers, idBytes: idBytes, partBytes: fileBytes / max(1, parts))
    }

    /// What the aggregation will hold at its peak, now that the rows and customers are known
    /// (`merged` holds every part's rows and the customers of all).
    func beforeAggregation(_ merged: TransactionChunk) -> Int {
        let rows = merged.segments.reduce(0) { $0 + $1.count }
        // Tables kept apart (the parts of one file) hold mostly the same customers: the
        // largest of them counts them.
        let tables = [merged.customers] + merged.laterTables
        let keys = tables.reduce(0) { $0 + $1.usedBytes }
        let customers = tables.map(\.count).max() ?? 0
        return rows * rowBytes + keys + merged.orderKeys.store.count + customers * customerBytes + bufferBytes
    }

    /// Refuses a load whose `need` is more than `budget`.
    static func check(_ need: Int, budget: Int?, atLeast: Bool = false) throws(DataError) {
        guard let budget, need > budget else { return }
        throw DataError(
            "not enough memory for this load: it needs \(atLeast ? "more than" : "about") \(Self.format(need)), "
                + "\(Self.format(max(0, budget))) available; --memory-limit overrides (load … --memory-limit \(Self.limitWords(need)))")
    }

    /// A `--memory-limit` value above `need`: whole GiB from 1 GiB, else the next 100 MiB.
    static func limitWords(_ need: Int) -> String {
        let gib = 1 << 30, step = 100 << 20
        if need >= gib - step { return "\(need / gib + 1)G" }
        return "\((need / step + 1) * 100)M"
    }

    /// A summary's peak: per customer its id, the interned key table and its metrics.
    static func summaryPeak(rows: Int, idBytes: Int, attributes: Int) -> Int {
        let int64 = MemoryLayout<Int64>.stride, int32 = MemoryLayout<Int32>.stride, index = MemoryLayout<UInt32>.stride
        let table = 2 * 2 * MemoryLayout<UInt64>.stride  // two words a slot, at most half full
        let perRow = idBytes + index + table + 3 * int64 + 2 * int32 + attributes * MemoryLayout<UInt16>.stride + index
        let sorted = idBytes + index + int64 + index  // ids in order, sort keys, new numbering (the metrics move)
        return rows * (perRow + sorted) + 2 * RecordReader.blockSize
    }

    /// `4.4 GB`, `352 MB`: decimal units, as the figures people compare with.
    static func format(_ bytes: Int) -> String {
        if bytes >= 1_000_000_000 {
            let tenths = (bytes + 50_000_000) / 100_000_000
            return "\(tenths / 10).\(tenths % 10) GB"
        }
        if bytes >= 1_000_000 { return "\((bytes + 500_000) / 1_000_000) MB" }
        return "\((bytes + 500) / 1000) kB"
    }
}
