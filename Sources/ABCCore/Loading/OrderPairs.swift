import Dispatch

/// Order ids, and the (customer, order id) pairs they make, without a hash table of every pair
/// (docs/metrics.md#orders; docs/input.md#memory).
///
/// While parsing, each row keeps its order id as one `UInt64` (`OrderKeys.key`): the id's
/// bytes themselves when it has at most 8 and no NUL byte (most ids: `536365`, `O1234567`),
/// else a reference into the part's key store, which keeps the bytes. After the customers are
/// numbered, `OrderPairs.assign` groups the rows by customer (a counting sort of row numbers),
/// sorts each customer's few keys, and numbers the distinct ones: pairs come out exact (bytes
/// compared, never hashes) in customer order, with their net amounts. A table of every pair
/// took about 60 bytes a pair while parsing (1.3 GB for 10M single-row orders); this takes 8 a
/// row while parsing and 8 a row for a moment after.
struct OrderKeys {
    /// Bytes of the ids that do not fit a key: each as a 4-byte length and the bytes.
    private(set) var store: [UInt8] = []

    /// The key of an id: its bytes, little-endian and zero padded, when it has at most 8 and
    /// no NUL (so the padding is unambiguous; the first byte is never 0 unless the id is
    /// empty, whose key is 0); else (offset in `store` + 1) << 8, whose low byte is 0.
    @inline(__always)
    mutating func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        if n <= 8 {
            var value: UInt64 = 0
            var inline = true
            for i in 0..<n {
                if p[i] == 0 { inline = false; break }
                value |= UInt64(p[i]) << (8 * UInt64(i))
            }
            if inline { return value }
        }
        let offset = store.count
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { store.append(contentsOf: $0) }
        store.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        return UInt64(offset + 1) << 8
    }

    @inline(__always)
    static func isStored(_ key: UInt64) -> Bool { key & 0xFF == 0 && key != 0 }

    /// Appends `other`'s store; what its stored keys must add to their value to point into
    /// this one (`shift`).
    mutating func absorb(_ other: OrderKeys) -> UInt64 {
        let shift = UInt64(store.count) << 8
        store.append(contentsOf: other.store)
        return shift
    }

    /// The bytes of a stored key.
    func bytes(of key: UInt64) -> ArraySlice<UInt8> {
        let offset = Int(key >> 8) - 1
        guard offset >= 0, offset + 4 <= store.count else { return [] }
        let n = store[offset..<offset + 4].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        return store[offset + 4..<min(store.count, offset + 4 + n)]
    }

    /// Whether two keys are the same id.
    func same(_ a: UInt64, _ b: UInt64) -> Bool {
        if a == b { return true }
        guard Self.isStored(a) && Self.isStored(b) else { return false }  // an inline id never equals a stored one
        return bytes(of: a) == bytes(of: b)
    }

    /// A total order of ids: inline ones by value, then stored ones by bytes.
    func precedes(_ a: UInt64, _ b: UInt64) -> Bool {
        switch (Self.isStored(a), Self.isStored(b)) {
        case (false, false): return a < b
        case (false, true): return true
        case (true, false): return false
        case (true, true): return bytes(of: a).lexicographicallyPrecedes(bytes(of: b))
        }
    }
}

