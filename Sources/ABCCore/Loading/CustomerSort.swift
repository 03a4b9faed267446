/// The customers of a file's parts (a `CustomerTable` each), merged into one list in id byte
/// order with their summed figures.
///
/// Written by hand for the end of a load (issue 16): the parts' slots are compacted in place,
/// their 8-byte id prefixes radix-sorted, and then the slots are read once in sorted order,
/// each asked for ahead of its turn, so every per-customer column is written front to back.
/// The step it replaces wrote each part's figures into five columns at random places (five
/// cache misses a customer) and looked the ids up again to find runs: 10m benchmark, aggregate
/// phase 417–498 ms before, 131–184 ms with this (README, Benchmarks).
enum CustomerSort {
    struct Merged {
        var ids: CustomerIDs
        /// Per table, the place in `ids` of each of its customer indices.
        var places: [[UInt32]]
        var figures: CustomerFigures
    }

    /// How many slots ahead of its turn one is asked for: enough misses in flight to keep
    /// the memory busy, few enough that they stay in L1 until used.
    fileprivate static let prefetchDistance = 16

    /// Merges the tables' customers; the tables take no more rows after. A sum that
    /// overflows (one customer in several parts) is an error naming the customer.
    static func merge(_ tables: [CustomerTable]) throws(DataError) -> Merged {
        let slotsOfTable = tables.map { $0.compactedSlots() }
        // Entry e is slot e − start[t] of table t, for the last t with start[t] ≤ e.
        var start: [Int] = []
        var n = 0
        for slots in slotsOfTable {
            start.append(n)
            n += slots.count
        }
        var keys = [UInt64](unsafeUninitializedCapacity: n) { k, count in
            for (t, slots) in slotsOfTable.enumerated() {
                for (s, slot) in slots.enumerated() { k[start[t] + s] = slot.prefix.byteSwapped }
            }
            count = n
        }
        let order = RadixSort.sortedIndices(keys: keys)
        keys = []
        let gather = Gather(tables: tables, slots: slotsOfTable, start: start, order: order)
        return try gather.run()
    }

    /// One pass over the entries in key order, writing each customer once.
    private struct Gather {
        let tables: [CustomerTable]
        let slots: [UnsafeBufferPointer<CustomerTable.Slot>]
        let start: [Int]
        let order: [UInt32]

        init(tables: [CustomerTable], slots: [UnsafeBufferPointer<CustomerTable.Slot>], start: [Int], order: [UInt32]) {
            (self.tables, self.slots, self.start, self.order) = (tables, slots, start, order)
        }

        @inline(__always)
        func table(of entry: Int) -> Int {
            var t = start.count - 1
            while start[t] > entry { t -= 1 }
            return t
        }

        @inline(__always)
        func slot(_ entry: Int) -> CustomerTable.Slot {
            let t = table(of: entry)
            return slots[t][entry - start[t]]
        }

        @inline(__always)
        func prefetch(_ entry: Int) {
            let t = table(of: entry)
            let p = UnsafeRawPointer(slots[t].baseAddress! + (entry - start[t]))
            abc_prefetch_write(p)
            abc_prefetch_write(p + (MemoryLayout<CustomerTable.Slot>.stride - 1))
        }

        /// The entry's id, from its table's key store.
        func id(_ entry: Int) -> ArraySlice<UInt8> { tables[table(of: entry)].keyBytes(slot(entry).index) }

        @inline(__always)
        func length(_ entry: Int, _ slot: CustomerTable.Slot) -> Int { tables[table(of: entry)].keyLength(slot) }

        /// Where the customers go: per-customer columns, and each entry's place.
        struct Output {
            let ids: UnsafeMutableBufferPointer<UInt8>
            /// Customer c's id ends at `idEnds[c + 1]` (of its half's bytes until they are joined).
            let idEnds: UnsafeMutableBufferPointer<UInt32>
            let revenue: UnsafeMutableBufferPointer<Int64>
            let profit: UnsafeMutableBufferPointer<Int64>
            let first: UnsafeMutableBufferPointer<Int32>
            let last: UnsafeMutableBufferPointer<Int32>
            let positive: UnsafeMutableBufferPointer<Int64>
            /// Every table's places side by side: table t's customer i at `start[t] + i`.
            let places: UnsafeMutableBufferPointer<UInt32>
        }

