#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock time from a monotonic clock, for `timer on` and the benchmark.
public struct Stopwatch: Sendable {
    private var start: Double

    public init() { start = Self.now() }

    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Seconds since the start (or the last lap), restarting the count.
    public mutating func lap() -> Double {
        let t = Self.now()
        defer { start = t }
        return t - start
    }

    public var elapsed: Double { Self.now() - start }
}
