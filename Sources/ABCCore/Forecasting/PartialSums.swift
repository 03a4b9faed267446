import Dispatch

/// Sums over many customers on two threads: each thread sums its half, and the halves are
/// added in order, so the result depends only on the input (the split is fixed), never on
/// timing. Small inputs use one thread.
enum PartialSums {
    static let parallelThreshold = 50_000

    /// `body(range)` returns the sums of its range; they are added half by half.
    static func sum(count: Int, width: Int, _ body: @Sendable (Range<Int>) -> [Double]) -> [Double] {
        let workers = count >= parallelThreshold ? 2 : 1
        let chunk = (count + workers - 1) / workers
        let parts = Parts(workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            parts.set(w, body((w * chunk)..<min(count, (w + 1) * chunk)))
        }
        var total = [Double](repeating: 0, count: width)
        for part in parts.values {
            for k in 0..<min(width, part.count) { total[k] += part[k] }
        }
        return total
    }

    /// One slot per worker, each written only by its own.
    private final class Parts: @unchecked Sendable {
        var values: [[Double]]
        init(_ n: Int) { values = [[Double]](repeating: [], count: n) }
        func set(_ w: Int, _ v: [Double]) { values[w] = v }
    }
}
