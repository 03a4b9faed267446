import Dispatch

/// Stable LSD radix sort of indices by 64-bit keys.
///
/// Written by hand because ranking is the hot path of every re-segmentation: a comparison
/// sort of 1M keys takes ~100 ms here, this takes a few ms. Only the bits in which some keys
/// differ are sorted on, in digits of at most 11 bits (2,048 buckets: the offsets stay in L1),
/// so the scores of a re-segmentation take 5–6 passes instead of 8; a digit that is the same
/// for every key is skipped. Large inputs are counted and scattered by two threads
/// (issue 16: `abc bench --reseg`).
public enum RadixSort {
    /// Indices `0..<keys.count` ordered by ascending key; equal keys keep index order.
    public static func sortedIndices(keys: [UInt64]) -> [UInt32] {
        sortedIndices(keys: keys, initialOrder: nil)
    }

    /// `initialOrder` (a permutation of `keys`' indices) ordered by ascending key, stably.
    public static func sortedIndices(keys allKeys: [UInt64], initialOrder: [UInt32]?) -> [UInt32] {
        let n = initialOrder?.count ?? allKeys.count
        let identity = { (0..<UInt32(n)).map { $0 } }
        if n < 2 { return initialOrder ?? identity() }
        // Keys travel with indices so each pass reads them sequentially.
        let keys = initialOrder.map { o in o.map { allKeys[Int($0)] } } ?? allKeys
        let digits = Self.digits(of: keys)
        if digits.isEmpty { return initialOrder ?? identity() }
        let workers = n >= parallelThreshold ? 2 : 1
        var keysA = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var keysB = [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n }
        var orderA = initialOrder ?? []
        var orderB = [UInt32](unsafeUninitializedCapacity: n) { _, count in count = n }
        // The first pass reads the caller's keys (and, without an initial order, the index
        // itself); later passes go back and forth between the A and B buffers.
        var pass = 0
        for (index, digit) in digits.enumerated() {
            let isLast = index == digits.count - 1
            let counts = Self.counts(of: pass == 0 ? keys : keysA, digit: digit, workers: workers)
            guard let offsets = Self.offsets(counts, buckets: digit.buckets, n: n) else { continue }  // one bucket holds every key
            let source = pass == 0 ? keys : keysA
            let sourceOrder = orderA
            keysB.withUnsafeMutableBufferPointer { dst in
                orderB.withUnsafeMutableBufferPointer { dstOrder in
                    source.withUnsafeBufferPointer { src in
                        sourceOrder.withUnsafeBufferPointer { srcOrder in
                            let jobs = Scatter(
                                src: src, srcOrder: srcOrder.isEmpty ? nil : srcOrder, dst: dst, dstOrder: dstOrder,
                                digit: digit, writesKeys: !isLast)
                            let chunk = (n + workers - 1) / workers
                            DispatchQueue.concurrentPerform(iterations: workers) { w in
                                let buckets = digit.buckets
                                jobs.run(from: w * chunk, to: min(n, (w + 1) * chunk),
                                         offsets: Array(offsets[w * buckets..<(w + 1) * buckets]))
                            }
                        }
                    }
                }
            }
            swap(&keysA, &keysB)
            swap(&orderA, &orderB)
            if orderB.isEmpty { orderB = [UInt32](unsafeUninitializedCapacity: n) { _, count in count = n } }
            pass += 1
        }
        return pass == 0 ? (initialOrder ?? identity()) : orderA
    }

    /// Digits of 8 bits: 11 (2,048 buckets, one pass fewer) measured slower here, its
    /// 4,096 write streams do not stay in L1.
    static let maxDigitWidth = 8

    /// Below this many keys one thread sorts (starting a second costs more than it saves).
    static let parallelThreshold = 1 << 16

    /// A digit: `width` bits of the key from bit `shift`.
    struct Digit {
        let shift: UInt64
        let mask: UInt64
        let buckets: Int

        init(shift: Int, width: Int) {
            self.shift = UInt64(shift)
            buckets = 1 << width
            mask = UInt64(buckets - 1)
        }

