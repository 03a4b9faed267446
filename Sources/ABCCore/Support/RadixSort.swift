import Dispatch

/// Stable radix sort of indices by 64-bit keys.
///
/// Written by hand because ranking is the hot path of every re-segmentation: a comparison
/// sort of 1M keys takes ~100 ms here, this takes a few ms. Only the bits in which some keys
/// differ are sorted on. One pass on the top 8 of them splits the keys into buckets; each
/// bucket is then sorted on its next 24 bits by LSD passes of 8 bits (moving those bits and
/// the index packed in one word), and the few runs of keys equal in those on the rest, on
/// data small enough to stay in L2 (a global LSD sort streams all 24 MB through L3 on every pass, and
/// wider digits measured slower: too many write streams for L1). Passes whose digit is
/// the same for every key are skipped. Large inputs are split over two threads (issue 16:
/// `abc bench --reseg`).
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
        guard let (low, high) = keys.withUnsafeBufferPointer(Self.varyingBits) else {
            return initialOrder ?? identity()  // all keys equal
        }
        let top = Digit(shift: max(low, high - digitWidth), width: min(digitWidth, high - low))
        let workers = n >= parallelThreshold ? 2 : 1
        let uninitialized = { [UInt64](unsafeUninitializedCapacity: n) { _, count in count = n } }
        let uninitializedOrder = { [UInt32](unsafeUninitializedCapacity: n) { _, count in count = n } }
        var keysA = uninitialized(), keysB = uninitialized()
        var orderA = uninitializedOrder(), sorted = uninitializedOrder()
        // The top digit holds the highest varying bit, so some keys differ in it and
        // `offsets` is never nil.
        var offsets = Self.offsets(Self.counts(of: keys, digit: top, workers: workers), buckets: top.buckets, n: n)
            ?? []
        let starts = Array(offsets.prefix(top.buckets)) + [n]
        keys.withUnsafeBufferPointer { src in
            (initialOrder ?? []).withUnsafeBufferPointer { srcOrder in
                keysA.withUnsafeMutableBufferPointer { keysA in
                    keysB.withUnsafeMutableBufferPointer { keysB in
                        orderA.withUnsafeMutableBufferPointer { orderA in
                            sorted.withUnsafeMutableBufferPointer { sorted in
                                offsets.withUnsafeMutableBufferPointer { offsets in
                                    let first = Scatter(
                                        src: src, srcOrder: srcOrder.isEmpty ? nil : srcOrder, dst: keysA,
                                        dstOrder: orderA, digit: top, writesKeys: true, offsets: offsets)
                                    let chunk = (n + workers - 1) / workers
                                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                                        first.run(
                                            from: w * chunk, to: min(n, (w + 1) * chunk),
                                            offsets: w * top.buckets..<(w + 1) * top.buckets)
                                    }
                                    let buckets = Buckets(
                                        keys: keysA, order: orderA, scratchKeys: keysB,
                                        sorted: sorted, keyOfIndex: allKeys)
                                    // Each thread takes about half of the keys, in whole buckets.
                                    let split = workers == 1 ? top.buckets : starts.firstIndex { $0 >= n / 2 } ?? top.buckets
                                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                                        let mine = w == 0 ? 0..<split : split..<top.buckets
                                        buckets.sort(mine.lazy.map { starts[$0]..<starts[$0 + 1] })
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sorted
    }

    /// Below this many keys one thread sorts (starting a second costs more than it saves).
    static let parallelThreshold = 1 << 16

    /// Digits of 8 bits, 256 buckets.
    static let digitWidth = 8

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

    /// The lowest bit and one past the highest in which two keys differ; nil when all are equal.
    static func varyingBits(of keys: UnsafeBufferPointer<UInt64>) -> (low: Int, high: Int)? {
        guard let first = keys.first else { return nil }
        var varying: UInt64 = 0
        for key in keys { varying |= key ^ first }
        guard varying != 0 else { return nil }
        return (varying.trailingZeroBitCount, 64 - varying.leadingZeroBitCount)
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
                    let c = UnsafeMutableBufferPointer(rebasing: job.counts[w * buckets..<(w + 1) * buckets])
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

    /// The buckets of the first pass, sorted on their lower bits one at a time.
    struct Buckets: @unchecked Sendable {
        /// Keys and indices bucket by bucket, as the first pass left them.
        let keys: UnsafeMutableBufferPointer<UInt64>
        let order: UnsafeMutableBufferPointer<UInt32>
        /// Where the packed words of a bucket's passes go back and forth with `keys`.
        let scratchKeys: UnsafeMutableBufferPointer<UInt64>
        /// The result.
        let sorted: UnsafeMutableBufferPointer<UInt32>
        /// Every key by index, for the runs that need their whole keys.
        let keyOfIndex: [UInt64]

        /// Below this many keys a bucket is insertion-sorted (a radix pass costs 256 counts).
        static let small = 32

        func sort(_ ranges: some Sequence<Range<Int>>) {
            var counts = [Int](repeating: 0, count: 1 << digitWidth)
            counts.withUnsafeMutableBufferPointer { counts in
                for range in ranges where !range.isEmpty {
                    if range.count < Self.small { insertionSort(range) } else { radixSort(range, counts: counts) }
                }
            }
        }

        /// A few keys: sorted in place, then their indices to `sorted`.
        private func insertionSort(_ range: Range<Int>) {
            Self.insertionSort(UnsafeMutableBufferPointer(rebasing: keys[range]), UnsafeMutableBufferPointer(rebasing: order[range]))
            for i in range { sorted[i] = order[i] }
        }

        /// LSD passes on the bucket's top `prefixBits` varying bits only, then each run of keys
        /// equal in those bits sorted on its own: scores of a million customers mostly differ
        /// there, so three passes do what seven did (issue 16; an MSD recursion instead moved
        /// less data but mispredicted a branch per small part, and measured slower). The
        /// passes move one word per key, its prefix bits above its index, not a key and an
        /// index: two thirds of the bytes and half the write streams.
        private func radixSort(_ range: Range<Int>, counts: UnsafeMutableBufferPointer<Int>) {
            let keys = UnsafeMutableBufferPointer(rebasing: self.keys[range])
            let order = UnsafeMutableBufferPointer(rebasing: self.order[range])
            let out = UnsafeMutableBufferPointer(rebasing: sorted[range])
            // Keys of a bucket agree on the first pass's bits, so only lower bits vary.
            guard let (low, high) = RadixSort.varyingBits(of: UnsafeBufferPointer(keys)) else {
                for i in 0..<range.count { out[i] = order[i] }
                return
            }
            let passLow = max(low, high - Self.prefixBits)
            let mask = (UInt64(1) << UInt64(high - passLow)) - 1
            // The bucket's keys are read once more, here; runs look theirs up by index.
            let packedA = UnsafeMutableBufferPointer(rebasing: scratchKeys[range]), packedB = keys
            for i in 0..<range.count {
                packedA[i] = ((keys[i] &>> UInt64(passLow)) & mask) << 32 | UInt64(order[i])
            }
            var src = packedA, dst = packedB
            for shift in stride(from: 32, to: 32 + high - passLow, by: digitWidth) {
                let digit = Digit(shift: shift, width: min(digitWidth, 32 + high - passLow - shift))
                if Self.pass(from: src, to: dst, digit: digit, counts: counts) { swap(&src, &dst) }
            }
            let n = range.count
            guard passLow > low else {
                for i in 0..<n { out[i] = UInt32(truncatingIfNeeded: src[i]) }  // prefix = whole key
                return
            }
            var i = 0
            while i < n {
                let prefix = src[i] &>> 32
                var j = i + 1
                while j < n && src[j] &>> 32 == prefix { j += 1 }
                if j - i == 1 {
                    out[i] = UInt32(truncatingIfNeeded: src[i])
                } else {
                    sortRun(UnsafeBufferPointer(rebasing: src[i..<j]), into: UnsafeMutableBufferPointer(rebasing: out[i..<j]))
                }
                i = j
            }
        }

        /// The indices of a run (in the order the passes left them, which ties keep) sorted
        /// by their whole keys.
        private func sortRun(_ packed: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<UInt32>) {
            var runKeys = packed.map { keyOfIndex[Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF)] }
            var runOrder = packed.map { UInt32(truncatingIfNeeded: $0) }
            runKeys.withUnsafeMutableBufferPointer { k in
                runOrder.withUnsafeMutableBufferPointer { o in
                    guard k.count >= Self.small, let (low, high) = RadixSort.varyingBits(of: UnsafeBufferPointer(k)) else {
                        Self.insertionSort(k, o)
                        for i in 0..<o.count { out[i] = o[i] }
                        return
                    }
                    var scratchKeys = [UInt64](repeating: 0, count: k.count), scratchOrder = [UInt32](repeating: 0, count: k.count)
                    var counts = [Int](repeating: 0, count: 1 << digitWidth)
                    scratchKeys.withUnsafeMutableBufferPointer { sk in
                        scratchOrder.withUnsafeMutableBufferPointer { so in
                            counts.withUnsafeMutableBufferPointer { counts in
                                _ = Self.lsd((k, o), (sk, so), bits: low..<high, counts: counts, out: out)
                            }
                        }
                    }
                }
            }
        }

        /// One stable counting pass of packed words on `digit`; false (nothing moved) when
        /// every word has the same digit.
        private static func pass(
            from src: UnsafeMutableBufferPointer<UInt64>, to dst: UnsafeMutableBufferPointer<UInt64>, digit: Digit,
            counts: UnsafeMutableBufferPointer<Int>
        ) -> Bool {
            for b in 0..<digit.buckets { counts[b] = 0 }
            for word in src { counts[digit.of(word)] += 1 }
            var sum = 0
            for b in 0..<digit.buckets {
                let c = counts[b]
                if c == src.count { return false }
                counts[b] = sum
                sum += c
            }
            for word in src {
                let b = digit.of(word), p = counts[b]
                counts[b] = p &+ 1
                dst[p] = word
            }
            return true
        }

        /// Bits of a bucket's keys the LSD passes sort on before runs are sorted alone.
        static let prefixBits = 3 * digitWidth

        /// Stable LSD passes on `bits`, from `a` to `b` and back. With `out`, the last pass
        /// writes the indices there and nil is returned; else the pair holding the result.
        private static func lsd(
            _ a: (UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<UInt32>),
            _ b: (UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<UInt32>),
            bits: Range<Int>, counts: UnsafeMutableBufferPointer<Int>, out: UnsafeMutableBufferPointer<UInt32>?
        ) -> (UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<UInt32>)? {
            var src = a, dst = b
            let count = a.0.count
            let digits = stride(from: bits.lowerBound, to: bits.upperBound, by: digitWidth).map {
                Digit(shift: $0, width: min(digitWidth, bits.upperBound - $0))
            }
            for (pass, digit) in digits.enumerated() {
                for b in 0..<digit.buckets { counts[b] = 0 }
                for key in src.0 { counts[digit.of(key)] += 1 }
                var sum = 0
                var skip = false
                for b in 0..<digit.buckets {
                    let c = counts[b]
                    if c == count { skip = true }
                    counts[b] = sum
                    sum += c
                }
                if skip { continue }
                let writesOut = out != nil && pass == digits.count - 1
                let scatter = Scatter(
                    src: UnsafeBufferPointer(src.0), srcOrder: UnsafeBufferPointer(src.1), dst: dst.0,
                    dstOrder: writesOut ? out ?? dst.1 : dst.1, digit: digit, writesKeys: !writesOut, offsets: counts)
                scatter.run(from: 0, to: count, offsets: 0..<digit.buckets)
                if writesOut { return nil }
                swap(&src, &dst)
            }
            guard let out else { return src }
            for i in 0..<count { out[i] = src.1[i] }
            return nil
        }

        /// Stable: a key moves only past greater keys.
        private static func insertionSort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ order: UnsafeMutableBufferPointer<UInt32>) {
            for i in keys.indices.dropFirst() {
                let key = keys[i], index = order[i]
                var j = i
                while j > 0 && keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    order[j] = order[j - 1]
                    j -= 1
                }
                keys[j] = key
                order[j] = index
            }
        }
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
        /// Each bucket's next place, advanced as keys go there (a thread's own at `offsets` of `run`).
        let offsets: UnsafeMutableBufferPointer<Int>

        /// Moves keys `start..<end`, with the bucket places at `range` of `offsets`.
        func run(from start: Int, to end: Int, offsets range: Range<Int>) {
            let off = UnsafeMutableBufferPointer(rebasing: offsets[range])
            // The four loops differ only in what they read and write; written out so that
            // none tests a flag per key.
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
