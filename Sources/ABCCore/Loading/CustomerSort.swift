/// The customers of a file's parts (a `CustomerTable` each), merged into one list in id byte
/// order with their summed figures.
///
/// Written by hand for the end of a load (issue 16): the parts' slots are compacted in place,
/// their 8-byte id prefixes radix-sorted, and then the slots are read once in sorted order,
/// each asked for ahead of its turn, so every per-customer column is written front to back.
/// The step it replaces wrote each part's figures into five columns at random places (five
/// cache misses a customer) and looked the ids up again to find runs: 10m benchmark, ~430 ms
/// before, see README for after.
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

        /// The entry's customer index in its own table.
        @inline(__always)
        static func local(_ slot: CustomerTable.Slot) -> Int { Int(slot.meta & 0xFF_FFFF_FFFF) - 1 }

        /// The entry's id, from its table's key store.
        func id(_ entry: Int) -> ArraySlice<UInt8> {
            let t = table(of: entry), i = Self.local(slot(entry))
            let offsets = tables[t].offsets
            return tables[t].arena[Int(offsets[i])..<Int(offsets[i + 1])]
        }

        /// The length of the entry's id: in its slot when below 255.
        @inline(__always)
        func length(_ entry: Int, _ slot: CustomerTable.Slot) -> Int {
            let n = Int((slot.meta >> 40) & 0xFF)
            if n < 255 { return n }
            let offsets = tables[table(of: entry)].offsets, i = Self.local(slot)
            return Int(offsets[i + 1] - offsets[i])
        }

        func run() throws(DataError) -> Merged {
            let n = order.count
            // Every table's places side by side (one buffer for the hot loop), split at the end.
            var places = [UInt32](repeating: 0, count: n)
            var sharing: [Int] = []  // one run of entries sharing a key
            let arenaBytes = tables.reduce(0) { $0 + $1.arena.count }
            var ids = [UInt8](repeating: 0, count: arenaBytes)
            var idEnds = [UInt32](repeating: 0, count: n + 1)
            var revenue = [Int64](repeating: 0, count: n), profit = [Int64](repeating: 0, count: n)
            var first = [Int32](repeating: 0, count: n), last = [Int32](repeating: 0, count: n)
            var positive = [Int64](repeating: 0, count: n)
            var customers = 0, idBytes = 0
            var overflowing: String?
            places.withUnsafeMutableBufferPointer { places in
                ids.withUnsafeMutableBufferPointer { ids in
                    idEnds.withUnsafeMutableBufferPointer { idEnds in
                        revenue.withUnsafeMutableBufferPointer { revenue in
                            profit.withUnsafeMutableBufferPointer { profit in
                                first.withUnsafeMutableBufferPointer { first in
                                    last.withUnsafeMutableBufferPointer { last in
                                        positive.withUnsafeMutableBufferPointer { positive in
                                            var prefetched = 0
                                            func ask(upTo end: Int) {
                                                while prefetched < min(end, n) {
                                                    prefetch(Int(order[prefetched]))
                                                    prefetched += 1
                                                }
                                            }
                                            /// Starts the next customer with entry `e`'s id and figures.
                                            func open(_ e: Int, _ s: CustomerTable.Slot) {
                                                let count = length(e, s)
                                                if count <= 8 {
                                                    withUnsafeBytes(of: s.prefix.littleEndian) { bytes in
                                                        for k in 0..<count { ids[idBytes + k] = bytes[k] }
                                                    }
                                                } else {
                                                    for (k, byte) in id(e).enumerated() { ids[idBytes + k] = byte }
                                                }
                                                idBytes += count
                                                idEnds[customers + 1] = UInt32(idBytes)
                                                (revenue[customers], profit[customers]) = (s.revenue, s.profit)
                                                (first[customers], last[customers]) = (s.first, s.last)
                                                positive[customers] = s.positive
                                                place(e, s, customers)
                                                customers += 1
                                            }
                                            /// Adds entry `e` to the customer opened last. False on overflow.
                                            func add(_ e: Int, _ s: CustomerTable.Slot) -> Bool {
                                                let c = customers - 1
                                                let (r, o1) = revenue[c].addingReportingOverflow(s.revenue)
                                                let (p, o2) = profit[c].addingReportingOverflow(s.profit)
                                                if o1 || o2 { return false }
                                                (revenue[c], profit[c]) = (r, p)
                                                first[c] = min(first[c], s.first)
                                                last[c] = max(last[c], s.last)
                                                positive[c] &+= s.positive
                                                place(e, s, c)
                                                return true
                                            }
                                            func place(_ e: Int, _ s: CustomerTable.Slot, _ c: Int) {
                                                places[start[table(of: e)] + Self.local(s)] = UInt32(c)
                                            }
                                            var i = 0
                                            ask(upTo: CustomerSort.prefetchDistance)
                                            while i < n {
                                                let e = Int(order[i]), s = slot(e)
                                                var j = i + 1
                                                while j < n && slot(Int(order[j])).prefix == s.prefix {
                                                    ask(upTo: j + CustomerSort.prefetchDistance)
                                                    j += 1
                                                }
                                                ask(upTo: j + CustomerSort.prefetchDistance)
                                                let count = length(e, s)
                                                if j == i + 1 {
                                                    open(e, s)
                                                } else if count <= 8, (i + 1..<j).allSatisfy({ length(Int(order[$0]), slot(Int(order[$0]))) == count }) {
                                                    // One short id seen in several parts: one customer.
                                                    open(e, s)
                                                    for k in i + 1..<j where !add(Int(order[k]), slot(Int(order[k]))) {
                                                        overflowing = String(decoding: id(e), as: UTF8.self)
                                                        return
                                                    }
                                                } else {
                                                    // Ids sharing 8 bytes: sorted in full, equal ones merged.
                                                    sharing = (i..<j).map { Int(order[$0]) }
                                                    sharing.sort { x, y in id(x).lexicographicallyPrecedes(id(y)) }
                                                    var previous = -1
                                                    for e in sharing {
                                                        let s = slot(e)
                                                        if previous >= 0 && id(previous) == id(e) {
                                                            if !add(e, s) {
                                                                overflowing = String(decoding: id(e), as: UTF8.self)
                                                                return
                                                            }
                                                        } else {
                                                            open(e, s)
                                                        }
                                                        previous = e
                                                    }
                                                }
                                                i = j
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let id = overflowing { throw DataError("the sum for customer '\(id)' overflows") }
            ids.removeLast(arenaBytes - idBytes)
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
    }
}

import CSupport
