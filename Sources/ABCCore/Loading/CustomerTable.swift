/// Customer ids interned to dense indices, with each customer's running revenue and profit,
/// first and last date and positive rows in the same slot as its key.
///
/// Written by hand for the load's hot path: exports come in date order, so each row's
/// customer is a random lookup, and keeping the figures beside the key makes a row cost one
/// cache miss instead of several (measured on the 10m benchmark: see README; the first and
/// last dates here instead of in a later pass over every row took ~15% off a load). Keys of up
/// to 8 bytes are matched inside the slot; longer ones compare their tail in the key store.
final class CustomerTable: @unchecked Sendable {
    struct Slot {
        /// The key's first 8 bytes, little-endian, zero padded.
        var prefix: UInt64
        /// 0 = empty, else tag (16 bits) << 48 | length (8 bits) << 40 | index + 1.
        var meta: UInt64
        var revenue: Int64
        var profit: Int64
        /// Earliest and latest date of the customer's rows (as the date column holds them).
        var first: Int32
        var last: Int32
        /// Rows with an amount above zero.
        var positive: Int64

        static let empty = Slot(prefix: 0, meta: 0, revenue: 0, profit: 0, first: 0, last: 0, positive: 0)

        /// The customer's index in its table (the slot is in use).
        @inline(__always)
        var index: Int { Int(meta & 0xFF_FFFF_FFFF) - 1 }

        /// The key's length as the slot holds it: exact below 255, 255 for any longer key.
        @inline(__always)
        var storedLength: Int { Int((meta >> 40) & 0xFF) }
    }

    /// What one row, or a customer of a table being absorbed, adds to a slot.
    struct Figures {
        var revenue: Int64
        var profit: Int64
        var first: Int32
        var last: Int32
        var positive: Int64

        @inline(__always)
        init(revenue: Int64, profit: Int64, first: Int32, last: Int32, positive: Int64) {
            (self.revenue, self.profit, self.first, self.last, self.positive) = (revenue, profit, first, last, positive)
        }

        /// One row's.
        @inline(__always)
        init(amount: Int64, profit: Int64, date: Int32) {
            self.init(revenue: amount, profit: profit, first: date, last: date, positive: amount > 0 ? 1 : 0)
        }
    }

    private var slots: UnsafeMutablePointer<Slot>
    /// The slots came from `mmap` (not the heap), so their pages may be handed back early.
    private var mapped: Bool
    /// Number of slots: any size (not a power of two), so a table sized for its customers
    /// wastes little memory; a hash picks its slot by multiply-high.
    private var size: Int
    /// Key bytes of every customer, back to back; `offsets[i]..<offsets[i + 1]` is customer i.
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [UInt32] = [0]

    init(capacity: Int = 1 << 16) {
        size = Self.slotCount(capacity: capacity)
        (slots, mapped) = Self.allocateSlots(size)
    }

    deinit { Self.freeSlots(slots, size, mapped: mapped) }

    /// Zeroed slots from `mmap`, in huge pages where the kernel allows: a lookup that misses
    /// the cache then does not also miss the TLB.
    private static func allocateSlots(_ count: Int) -> (UnsafeMutablePointer<Slot>, mapped: Bool) {
        let bytes = slotBytes(count)
        guard let raw = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else {
            let p = UnsafeMutablePointer<Slot>.allocate(capacity: count)
            p.initialize(repeating: .empty, count: count)
            return (p, false)
        }
        _ = madvise(raw, bytes, 14)  // MADV_HUGEPAGE
        // Write to every page now: a lookup's first touch of a page is a read, which would map
        // the shared zero page and then fault again on the write (measured: ~5% of a load).
        let bytePointer = raw.bindMemory(to: UInt8.self, capacity: bytes)
        for offset in stride(from: 0, to: bytes, by: 4096) { bytePointer[offset] = 0 }
        return (raw.bindMemory(to: Slot.self, capacity: count), true)
    }

    private static func freeSlots(_ slots: UnsafeMutablePointer<Slot>, _ count: Int, mapped: Bool) {
        guard mapped else { return slots.deallocate() }
        munmap(slots, slotBytes(count))
    }

