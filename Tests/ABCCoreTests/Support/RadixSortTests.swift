import Testing
@testable import ABCCore

@Suite("RadixSort")
struct RadixSortTests {
    /// The reference: indices by ascending key, ties by index (a stable sort).
    static func reference(_ keys: [UInt64]) -> [UInt32] {
        (0..<UInt32(keys.count)).sorted { a, b in
            keys[Int(a)] != keys[Int(b)] ? keys[Int(a)] < keys[Int(b)] : a < b
        }
    }

    @Test func smallByHand() {
        // keys 3,1,2,1: the two 1s (indices 1 and 3) first in index order, then 2, then 3.
        #expect(RadixSort.sortedIndices(keys: [3, 1, 2, 1]) == [1, 3, 2, 0])
        #expect(RadixSort.sortedIndices(keys: []) == [])
        #expect(RadixSort.sortedIndices(keys: [42]) == [0])
        // Keys differing only in the top byte.
        #expect(RadixSort.sortedIndices(keys: [1 << 63, 1 << 56, 0]) == [2, 1, 0])
    }

    @Test(arguments: [
        (UInt64(1), 5_000, UInt64(16)),  // narrow keys: many ties
        (2, 5_000, UInt64.max),  // full-width keys
        (3, 3_000, 1 << 20),  // middle bytes only
        (4, 1, UInt64.max),
        (5, 2, 2),
    ])
    func stableAgainstReference(seed: UInt64, count: Int, bound: UInt64) {
        var rng = SplitMix64(seed: seed)
        let keys = (0..<count).map { _ in bound == .max ? rng.next() : rng.next() % bound }
        #expect(RadixSort.sortedIndices(keys: keys) == Self.reference(keys))
    }

    /// Heavy-tailed scores as a re-segmentation makes them (most near 0, a few large, zeros
    /// and ties): more keys than `parallelThreshold`, so two threads, and buckets of the
    /// first pass both large (radix-sorted) and small (insertion-sorted).
    @Test(arguments: [UInt64(8), 9])
    func skewedScoresOnTwoThreads(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = RadixSort.parallelThreshold * 2 + 17
        let scores: [Double] = (0..<count).map { _ in
            let x = Double(rng.next() >> 11) / Double(UInt64(1) << 53)
            switch rng.next() % 10 {
            case 0: return 0
            case 1: return Double(rng.next() % 50) / 64
            default: return x * x * x * x * x * x
            }
        }
        let keys = scores.map(RadixSort.descendingKey)
        #expect(RadixSort.sortedIndices(keys: keys) == Self.reference(keys))
        // From a reversed initial order, ties come out reversed.
        let reversed = (0..<UInt32(count)).reversed().map { $0 }
        let expected = reversed.sorted { a, b in
            keys[Int(a)] != keys[Int(b)] ? keys[Int(a)] < keys[Int(b)] : a > b
        }
        #expect(RadixSort.sortedIndices(keys: keys, initialOrder: reversed) == expected)
    }

    /// Keys of a first-pass bucket that agree on the 24 bits below its top but differ lower
    /// down: the runs the LSD passes leave are sorted on the rest, by insertion (short runs)
    /// or by further passes (long ones), stably.
    @Test(arguments: zip([UInt64(21), 22, 23], [UInt64(3), 300, 1]))
    func runsEqualInTheTopBits(seed: UInt64, prefixes: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = RadixSort.parallelThreshold + 999
        let keys = (0..<count).map { _ -> UInt64 in
            let bucket = (rng.next() % 4) << 60, prefix = (rng.next() % prefixes) << 40
            return bucket | prefix | (rng.next() % 4 == 0 ? 7 : rng.next() % (1 << 16))
        }
        #expect(RadixSort.sortedIndices(keys: keys) == Self.reference(keys))
        let reversed = (0..<UInt32(count)).reversed().map { $0 }
        let expected = reversed.sorted { a, b in
            keys[Int(a)] != keys[Int(b)] ? keys[Int(a)] < keys[Int(b)] : a > b
        }
        #expect(RadixSort.sortedIndices(keys: keys, initialOrder: reversed) == expected)
    }

    @Test func initialOrderIsKeptForTies() {
        // Keys 5,5,1,5 starting from the order 3,2,1,0: key 1 (index 2) first, then the 5s
        // in the initial order 3,1,0.
        #expect(RadixSort.sortedIndices(keys: [5, 5, 1, 5], initialOrder: [3, 2, 1, 0]) == [2, 3, 1, 0])
    }

    @Test func descendingDoubleKeys() {
        let values: [Double] = [1.5, -2.0, 0.0, -0.0, 3.25, -1e300, 1e300, .infinity, -.infinity, 1.5]
        let order = RadixSort.sortedIndices(keys: values.map(RadixSort.descendingKey))
        // Descending: +inf(7), 1e300(6), 3.25(4), 1.5(0), 1.5(9), 0.0(2), -0.0(3) (equal to 0.0,
        // so index order), -2(1), -1e300(5), -inf(8).
        #expect(order == [7, 6, 4, 0, 9, 2, 3, 1, 5, 8])
        #expect(RadixSort.descendingKey(0.0) == RadixSort.descendingKey(-0.0))
    }

    @Test func descendingIntegerKeys() {
        let values: [Int64] = [0, .min, 1, -1, .max, 1]
        let order = RadixSort.sortedIndices(keys: values.map(RadixSort.descendingKey))
        // max(4), 1(2), 1(5), 0(0), -1(3), min(1).
        #expect(order == [4, 2, 5, 0, 3, 1])
    }

    @Test func randomDoublesDescendingStable() {
        var rng = SplitMix64(seed: 7)
        // Scores on a coarse grid (many ties) and some negatives.
        let values: [Double] = (0..<4_000).map { _ in Double(Int(rng.next() % 41) - 10) / 8 }
        let order = RadixSort.sortedIndices(keys: values.map(RadixSort.descendingKey))
        let indices: [UInt32] = Array(0..<UInt32(values.count))
        let expected = indices.sorted { (a: UInt32, b: UInt32) -> Bool in
            let x = values[Int(a)], y = values[Int(b)]
            return x != y ? x > y : a < b
        }
        #expect(order == expected)
    }
}