enum OrderPairs {
    /// Numbers the (customer, order id) pairs of the rows, sets each segment's `orderPair` and
    /// drops its keys. Returns each pair's customer (pairs in customer order) and each
    /// customer's orders: its pairs whose rows' amounts sum above zero. Run before the
    /// aggregation makes its per-customer arrays, so the two peaks do not add up.
    static func assign(
        _ segments: inout [TransactionColumns.Segment], keys: OrderKeys, customers n: Int, threads: Int
    ) -> (customer: [UInt32], orders: [Int64]) {
        let starts = segments.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        let rows = starts[starts.count - 1]
        // Row numbers grouped by customer, in file order within each: a counting sort. (Blocks
        // rather than arrays: each is freed as soon as it is done with.)
        let first = UnsafeMutableBufferPointer<Int>.allocate(capacity: n + 1)
        first.initialize(repeating: 0)
        for segment in segments { for c in segment.customer { first[Int(c) + 1] += 1 } }
        for c in 0..<n { first[c + 1] += first[c] }
        let byCustomer = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, rows))
        do {
            var next = Array(first)
            var g = 0
            for segment in segments {
                for c in segment.customer {
                    byCustomer[next[Int(c)]] = UInt32(g)
                    next[Int(c)] += 1
                    g += 1
                }
            }
        }
        defer {
            first.deallocate()
            byCustomer.deallocate()
        }

        let workers = max(1, min(threads, n / 4096 + 1))
        var owners = [[UInt32]](repeating: [], count: workers)
        var orders = [Int64](repeating: 0, count: n)
        let anyStored = !keys.store.isEmpty
        // Each segment's pair numbers, written in place through the new columns' buffers.
        let pairColumns = withStorage(segments, pairs: starts) { storage in
            owners.withUnsafeMutableBufferPointer { ownerBuffer in
                orders.withUnsafeMutableBufferPointer { orderBuffer in
                    // Customers in `workers` ranges at once, each numbering its pairs from 0.
                    // Worker w writes only its customers' rows' pair slots, their orders and
                    // entry w of the owners: disjoint memory, no race.
                    nonisolated(unsafe) let owned = ownerBuffer, ordersOf = orderBuffer
                    nonisolated(unsafe) let rowsOf = byCustomer, firstRow = first
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        var local: [(key: UInt64, row: UInt32)] = []
                        var owner: [UInt32] = []
                        for c in (n * w / workers)..<(n * (w + 1) / workers) {
                            local.removeAll(keepingCapacity: true)
                            for r in firstRow[c]..<firstRow[c + 1] { local.append((storage.key(Int(rowsOf[r])), rowsOf[r])) }
                            if local.count > 1 {
                                if anyStored { local.sort { keys.precedes($0.key, $1.key) } } else { local.sort { $0.key < $1.key } }
                            }
                            var net: Int64 = 0
                            var count: Int64 = 0
                            for (e, entry) in local.enumerated() {
                                let previous = e > 0 ? local[e - 1].key : 0
                                if e == 0 || (entry.key != previous && (!anyStored || !keys.same(previous, entry.key))) {
                                    if e > 0 && net > 0 { count += 1 }
                                    net = 0
                                    owner.append(UInt32(c))
                                }
                                storage.setPair(Int(entry.row), UInt32(owner.count - 1))
                                net &+= storage.amount(Int(entry.row))  // bounded by the customer's checked sums
                            }
                            if net > 0 { count += 1 }
                            ordersOf[c] = count
                        }
                        owned[w] = owner
                    }
                }
            }
            // The later ranges' pair numbers follow the earlier ones'.
            var shift: UInt32 = 0
            for w in 0..<workers {
                if w > 0 {
                    for r in first[n * w / workers]..<first[n * (w + 1) / workers] {
                        storage.setPair(Int(byCustomer[r]), storage.pair(Int(byCustomer[r])) + shift)
                    }
                }
                shift += UInt32(owners[w].count)
            }
        }
        for s in segments.indices {
            segments[s].orderKeys = []
            segments[s].orderPair = pairColumns[s]
        }
        var customer: [UInt32] = []
        customer.reserveCapacity(owners.reduce(0) { $0 + $1.count })
        for w in 0..<workers {
            customer += owners[w]
            owners[w] = []
        }
        return (customer, orders)
    }

    /// The segments' keys and amounts to read and their new pair columns to write, by row of
    /// the whole file, valid inside `body`.
    struct Storage: @unchecked Sendable {
        var starts: [Int]
        var keys: [UnsafeBufferPointer<UInt64>] = []
        var narrowAmounts: [UnsafeBufferPointer<Int32>] = []
        var wideAmounts: [UnsafeBufferPointer<Int64>] = []
        var bases: [Int64] = []
        var pairs: [UnsafeMutableBufferPointer<UInt32>] = []

        @inline(__always)
        func locate(_ g: Int) -> (Int, Int) {
            var s = 0
            while s + 2 < starts.count && g >= starts[s + 1] { s += 1 }
            return (s, g - starts[s])
        }
        @inline(__always) func key(_ g: Int) -> UInt64 { let (s, i) = locate(g); return keys[s][i] }
        @inline(__always) func amount(_ g: Int) -> Int64 {
            let (s, i) = locate(g)
            return narrowAmounts[s].isEmpty ? wideAmounts[s][i] : Int64(narrowAmounts[s][i]) + bases[s]
        }
        @inline(__always) func pair(_ g: Int) -> UInt32 { let (s, i) = locate(g); return pairs[s][i] }
        @inline(__always) func setPair(_ g: Int, _ p: UInt32) { let (s, i) = locate(g); pairs[s][i] = p }
    }

    /// Runs `body` with every segment's storage, nesting one buffer access per segment, and
    /// returns the pair columns it filled (every row is written: each has a customer).
    private static func withStorage(
        _ segments: [TransactionColumns.Segment], pairs starts: [Int], _ body: (Storage) -> Void
    ) -> [[UInt32]] {
        func nest(_ k: Int, _ storage: Storage) -> [[UInt32]] {
            if k == segments.count {
                body(storage)
                return []
            }
            var rest: [[UInt32]] = []
            let column = [UInt32](unsafeUninitializedCapacity: segments[k].count) { pairBuffer, initialized in
                pairBuffer.initialize(repeating: 0)
                segments[k].orderKeys.withUnsafeBufferPointer { keyBuffer in
                    segments[k].amount.withUnsafeStorage { narrow, wide, base in
                        var more = storage
                        more.keys.append(keyBuffer)
                        more.narrowAmounts.append(narrow)
                        more.wideAmounts.append(wide)
                        more.bases.append(base)
                        more.pairs.append(pairBuffer)
                        rest = nest(k + 1, more)
                    }
                }
                initialized = segments[k].count
            }
            return [column] + rest
        }
        return nest(0, Storage(starts: starts))
    }
}
