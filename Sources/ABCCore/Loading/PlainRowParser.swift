import CSupport

/// The loader's fast path for the common export: one-line records without quotes, a
/// one-byte separator, and the columns a row needs read directly (customer, date, amount,
/// cost or profit, an order id, the attribute columns).
///
/// It parses the complete records at the front of the reader's buffer in place — fields
/// split 16 bytes at a time (`abc_split_plain_record`), ids looked up where they lie, no copy —
/// and stops at the first record it does not take whole: quotes, a field count other than the
/// header's, blanks around an id, an empty or unusual value, a slash date. The general path
/// (`TransactionChunkReader.readRows`) then reads that record with all its rules and messages,
/// and the fast path goes on after it. Every value it keeps is the one the general path would
/// keep, from the same parsers (`DateParser`, `NumberParser`); only the per-field indirection
/// and the copies are gone (the whole load of the 10m benchmark: see README "Benchmarks").
struct PlainRowParser {
    let separator: UInt8
    /// Fields a record must have: the header's.
    let fieldCount: Int
    let customer: Int
    let date: Int
    let amount: Int
    let cost: Int?
    let profit: Int?
    let order: Int?
    let attributes: [Int]

    /// The fast path for this plan, or nil when its rows need the general one (blank-run
    /// separators, amounts from quantity × price, per-unit costs).
    init?(plan: ColumnPlan, separator: UInt8?) {
        guard let separator, let customer = plan.index[.customer], let date = plan.index[.date], let amount = plan.index[.amount]
        else { return nil }
        let profit = plan.index[.profit], cost = plan.index[.cost]
        // Without a profit or cost column a unit cost is the line's cost or is per unit: general path.
        guard profit != nil || cost != nil || plan.index[.unitCost] == nil else { return nil }
        self.separator = separator
        fieldCount = plan.header.count
        self.customer = customer
        self.date = date
        self.amount = amount
        self.profit = profit
        self.cost = profit == nil ? cost : nil
        order = plan.index[.order]
        attributes = plan.attributeColumns
    }
}

