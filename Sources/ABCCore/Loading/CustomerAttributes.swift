/// A text column of the data kept per customer (docs/input.md#attributes): its most frequent
/// non-empty value by row count, ties to the value first in byte order.
public struct CustomerAttribute: Sendable {
    /// Distinct values a column may have and still be an attribute (files and servers alike).
    public static let valueLimit = 1_000

    /// The column's header.
    public let name: String
    /// Its distinct values, in byte order.
    public let values: [String]
    /// Per customer, an index into `values`, or `CustomerAttribute.none`.
    public let valueOfCustomer: [UInt16]

    public static let none = UInt16.max

    public init(name: String, values: [String], valueOfCustomer: [UInt16]) {
        self.name = name
        self.values = values
        self.valueOfCustomer = valueOfCustomer
    }

    /// The customer's value, nil when it has none.
    public func value(of customer: Int) -> String? {
        let v = valueOfCustomer[customer]
        return v == Self.none ? nil : values[Int(v)]
    }

    /// The index of `value` in `values`.
    public func index(of value: String) -> Int? {
        let bytes = Array(value.utf8)
        var lo = 0, hi = values.count
        while lo < hi {
            let m = (lo + hi) / 2
            if Array(values[m].utf8).lexicographicallyPrecedes(bytes) { lo = m + 1 } else { hi = m }
        }
        return lo < values.count && values[lo] == value ? lo : nil
    }
}

/// The attribute columns of one part of a load while its rows are read: each column's
/// distinct values (interned, at most `limit`) and, per used row, the value's local index.
struct AttributeValues {
    /// At most this many distinct values: a column with more (an id, a free text) is dropped.
    static let limit = CustomerAttribute.valueLimit
    /// A row's blank value, or one of a column already past the limit.
    static let empty = UInt16.max

    let columns: [Int]
    var tables: [ByteInternTable]
    var overflowed: [Bool]

    init(columns: [Int]) {
        self.columns = columns
        tables = columns.map { _ in ByteInternTable(capacity: 64) }
        overflowed = columns.map { _ in false }
    }

    var isEmpty: Bool { columns.isEmpty }

    /// The local index of attribute `k`'s value in the current record.
    @inline(__always)
    mutating func index(_ k: Int, of p: UnsafePointer<UInt8>, _ n: Int) -> UInt16 {
        guard n > 0, !overflowed[k] else { return Self.empty }
        let i = tables[k].intern(p, n)
        if tables[k].count > Self.limit {
            overflowed[k] = true
            return Self.empty
        }
        return UInt16(i)
    }

    /// Adds another part's values; returns per column the map from its indices to ours.
    mutating func absorb(_ other: AttributeValues) -> [[UInt16]] {
        var maps: [[UInt16]] = []
        for k in columns.indices {
            var map = [UInt16](repeating: Self.empty, count: other.tables[k].count)
            if other.overflowed[k] { overflowed[k] = true }
            if !overflowed[k] {
                other.tables[k].forEachKey { i, p, n in
                    guard !overflowed[k] else { return }
                    map[i] = index(k, of: p, n)
                }
            }
            maps.append(map)
        }
        return maps
    }