    /// The bytes `count` slots take: whole huge pages, every one touched.
    private static func slotBytes(_ count: Int) -> Int {
        (count * MemoryLayout<Slot>.stride + (1 << 21) - 1) & ~((1 << 21) - 1)
    }

    /// The bytes of the slots of a table made with `capacity` (for the memory estimate).
    static func slotBytes(capacity: Int) -> Int { slotBytes(slotCount(capacity: capacity)) }

    /// Slots for `capacity` customers: at most 71% full, below the 75% at which it grows, so a
    /// table sized right does not grow (a fuller table saves memory but lengthens probes).
    private static func slotCount(capacity: Int) -> Int { max(16, capacity + capacity * 2 / 5) }

    /// The bytes this table takes in memory now: its slots (all touched) and its keys.
    var usedBytes: Int { Self.slotBytes(size) + arena.count + offsets.count * MemoryLayout<UInt32>.stride }

    var count: Int { offsets.count - 1 }

    @inline(__always)
    private func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(size)).high)
    }

    /// Adds to the customer's figures (adding the customer when new). Returns its index, or
    /// nil when a sum would overflow (nothing is added then).
    @inline(__always)
    func add(_ p: UnsafePointer<UInt8>, _ n: Int, _ figures: Figures) -> UInt32? {
        let prefix = ByteInternTable.prefix(p, n)
        return add(p, n, prefix: prefix, hash: ByteInternTable.hash(prefix, p, n), figures)
    }

    /// Starts loading the slot a key with this hash probes first (see `CSupport`).
    @inline(__always)
    func prefetch(hash: UInt64) {
        // A 48-byte slot may straddle two cache lines: both are asked for.
        let slot = UnsafeRawPointer(slots + home(hash))
        abc_prefetch_write(slot)
        abc_prefetch_write(slot + (MemoryLayout<Slot>.stride - 1))
    }

    /// `add` with the key's prefix and hash already computed.
    @inline(__always)
    func add(
        _ p: UnsafePointer<UInt8>, _ n: Int, prefix: UInt64, hash h: UInt64, _ figures: Figures
    ) -> UInt32? {
        // The slot comes from the hash's high bits, the tag from its low bits.
        let tag = ((h & 0xFFFF) << 48) | (UInt64(min(n, 255)) << 40)
        var slot = home(h)
        while true {
            let meta = slots[slot].meta
            if meta == 0 { break }
            if meta & 0xFFFF_FF00_0000_0000 == tag && slots[slot].prefix == prefix {
                let index = slots[slot].index
                if n <= 8 || tailEquals(index, p, n) {
                    let (r, o1) = slots[slot].revenue.addingReportingOverflow(figures.revenue)
                    let (q, o2) = slots[slot].profit.addingReportingOverflow(figures.profit)
                    if o1 || o2 { return nil }
                    slots[slot].revenue = r
                    slots[slot].profit = q
                    if figures.first < slots[slot].first { slots[slot].first = figures.first }
                    if figures.last > slots[slot].last { slots[slot].last = figures.last }
                    slots[slot].positive &+= figures.positive
                    return UInt32(index)
                }
            }
            slot += 1
            if slot == size { slot = 0 }
        }
        let index = count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(UInt32(arena.count))
        slots[slot] = Slot(
            prefix: prefix, meta: tag | UInt64(index + 1), revenue: figures.revenue, profit: figures.profit,
            first: figures.first, last: figures.last, positive: figures.positive)
        if count * 4 > size * 3 { grow() }
        return UInt32(index)
    }

    @inline(__always)
    private func tailEquals(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        ByteInternTable.tailEquals(arena, offsets, index, p, n)
    }

    /// The hash of customer `index`'s key, from its slot (short keys) or the key store.
    @inline(__always)
    private func hash(of slot: Slot) -> UInt64 {
        let index = slot.index
        let start = Int(offsets[index]), n = Int(offsets[index + 1]) - start
        if n <= 8 {
            return withUnsafeBytes(of: slot.prefix) {
                ByteInternTable.hash(slot.prefix, $0.baseAddress!.assumingMemoryBound(to: UInt8.self), n)
            }
        }
        return arena.withUnsafeBufferPointer { a in ByteInternTable.hash(slot.prefix, a.baseAddress! + start, n) }
    }

    private func grow() {
        let oldSlots = slots, oldSize = size, oldMapped = mapped
        size *= 2
        (slots, mapped) = Self.allocateSlots(size)
        for s in 0..<oldSize where oldSlots[s].meta != 0 {
            let slot = oldSlots[s]
            var t = home(hash(of: slot))
            while slots[t].meta != 0 {
                t += 1
                if t == size { t = 0 }
            }
            slots[t] = slot
        }
        Self.freeSlots(oldSlots, oldSize, mapped: oldMapped)
    }

    /// Adds every customer of `other` (a later part of the file) with its sums. Returns, for
    /// each of `other`'s indices, the index here. Reads `other`'s slots in memory order and
    /// prefetches in batches, so merging a million customers costs few cache misses.
    func absorb(_ other: CustomerTable) throws(DataError) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: other.count)
        var batch: [(slot: Slot, hash: UInt64)] = []
        batch.reserveCapacity(16)
        func flush() throws(DataError) {
            for entry in batch { prefetch(hash: entry.hash) }
            for entry in batch {
                let index = entry.slot.index
                let added: UInt32? = other.arena.withUnsafeBufferPointer { a in
                    let start = Int(other.offsets[index])
                    let n = Int(other.offsets[index + 1]) - start
                    let s = entry.slot
                    return add(a.baseAddress! + start, n, prefix: s.prefix, hash: entry.hash, Figures(
                        revenue: s.revenue, profit: s.profit, first: s.first, last: s.last, positive: s.positive))
                }
                guard let g = added else { throw DataError("the sum for customer '\(other.key(index))' overflows") }
                map[index] = g
            }
            batch.removeAll(keepingCapacity: true)
        }
        for s in 0..<other.size {
            let slot = other.slots[s]
            guard slot.meta != 0 else { continue }
            batch.append((slot, other.hash(of: slot)))
            if batch.count == 16 { try flush() }
        }
        try flush()
        return map
    }

    /// Moves the customers' slots to the front of the table, in slot order, and hands the
    /// pages after them back to the kernel. Returns them; they stay valid while the table
    /// lives, and the table takes no more rows.
    func compactedSlots() -> UnsafeBufferPointer<Slot> {
        var e = 0
        for s in 0..<size where slots[s].meta != 0 {
            slots[e] = slots[s]
            e += 1
        }
        if mapped {
            let page = 1 << 21
            let kept = (e * MemoryLayout<Slot>.stride + page - 1) & ~(page - 1), total = Self.slotBytes(size)
            if total > kept { _ = madvise(UnsafeMutableRawPointer(slots) + kept, total - kept, 4) }  // MADV_DONTNEED
        }
        return UnsafeBufferPointer(start: slots, count: e)
    }

    /// Hands over the key store: the slots are left only to be read by `takeFigures()`.
    func takeKeys() -> (arena: [UInt8], offsets: [UInt32]) {
        defer { (arena, offsets) = ([], [0]) }
        return (arena, offsets)
    }

    /// The id of customer `index` as text (for messages).
    func key(_ index: Int) -> String { String(decoding: keyBytes(index), as: UTF8.self) }

    /// The id of customer `index`.
    func keyBytes(_ index: Int) -> ArraySlice<UInt8> { arena[Int(offsets[index])..<Int(offsets[index + 1])] }

    /// The length of the key in `slot`: from the slot, or the key store for 255 bytes and more.
    @inline(__always)
    func keyLength(_ slot: Slot) -> Int {
        let n = slot.storedLength
        return n < 255 ? n : Int(offsets[slot.index + 1] - offsets[slot.index])
    }
}

/// Per-customer figures, by customer index.
struct CustomerFigures {
    var revenue: [Int64]
    var profit: [Int64]
    var first: [Int32]
    var last: [Int32]
    var positive: [Int64]
}

import CSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