extension TransactionChunkReader {
    /// Reads the plain records at the front of the reader's buffer into the chunk, in place,
    /// through `batch` (flushed before returning: the ids it holds point into the buffer),
    /// after the general path's rows queued in `earlier` (flushed first: rows keep file order).
    /// Returns when the next record is one for the general path, or is not complete in the buffer.
    func readPlainRecords(
        _ layout: PlainRowParser, into chunk: inout TransactionChunk, fields: inout FieldReader,
        batch: inout RowBatch, after earlier: inout RowBatch, columns: inout ColumnBuilder,
        dateCache: inout PlainDateCache
    ) throws {
        let (buffer, start, end) = reader.unread
        let fieldCount = layout.fieldCount
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount)
        defer { ends.deallocate() }
        let numbers = fields.numbers
        var position = start
        var records = 0
        let firstLine = reader.nextLine
        let maxRecordBytes = reader.maxRecordBytes
        // The bytes of field k: from one past the end of field k − 1 to its end.
        @inline(__always) func field(_ k: Int, _ recordStart: Int) -> Range<Int> {
            (k == 0 ? recordStart : ends[k - 1] + 1)..<ends[k]
        }
        // A value's rounding and sub-cent digits count only once its row is taken: a row left
        // to the general path is read again there.
        var rounded = 0
        var subCent = false
        @inline(__always) func money(_ range: Range<Int>) -> Int64? {
            let p = buffer + range.lowerBound, n = range.count
            if let v = numbers.plainValue(p, n) {
                if v % 100 != 0 { subCent = true }
                return v
            }
            guard case .value(let v, let wasRounded) = numbers.parse(p, n) else { return nil }
            if wasRounded { rounded += 1 }
            if v % 100 != 0 { subCent = true }
            return v
        }
        while position < end {
            rounded = 0
            subCent = false
            var count: Int32 = 0
            let next = buffer.withMemoryRebound(to: CUnsignedChar.self, capacity: end) {
                abc_split_plain_record($0, position, end, layout.separator, Int32(fieldCount), ends, &count)
            }
            // A record longer than the line size limit is refused by the general path.
            guard next > 0, Int(count) == fieldCount, next - position <= maxRecordBytes else { break }
            let id = field(layout.customer, position)
            guard !id.isEmpty, !Self.isBlank(buffer[id.lowerBound]), !Self.isBlank(buffer[id.upperBound - 1])
            else { break }
            guard let day = dateCache.day(buffer, field(layout.date, position)) else { break }
            let amountField = field(layout.amount, position)
            guard let amount = money(amountField) else { break }
            var lineProfit: Int64 = 0
            if let p = layout.profit {
                guard let value = money(field(p, position)) else { break }
                lineProfit = value
            } else if let c = layout.cost {
                guard let cost = money(field(c, position)) else { break }
                let (difference, overflow) = amount.subtractingReportingOverflow(cost)
                guard !overflow else { break }
                lineProfit = difference
            }
            let orderField = layout.order.map { field($0, position) } ?? 0..<0
            if records == 0 { try earlier.flush(into: &chunk, columns: &columns) }
            for (k, column) in layout.attributes.enumerated() {
                // Trimmed of spaces and tabs, as the general path's values are.
                var value = field(column, position)
                while !value.isEmpty && Self.isBlank(buffer[value.lowerBound]) { value = value.dropFirst() }
                while !value.isEmpty && Self.isBlank(buffer[value.upperBound - 1]) { value = value.dropLast() }
                batch.addAttribute(chunk.attributes.index(k, of: buffer + value.lowerBound, value.count))
            }
            chunk.rowsRead += 1
            fields.roundedValues += rounded
            if subCent { fields.hasSubCentValues = true }
            batch.addInPlace(
                buffer, key: id, order: orderField, amount: amount, profit: lineProfit, date: day,
                line: firstLine + records, column: amountField.lowerBound - position + 1, table: chunk.customers)
            records += 1
            position = next
            if batch.isFull {
                try batch.flush(into: &chunk, columns: &columns, keysIn: buffer, prefetched: true)
                if chunk.rowsRead >= chunk.nextMemoryCheck { try checkMemory(&chunk, columns) }
            }
        }
        try batch.flush(into: &chunk, columns: &columns, keysIn: buffer, prefetched: true)
        reader.skipParsed(to: position, records: records)
    }

    @inline(__always)
    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
}

/// The last unambiguous date read, by its bytes: exports come in date order, so most rows
/// repeat the previous row's date, which is then compared, not parsed. Used by both paths.
struct PlainDateCache {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count = -1
    private var value: Int32 = 0

    /// The field's outcome: the cached day when its bytes are the last date's, else parsed
    /// (and remembered when it is a day).
    @inline(__always)
    mutating func outcome(_ p: UnsafePointer<UInt8>, _ n: Int) -> DateParser.Outcome {
        guard n <= 16 else { return DateParser.parse(p, n) }
        let low = ByteInternTable.prefix(p, min(n, 8))
        let high = n > 8 ? ByteInternTable.prefix(p + 8, n - 8) : 0
        if n == count && low == self.low && high == self.high { return .day(value) }
        let outcome = DateParser.parse(p, n)
        if case .day(let d) = outcome { (self.low, self.high, count, value) = (low, high, n, d) }
        return outcome
    }

    /// The day of a date field, or nil when it is not a plain unambiguous date (the general
    /// path reads it: slash dates, blanks, errors).
    @inline(__always)
    mutating func day(_ buffer: UnsafePointer<UInt8>, _ range: Range<Int>) -> Int32? {
        guard !range.isEmpty, case .day(let d) = outcome(buffer + range.lowerBound, range.count) else { return nil }
        return d
    }
}
