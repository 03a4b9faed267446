import Dispatch

/// Repeated simulation runs with drawn adopters and responders; percentiles by nearest rank.
///
/// Runs are independent streams (`RandomGenerator(seed:run:)`) and results are stored by run
/// number, so the summary is the same whatever the number of threads.
public enum MonteCarlo {
    /// The outcomes reported, per run.
    public struct RunOutcome: Sendable {
        public var deltaRevenue: Int128
        public var deltaProfit: Int128
        public var leverCost: Int128
        public var netContribution: Int128
        /// Per lever: ROI in basis points of a percent (nil without cost).
        public var leverROI: [Double?]
    }

    public struct Summary: Sendable {
        public var runs: Int
        public var seed: UInt64
        public var outcomes: [RunOutcome]

        /// The nearest-rank percentile `p` (0 < p ≤ 100) of a sorted list.
        public static func percentile<T: Comparable>(_ sorted: [T], _ p: Int) -> T {
            let rank = max(1, (p * sorted.count + 99) / 100)  // ⌈p·N/100⌉
            return sorted[rank - 1]
        }
    }

    /// `runs` draws of the levers. Polls `isCancelled` before each run (throws `Interrupted`)
    /// and reports the share of runs done to `progress`, up to a thousand times in all.
    public static func run(
        metrics: CustomerMetrics, segmentation: Segmentation, levers: [Lever], runs: Int, seed: UInt64,
        margin: AssumedMargin? = nil, threads: Int = 2, isCancelled: @Sendable () -> Bool = { false },
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> Summary {
        try run(metrics: metrics, segmentation: segmentation, targeted: levers.map { TargetedLever($0) }, runs: runs,
                seed: seed, margin: margin, threads: threads, isCancelled: isCancelled, progress: progress)
    }

    /// The same with levers that act on part of their tier (`TargetedLever`).
    public static func run(
        metrics: CustomerMetrics, segmentation: Segmentation, targeted levers: [TargetedLever], runs: Int, seed: UInt64,
        margin: AssumedMargin? = nil, threads: Int = 2, isCancelled: @Sendable () -> Bool = { false },
        progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> Summary {
        guard runs >= 1 else { throw RequestError("expected at least 1 run") }
        nonisolated(unsafe) var outcomes = [RunOutcome?](repeating: nil, count: runs)
        nonisolated(unsafe) var failure: Error?
        nonisolated(unsafe) var done = 0
        let reportEvery = max(1, runs / 1000)
        let lock = NSLockLike()
        let workers = max(1, min(threads, runs))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var run = worker
            while run < runs {
                if isCancelled() { return }
                do {
                    let outcome = try Simulator.run(
                        metrics: metrics, segmentation: segmentation, targeted: levers,
                        mode: .draw(seed: seed, run: UInt64(run)), margin: margin, place: false)
                    let after = outcome.totalAfter, before = outcome.totalBefore
                    let result = RunOutcome(
                        deltaRevenue: after.revenue - before.revenue,
                        deltaProfit: after.profit - before.profit,
                        leverCost: after.leverCost,
                        netContribution: after.netContribution,
                        leverROI: outcome.levers.map { l in l.roi.map { Double($0.numerator) / Double($0.denominator) } })
                    lock.withLock {
                        outcomes[run] = result
                        done += 1
                        if let progress, done % reportEvery == 0 { progress(Double(done) / Double(runs)) }
                    }
                } catch {
                    lock.withLock { failure = error }
                    return
                }
                run += workers
            }
        }
        if let failure { throw failure }
        if isCancelled() { throw Interrupted() }
        return Summary(runs: runs, seed: seed, outcomes: outcomes.map { $0! })
    }
}

/// A minimal lock (the core avoids Foundation's threading types).
final class NSLockLike: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