        /// What one half wrote: its customers from `base`, its id bytes from `byteBase`.
        struct Half {
            var customers = 0
            var bytes = 0
            var overflowing: String?
        }

        /// Below this many entries one thread gathers (a second costs more than it saves).
        static let parallelThreshold = 1 << 16

        func run() throws(DataError) -> Merged {
            let n = order.count
            let arenaBytes = tables.reduce(0) { $0 + $1.arena.count }
            // The second half starts at a run's start, so no customer is split between halves.
            var mid = n >= Self.parallelThreshold ? n / 2 : n
            while mid < n && mid > 0 && slot(Int(order[mid])).prefix == slot(Int(order[mid - 1])).prefix { mid += 1 }
            let ranges = mid < n ? [0..<mid, mid..<n] : [0..<n]
            // The second half writes its customers from index `mid` and its id bytes after
            // room for all of them, then both are moved down behind the first half's.
            let byteBases = [0, arenaBytes]
            var halves = [Half](repeating: Half(), count: ranges.count)
            var places = [UInt32](unsafeUninitializedCapacity: n) { _, count in count = n }
            var idEnds = [UInt32](unsafeUninitializedCapacity: n + 1) { _, count in count = n + 1 }
            func uninitialized<T>(_ count: Int) -> [T] { [T](unsafeUninitializedCapacity: count) { _, c in c = count } }
            var ids: [UInt8] = uninitialized(2 * arenaBytes)
            var revenue: [Int64] = uninitialized(n), profit: [Int64] = uninitialized(n), positive: [Int64] = uninitialized(n)
            var first: [Int32] = uninitialized(n), last: [Int32] = uninitialized(n)
            // Every column through its buffer at once (one closure each, not indented).
            ids.withUnsafeMutableBufferPointer { ids in
            idEnds.withUnsafeMutableBufferPointer { idEnds in
            revenue.withUnsafeMutableBufferPointer { revenue in
            profit.withUnsafeMutableBufferPointer { profit in
            first.withUnsafeMutableBufferPointer { first in
            last.withUnsafeMutableBufferPointer { last in
            positive.withUnsafeMutableBufferPointer { positive in
            places.withUnsafeMutableBufferPointer { places in
            halves.withUnsafeMutableBufferPointer { halves in
                let output = Output(
                    ids: ids, idEnds: idEnds, revenue: revenue, profit: profit, first: first, last: last,
                    positive: positive, places: places)
                // Half h writes only its own range of every output and its own entry of `halves`;
                // the tables' slots are only read.
                nonisolated(unsafe) let shared = (self, output, halves)
                DispatchQueue.concurrentPerform(iterations: ranges.count) { h in
                    shared.2[h] = shared.0.gather(ranges[h], into: shared.1, base: ranges[h].lowerBound, byteBase: byteBases[h])
                }
                // The second half moved down behind the first, its places and id ends shifted.
                if ranges.count == 2 {
                    let (u0, b0) = (halves[0].customers, halves[0].bytes)
                    let (u1, b1) = (halves[1].customers, halves[1].bytes)
                    func down<T>(_ column: UnsafeMutableBufferPointer<T>) {
                        // The ranges may overlap: copyMemory moves as memmove does.
                        UnsafeMutableRawPointer(column.baseAddress! + u0).copyMemory(
                            from: column.baseAddress! + mid, byteCount: u1 * MemoryLayout<T>.stride)
                    }
                    down(revenue); down(profit); down(first); down(last); down(positive)
                    UnsafeMutableRawPointer(ids.baseAddress! + b0).copyMemory(from: ids.baseAddress! + arenaBytes, byteCount: b1)
                    for c in 0..<u1 { idEnds[u0 + 1 + c] = idEnds[mid + 1 + c] + UInt32(b0) }
                    let shift = UInt32(mid - u0)
                    for i in 0..<n where places[i] >= UInt32(mid) { places[i] -= shift }
                }
            }}}}}}}}}
            if let id = halves.lazy.compactMap(\.overflowing).first {
                throw DataError("the sum for customer '\(id)' overflows")
            }
            let customers = halves.reduce(0) { $0 + $1.customers }, idBytes = halves.reduce(0) { $0 + $1.bytes }
            idEnds[0] = 0
            ids.removeLast(ids.count - idBytes)
            idEnds.removeLast(n - customers)
            revenue.removeLast(n - customers)
            profit.removeLast(n - customers)
            first.removeLast(n - customers)
            last.removeLast(n - customers)
            positive.removeLast(n - customers)
            return Merged(
                ids: CustomerIDs(arena: ids, offsets: idEnds),
                places: slots.indices.map { t in Array(places[start[t]..<start[t] + slots[t].count]) },
                figures: CustomerFigures(revenue: revenue, profit: profit, first: first, last: last, positive: positive))
        }

