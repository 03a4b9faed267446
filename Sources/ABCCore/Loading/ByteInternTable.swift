/// Interns byte strings (customer ids, order ids) to dense indices 0, 1, 2, …
///
/// Hand-written open addressing over one flat slot array: no `String`, no per-key object,
/// one cache line per lookup in the common case; customer lookups are random because
/// exports come in date order.
struct ByteInternTable {
    /// Key bytes of every entry, back to back.
    private(set) var arena: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are the bytes of entry i.
    private(set) var offsets: [UInt32] = [0]
    /// 0 = empty, else (hash high 32 bits) << 32 | (index + 1).
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
        offsets.reserveCapacity(capacity + 1)
    }

    var count: Int { offsets.count - 1 }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    /// The index of the key, adding it when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        let h = Self.hash(p, n)
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, p, n) { return UInt32(index) }
            }
            slot = (slot + 1) & mask
        }
        let index = count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(UInt32(arena.count))
        slots[slot] = tag | UInt64(index + 1)
        if count * 2 > slots.count { grow() }
        return UInt32(index)
    }

    @inline(__always)
    private func equals(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let start = Int(offsets[index])
        guard Int(offsets[index + 1]) - start == n else { return false }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + start, p, n) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBufferPointer { a in
            for index in 0..<count {
                let start = Int(offsets[index])
                let h = Self.hash(a.baseAddress! + start, Int(offsets[index + 1]) - start)
                var slot = Int(truncatingIfNeeded: h) & newMask
                while fresh[slot] != 0 { slot = (slot + 1) & newMask }
                fresh[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
            }
        }
        slots = fresh
        mask = newMask
    }

    /// Gives up the keys; the table is empty afterwards.
    mutating func takeKeys() -> (arena: [UInt8], offsets: [UInt32]) {
        let keys = (arena, offsets)
        self = ByteInternTable(capacity: 16)
        return keys
    }
}

#if canImport(Glibc)
import Glibc
#endif
