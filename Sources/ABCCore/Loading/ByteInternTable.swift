#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Interns byte strings (customer ids, order ids) to dense indices 0, 1, 2, …
///
/// Hand-written open addressing for speed: exports come in date order, so every customer
/// lookup is a cache miss, and this table makes it one. A slot holds the key's first 8
/// bytes and its length beside the index, so keys of up to 8 bytes (most ids) are matched
/// without touching the key store at all; longer keys compare their tail there.
struct ByteInternTable {
    /// Key bytes of every entry, back to back.
    private(set) var arena: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are the bytes of entry i.
    private(set) var offsets: [UInt32] = [0]
    /// Two words per slot: the key's first 8 bytes, then (tag << 48 | length << 40 | index + 1).
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size * 2)
        mask = size - 1
        arena.reserveCapacity(capacity * 8)
        offsets.reserveCapacity(capacity + 1)
    }

    var count: Int { offsets.count - 1 }

    /// The bytes it takes: slots, keys and offsets.
    var usedBytes: Int {
        (slots.count * MemoryLayout<UInt64>.stride) + arena.count + offsets.count * MemoryLayout<UInt32>.stride
    }

    /// The first 8 bytes of a key, little-endian, zero padded.
    @inline(__always)
    static func prefix(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        if n >= 8 { return UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) }
        var v: UInt64 = 0
        var i = 0
        while i < n {
            v |= UInt64(p[i]) << UInt64(i * 8)
            i += 1
        }
        return v
    }

    @inline(__always)
    static func hash(_ prefix: UInt64, _ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h = (prefix ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
        var i = 8
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ (h >> 31) ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x94D0_49BB_1331_11EB
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ (h >> 31) ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The index of the key, adding it when new.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        let prefix = Self.prefix(p, n)
        let h = Self.hash(prefix, p, n)
        let length = UInt64(min(n, 255))
        let tag = (h & 0xFFFF_0000_0000_0000) | (length << 40)
        var slot = Int(truncatingIfNeeded: h) & mask
        let found: UInt32? = slots.withUnsafeBufferPointer { s in
            while true {
                let meta = s[2 * slot + 1]
                if meta == 0 { return nil }
                if meta & 0xFFFF_FF00_0000_0000 == tag && s[2 * slot] == prefix {
                    let index = Int(meta & 0xFF_FFFF_FFFF) - 1
                    if n <= 8 || tailEquals(index, p, n) { return UInt32(index) }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let index = count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(UInt32(arena.count))
        slots[2 * slot] = prefix
        slots[2 * slot + 1] = tag | UInt64(index + 1)
        if count * 4 > (mask + 1) * 3 { grow() }
        return UInt32(index)
    }

    @inline(__always)
    private func tailEquals(_ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        Self.tailEquals(arena, offsets, index, p, n)
    }

    /// Whether key `index` of a key store, known to share its first 8 bytes with the n bytes
    /// at p, is the same key: same length, same bytes after the 8th.
    @inline(__always)
    static func tailEquals(
        _ arena: [UInt8], _ offsets: [UInt32], _ index: Int, _ p: UnsafePointer<UInt8>, _ n: Int
    ) -> Bool {
        let start = Int(offsets[index])
        guard Int(offsets[index + 1]) - start == n else { return false }
        return arena.withUnsafeBufferPointer { a in memcmp(a.baseAddress! + start + 8, p + 8, n - 8) == 0 }
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var fresh = [UInt64](repeating: 0, count: size * 2)
        let newMask = size - 1
        let old = slots
        for slot in 0...mask where old[2 * slot + 1] != 0 {
            let index = Int(old[2 * slot + 1] & 0xFF_FFFF_FFFF) - 1
            let start = Int(offsets[index]), n = Int(offsets[index + 1]) - start
            let h = arena.withUnsafeBufferPointer { a in Self.hash(old[2 * slot], a.baseAddress! + start, n) }
            var s = Int(truncatingIfNeeded: h) & newMask
            while fresh[2 * s + 1] != 0 { s = (s + 1) & newMask }
            fresh[2 * s] = old[2 * slot]
            fresh[2 * s + 1] = old[2 * slot + 1]
        }
        slots = fresh
        mask = newMask
    }

    /// Calls `body` with each entry's index and bytes, in index order.
    func forEachKey(_ body: (Int, UnsafePointer<UInt8>, Int) throws -> Void) rethrows {
        try arena.withUnsafeBufferPointer { a in
            for index in 0..<count {
                let start = Int(offsets[index])
                try body(index, a.baseAddress! + start, Int(offsets[index + 1]) - start)
            }
        }
    }

    /// Gives up the keys; the table is empty afterwards.
    mutating func takeKeys() -> (arena: [UInt8], offsets: [UInt32]) {
        let keys = (arena, offsets)
        self = ByteInternTable(capacity: 16)
        return keys
    }
}