        /// Gathers the entries at `range` of the order: customers from index `base`, id bytes
        /// from `byteBase`, id ends relative to `byteBase`.
        func gather(_ range: Range<Int>, into out: Output, base: Int, byteBase: Int) -> Half {
            var half = Half()
            var c = base - 1  // the customer opened last
            var prefetched = range.lowerBound
            func ask(upTo end: Int) {
                while prefetched < min(end, range.upperBound) {
                    prefetch(Int(order[prefetched]))
                    prefetched += 1
                }
            }
            func place(_ e: Int, _ s: CustomerTable.Slot) {
                out.places[start[table(of: e)] + s.index] = UInt32(c)
            }
            /// Starts the next customer with entry `e`'s id and figures.
            func open(_ e: Int, _ s: CustomerTable.Slot) {
                c += 1
                let count = length(e, s), at = byteBase + half.bytes
                if count <= 8 {
                    withUnsafeBytes(of: s.prefix.littleEndian) { bytes in
                        for k in 0..<count { out.ids[at + k] = bytes[k] }
                    }
                } else {
                    for (k, byte) in id(e).enumerated() { out.ids[at + k] = byte }
                }
                half.bytes += count
                half.customers += 1
                out.idEnds[c + 1] = UInt32(half.bytes)
                (out.revenue[c], out.profit[c]) = (s.revenue, s.profit)
                (out.first[c], out.last[c]) = (s.first, s.last)
                out.positive[c] = s.positive
                place(e, s)
            }
            /// Adds entry `e` to the customer opened last. False on overflow.
            func add(_ e: Int, _ s: CustomerTable.Slot) -> Bool {
                let (r, o1) = out.revenue[c].addingReportingOverflow(s.revenue)
                let (p, o2) = out.profit[c].addingReportingOverflow(s.profit)
                if o1 || o2 {
                    half.overflowing = String(decoding: id(e), as: UTF8.self)
                    return false
                }
                (out.revenue[c], out.profit[c]) = (r, p)
                out.first[c] = min(out.first[c], s.first)
                out.last[c] = max(out.last[c], s.last)
                out.positive[c] &+= s.positive
                place(e, s)
                return true
            }
            let distance = CustomerSort.prefetchDistance
            var i = range.lowerBound
            ask(upTo: i + distance)
            while i < range.upperBound {
                let e = Int(order[i]), s = slot(e)
                var j = i + 1
                while j < range.upperBound && slot(Int(order[j])).prefix == s.prefix {
                    ask(upTo: j + distance)
                    j += 1
                }
                ask(upTo: j + distance)
                let count = length(e, s)
                if j == i + 1 {
                    open(e, s)
                } else if count <= 8, (i + 1..<j).allSatisfy({ length(Int(order[$0]), slot(Int(order[$0]))) == count }) {
                    // One short id seen in several parts: one customer.
                    open(e, s)
                    for k in i + 1..<j where !add(Int(order[k]), slot(Int(order[k]))) { return half }
                } else {
                    // Ids sharing 8 bytes: sorted in full, equal ones merged.
                    let sharing = (i..<j).map { Int(order[$0]) }.sorted { x, y in id(x).lexicographicallyPrecedes(id(y)) }
                    var previous = -1
                    for e in sharing {
                        let s = slot(e)
                        if previous >= 0 && id(previous) == id(e) {
                            if !add(e, s) { return half }
                        } else {
                            open(e, s)
                        }
                        previous = e
                    }
                }
                i = j
            }
            return half
        }
    }
}

import CSupport
import Dispatch