    /// Each kept column's per-customer value; the columns left out, and why, for the report.
    /// `rows` gives the rows' customers (final numbers) and, per column, their local value
    /// indices, segment by segment.
    func finish(
        header: [String], customers n: Int, customerOfRows: [[UInt32]], valuesOfRows: [[[UInt16]]],
        numbers: NumberParser
    ) -> (kept: [CustomerAttribute], dropped: [(name: String, reason: String)], notes: [String]) {
        // No attribute columns: nothing to count (a pass over every row saved, ~60 ms at 10m).
        guard !columns.isEmpty else { return ([], [], []) }
        var kept: [CustomerAttribute] = []
        var dropped: [(String, String)] = []
        var notes: [String] = []
        // Rows grouped by customer once, shared by every column: offsets then positions.
        var start = [Int](repeating: 0, count: n + 1)
        for segment in customerOfRows { for c in segment { start[Int(c) + 1] += 1 } }
        for c in 0..<n { start[c + 1] += start[c] }
        for (k, column) in columns.enumerated() {
            let name = header[column]
            if overflowed[k] {
                dropped.append((name, "more than 1,000 distinct values"))
                continue
            }
            var values: [[UInt8]] = []
            tables[k].forEachKey { _, p, count in values.append(Array(UnsafeBufferPointer(start: p, count: count))) }
            guard !values.isEmpty else {
                dropped.append((name, "no values"))
                continue
            }
            let allNumbers = values.allSatisfy { v in
                v.withUnsafeBufferPointer { b in
                    if case .value = numbers.parse(b.baseAddress!, b.count) { return true }
                    return false
                }
            }
            if allNumbers {
                dropped.append((name, "numbers, not an attribute"))
                continue
            }
            // Byte order of the values: ties between equally frequent values go to the first.
            let order = values.indices.sorted { values[$0].lexicographicallyPrecedes(values[$1]) }
            var rankOf = [UInt16](repeating: 0, count: values.count)
            for (rank, i) in order.enumerated() { rankOf[i] = UInt16(rank) }
            // Each customer's rows' values (as ranks), grouped by customer.
            var cursor = start
            var grouped = [UInt16](repeating: Self.empty, count: start[n])
            for (s, segment) in customerOfRows.enumerated() {
                let local = valuesOfRows[s][k]
                for (row, c) in segment.enumerated() {
                    let v = local[row]
                    grouped[cursor[Int(c)]] = v == Self.empty ? Self.empty : rankOf[Int(v)]
                    cursor[Int(c)] += 1
                }
            }
            // The most frequent per customer, counted in a scratch array reset after use.
            var counts = [Int32](repeating: 0, count: values.count)
            var valueOfCustomer = [UInt16](repeating: CustomerAttribute.none, count: n)
            for c in 0..<n {
                var best = CustomerAttribute.none
                var bestCount: Int32 = 0
                for position in start[c]..<start[c + 1] {
                    let v = grouped[position]
                    guard v != Self.empty else { continue }
                    counts[Int(v)] += 1
                    let count = counts[Int(v)]
                    if count > bestCount || (count == bestCount && v < best) {
                        best = v
                        bestCount = count
                    }
                }
                for position in start[c]..<start[c + 1] where grouped[position] != Self.empty {
                    counts[Int(grouped[position])] = 0
                }
                valueOfCustomer[c] = best
            }
            // Only the values some customer has: the others name no one (`where product = P0300`).
            var used = [Bool](repeating: false, count: values.count)
            for v in valueOfCustomer where v != CustomerAttribute.none { used[Int(v)] = true }
            var compact = [UInt16](repeating: CustomerAttribute.none, count: values.count)
            var names: [String] = []
            for rank in 0..<values.count where used[rank] {
                compact[rank] = UInt16(names.count)
                names.append(String(decoding: values[order[rank]], as: UTF8.self))
            }
            for c in 0..<n where valueOfCustomer[c] != CustomerAttribute.none { valueOfCustomer[c] = compact[Int(valueOfCustomer[c])] }
            // Values apart only by case (`Germany`, `germany`) are kept apart: say so.
            var byFolded: [String: [String]] = [:]
            for v in names { byFolded[v.lowercased(), default: []].append(v) }
            let variants = byFolded.values.filter { $0.count > 1 }.sorted { $0[0].utf8.lexicographicallyPrecedes($1[0].utf8) }
            if !variants.isEmpty {
                let shown = variants.prefix(3).map { $0.map { "'\($0)'" }.joined(separator: " and ") }.joined(separator: "; ")
                notes.append("attribute '\(name)' has values that differ only in case, kept apart: \(shown)"
                    + (variants.count > 3 ? " and \(variants.count - 3) more" : ""))
            }
            kept.append(CustomerAttribute(name: name, values: names, valueOfCustomer: valueOfCustomer))
        }
        return (kept, dropped, notes)
    }

    /// The columns of `header` that are attributes: no role, a name, the first of that name.
    static func columns(of header: [String], taken: Set<Int>) -> [Int] {
        var seen = Set<String>()
        var out: [Int] = []
        for (i, name) in header.enumerated() where !taken.contains(i) {
            guard !name.isEmpty, seen.insert(name).inserted else { continue }
            out.append(i)
        }
        return out
    }
}