        @inline(__always) func of(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &>> shift) & mask) }
    }

    /// The digits, least significant first, that cover every bit in which two keys differ,
    /// of equal width up to 11 bits; none when all keys are equal.
    static func digits(of keys: [UInt64]) -> [Digit] {
        guard let first = keys.first else { return [] }
        var varying: UInt64 = 0
        for key in keys { varying |= key ^ first }
        guard varying != 0 else { return [] }
        let low = varying.trailingZeroBitCount, high = 64 - varying.leadingZeroBitCount
        let passes = (high - low + maxDigitWidth - 1) / maxDigitWidth
        let width = (high - low + passes - 1) / passes
        return (0..<passes).map { Digit(shift: low + $0 * width, width: width) }
    }

    /// Per worker (a contiguous share of the keys), the count of each bucket of `digit`:
    /// worker w's counts at `w * digit.buckets`.
    static func counts(of keys: [UInt64], digit: Digit, workers: Int) -> [Int] {
        let n = keys.count, chunk = (n + workers - 1) / workers, buckets = digit.buckets
        var counts = [Int](repeating: 0, count: workers * buckets)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { all in
                let job = Count(keys: k, counts: all)
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let c = job.counts.baseAddress! + w * buckets  // non-empty: workers * buckets > 0
                    for i in w * chunk..<min(n, (w + 1) * chunk) { c[digit.of(job.keys[i])] += 1 }
                }
            }
        }
        return counts
    }

    /// What the counting threads share; each writes only its own counts.
    struct Count: @unchecked Sendable {
        let keys: UnsafeBufferPointer<UInt64>
        let counts: UnsafeMutableBufferPointer<Int>
    }

    /// Per worker, where its first key of each bucket goes: after the smaller buckets, and
    /// after the earlier workers' keys of the same bucket (which keeps the sort stable).
    /// Nil when one bucket holds all `n` keys, so the pass would change nothing.
    static func offsets(_ counts: [Int], buckets: Int, n: Int) -> [Int]? {
        let workers = counts.count / buckets
        var offsets = [Int](repeating: 0, count: counts.count)
        var sum = 0
        for b in 0..<buckets {
            let start = sum
            for w in 0..<workers {
                offsets[w * buckets + b] = sum
                sum += counts[w * buckets + b]
            }
            if sum - start == n { return nil }
        }
        return offsets
    }

    /// One pass: moves keys (unless it is the last pass) and indices to their bucket's place.
    struct Scatter: @unchecked Sendable {
        let src: UnsafeBufferPointer<UInt64>
        /// Nil on a first pass without an initial order: the index is the position.
        let srcOrder: UnsafeBufferPointer<UInt32>?
        let dst: UnsafeMutableBufferPointer<UInt64>
        let dstOrder: UnsafeMutableBufferPointer<UInt32>
        let digit: Digit
        let writesKeys: Bool

        func run(from start: Int, to end: Int, offsets: [Int]) {
            var offsets = offsets
            offsets.withUnsafeMutableBufferPointer { off in
                // The four loops differ only in what they read and write; written out so
                // that none tests a flag per key.
                switch (srcOrder, writesKeys) {
                case (let order?, true):
                    for i in start..<end {
                        let key = src[i], b = digit.of(key), p = off[b]
                        off[b] = p &+ 1
                        dst[p] = key
                        dstOrder[p] = order[i]
                    }
                case (let order?, false):
                    for i in start..<end {
                        let key = src[i], b = digit.of(key), p = off[b]
                        off[b] = p &+ 1
                        dstOrder[p] = order[i]
                    }
                case (nil, true):
                    for i in start..<end {
                        let key = src[i], b = digit.of(key), p = off[b]
                        off[b] = p &+ 1
                        dst[p] = key
                        dstOrder[p] = UInt32(truncatingIfNeeded: i)
                    }
                case (nil, false):
                    for i in start..<end {
                        let key = src[i], b = digit.of(key), p = off[b]
                        off[b] = p &+ 1
                        dstOrder[p] = UInt32(truncatingIfNeeded: i)
                    }
                }
            }
        }
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
