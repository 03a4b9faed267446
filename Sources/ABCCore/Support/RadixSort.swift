import Dispatch

/// Stable LSD radix sort of indices by 64-bit keys.
///
/// Written by hand because ranking is the hot path of every re-segmentation: a comparison
/// sort of 1M keys takes ~100 ms here, this takes a few ms. Passes whose byte is the same
/// for every key are skipped, so narrow keys cost fewer passes.
public enum RadixSort {
    /// Indices `0..<keys.count` ordered by ascending key; equal keys keep index order.
    public static func sortedIndices(keys: [UInt64]) -> [UInt32] {
        sortedIndices(keys: keys, initialOrder: nil)
    }

    /// `initialOrder` (a permutation) ordered by ascending key, stably.
    public static func sortedIndices(keys allKeys: [UInt64], initialOrder: [UInt32]?) -> [UInt32] {
        var order = initialOrder ?? (0..<UInt32(allKeys.count)).map { $0 }
        let n = order.count
        if n < 2 { return order }
        // Keys travel with indices so each pass reads them sequentially.
        var sortedKeys = [UInt64](repeating: 0, count: n)
        allKeys.withUnsafeBufferPointer { k in
            order.withUnsafeBufferPointer { o in
                for i in 0..<n { sortedKeys[i] = k[Int(o[i])] }
            }
        }
        // Histograms of all 8 bytes in one pass.
        var counts = [Int](repeating: 0, count: 8 * 256)
        sortedKeys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for key in k {
                    var v = key
                    for pass in 0..<8 {
                        c[pass * 256 + Int(v & 0xFF)] += 1
                        v >>= 8
                    }
                }
            }
        }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratch = [UInt32](repeating: 0, count: n)
        for pass in 0..<8 {
            let base = pass * 256
            if counts[base..<base + 256].contains(n) { continue }  // every key has the same byte
            var offsets = [Int](repeating: 0, count: 256)
            var sum = 0
            for b in 0..<256 {
                offsets[b] = sum
                sum += counts[base + b]
            }
            let shift = UInt64(pass * 8)
            sortedKeys.withUnsafeBufferPointer { src in
                order.withUnsafeBufferPointer { srcIdx in
                    scratchKeys.withUnsafeMutableBufferPointer { dst in
                        scratch.withUnsafeMutableBufferPointer { dstIdx in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let key = src[i]
                                    let b = Int((key >> shift) & 0xFF)
                                    let p = off[b]
                                    off[b] = p + 1
                                    dst[p] = key
                                    dstIdx[p] = srcIdx[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&sortedKeys, &scratchKeys)
            swap(&order, &scratch)
        }
        return order
    }

    /// An unsigned key whose ascending order is the descending order of `value`
    /// (-0.0 and 0.0 are equal; no NaN expected).
    @inline(__always)
    public static func descendingKey(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern  // -0.0 + 0.0 == +0.0
        let ascending = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        return ~ascending
    }

    /// An unsigned key whose ascending order is the descending order of `value`.
    @inline(__always)
    public static func descendingKey(_ value: Int64) -> UInt64 {
        ~(UInt64(bitPattern: value) ^ (1 << 63))
    }
}
