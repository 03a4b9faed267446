/// The customer ids of a dataset, in byte order: customer index i is the i-th smallest id,
/// so "ties by customer_id" is "ties by index" everywhere downstream.
public struct CustomerIDs: Sendable {
    /// Id bytes back to back; `offsets[i]..<offsets[i + 1]` is customer i.
    public let arena: [UInt8]
    public let offsets: [UInt32]

    public var count: Int { offsets.count - 1 }

    public subscript(index: Int) -> String {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        return String(decoding: arena[start..<end], as: UTF8.self)
    }

    /// The index of a customer id, by binary search (ids are sorted).
    public func index(of id: String) -> Int? {
        let key = Array(id.utf8)
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            let start = Int(offsets[mid]), end = Int(offsets[mid + 1])
            if arena[start..<end].lexicographicallyPrecedes(key) { lo = mid + 1 } else { hi = mid }
        }
        guard lo < count else { return nil }
        let start = Int(offsets[lo]), end = Int(offsets[lo + 1])
        return arena[start..<end].elementsEqual(key) ? lo : nil
    }

    /// Sorts interned ids into byte order. Returns the sorted ids and, for each original
    /// index, its new index.
    static func sorted(arena: [UInt8], offsets: [UInt32]) -> (CustomerIDs, newIndex: [UInt32]) {
        let n = offsets.count - 1
        // Radix-sort on the first 8 bytes (big-endian, zero padded), then settle runs that
        // share those bytes by full comparison: ids are rarely longer than 8 bytes apart.
        var keys = [UInt64](repeating: 0, count: n)
        arena.withUnsafeBufferPointer { a in
            for i in 0..<n {
                let start = Int(offsets[i]), end = Int(offsets[i + 1])
                var k: UInt64 = 0
                for j in 0..<8 {
                    k <<= 8
                    if start + j < end { k |= UInt64(a[start + j]) }
                }
                keys[i] = k
            }
        }
        var order = RadixSort.sortedIndices(keys: keys)
        var runStart = 0
        while runStart < n {
            var runEnd = runStart + 1
            while runEnd < n && keys[Int(order[runEnd])] == keys[Int(order[runStart])] { runEnd += 1 }
            if runEnd - runStart > 1 {
                order[runStart..<runEnd].sort { x, y in
                    let xs = arena[Int(offsets[Int(x)])..<Int(offsets[Int(x) + 1])]
                    let ys = arena[Int(offsets[Int(y)])..<Int(offsets[Int(y) + 1])]
                    return xs.lexicographicallyPrecedes(ys)
                }
            }
            runStart = runEnd
        }
        var newIndex = [UInt32](repeating: 0, count: n)
        var sortedArena: [UInt8] = []
        sortedArena.reserveCapacity(arena.count)
        var sortedOffsets: [UInt32] = [0]
        sortedOffsets.reserveCapacity(n + 1)
        for (position, old) in order.enumerated() {
            newIndex[Int(old)] = UInt32(position)
            sortedArena.append(contentsOf: arena[Int(offsets[Int(old)])..<Int(offsets[Int(old) + 1])])
            sortedOffsets.append(UInt32(sortedArena.count))
        }
        return (CustomerIDs(arena: sortedArena, offsets: sortedOffsets), newIndex)
    }
}
