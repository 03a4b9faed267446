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

    /// Per-customer values in interning order, moved to the sorted order `sorted` gave
    /// (`newIndex[old]` is the new index).
    static func permuted<T>(_ values: [T], _ newIndex: [UInt32]) -> [T] {
        var out = values
        for (old, new) in newIndex.enumerated() { out[Int(new)] = values[old] }
        return out
    }

    /// Sorts interned ids (each once) into byte order. Returns the sorted ids and, for each
    /// original index, its new index. (A load's parts are merged by `CustomerSort`.)
    static func sorted(arena: [UInt8], offsets: [UInt32]) -> (CustomerIDs, newIndex: [UInt32]) {
        let n = offsets.count - 1
        // Radix-sort on the first 8 bytes (big-endian, zero padded), then settle runs that
        // share those bytes by full comparison: ids are rarely longer than 8 bytes apart.
        var keys = [UInt64](repeating: 0, count: n)
        arena.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { o in
                keys.withUnsafeMutableBufferPointer { k in
                    for i in 0..<n {
                        let start = Int(o[i]), length = Int(o[i + 1]) - start
                        var key: UInt64 = 0
                        if length >= 8 {
                            key = UInt64(bigEndian: UnsafeRawPointer(a.baseAddress! + start).loadUnaligned(as: UInt64.self))
                        } else {
                            for j in 0..<8 { key = key << 8 | (j < length ? UInt64(a[start + j]) : 0) }
                        }
                        k[i] = key
                    }
                }
            }
        }
        func id(_ i: UInt32) -> ArraySlice<UInt8> { arena[Int(offsets[Int(i)])..<Int(offsets[Int(i) + 1])] }
        var order = RadixSort.sortedIndices(keys: keys)
        var runStart = 0
        while runStart < n {
            var runEnd = runStart + 1
            let key = keys[Int(order[runStart])]
            while runEnd < n && keys[Int(order[runEnd])] == key { runEnd += 1 }
            if runEnd - runStart > 1 {
                order[runStart..<runEnd].sort { x, y in id(x).lexicographicallyPrecedes(id(y)) }
            }
            runStart = runEnd
        }
        var newIndex = [UInt32](repeating: 0, count: n)
        var sortedArena = [UInt8](repeating: 0, count: arena.count)
        var sortedOffsets = [UInt32](repeating: 0, count: n + 1)
        arena.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { o in
                sortedArena.withUnsafeMutableBufferPointer { sa in
                    sortedOffsets.withUnsafeMutableBufferPointer { so in
                        newIndex.withUnsafeMutableBufferPointer { ni in
                            var end = 0
                            for position in 0..<n {
                                let old = Int(order[position])
                                let start = Int(o[old]), length = Int(o[old + 1]) - start
                                ni[old] = UInt32(position)
                                (sa.baseAddress! + end).update(from: a.baseAddress! + start, count: length)
                                end += length
                                so[position + 1] = UInt32(end)
                            }
                        }
                    }
                }
            }
        }
        return (CustomerIDs(arena: sortedArena, offsets: sortedOffsets), newIndex)
    }
}
