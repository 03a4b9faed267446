/// The exact stepping of `sweep` and the bisection of `seek`, over setting values held as
/// integers in 1/10,000 units (the money scale): no value is ever a rounded Double.
public enum SettingSteps {
    /// How many values `from`, `from + step`, … ≤ `to` there are (`step` > 0, `from` ≤ `to`).
    public static func count(from: Int64, to: Int64, step: Int64) -> Int {
        Int(clamping: (Int128(to) - Int128(from)) / Int128(step) + 1)
    }

    /// The values `from`, `from + step`, … up to `to`.
    public static func values(from: Int64, to: Int64, step: Int64) -> [Int64] {
        (0..<count(from: from, to: to, step: step)).map { from + Int64($0) * step }
    }
}

public enum SettingSearch {
    public struct Result: Equatable, Sendable {
        /// The smallest setting that reaches the target when the figure rises with the
        /// setting, the largest when it falls; nil when no setting in the range does.
        public var answer: Int64?
        /// The roundest setting (whole, then 1 or 2 decimals) on the answer's side that still
        /// reaches the target, when it differs from the answer.
        public var roundest: Int64?
    }

    /// Bisection for the setting at which `figure` reaches `target`, over settings that are
    /// multiples of `step` apart from the range's start (1 for 4 decimals, 10,000 for whole
    /// numbers). Assumes the figure moves one way over the range; the ends are tried first.
    public static func seek(
        _ target: Double, over range: ClosedRange<Int64>, step: Int64, figure: (Int64) throws -> Double
    ) rethrows -> Result {
        var lo = range.lowerBound, hi = range.upperBound
        let fLo = try figure(lo), fHi = try figure(hi)
        guard (fLo - target) * (fHi - target) <= 0 else { return Result(answer: nil, roundest: nil) }
        let rising = fHi >= fLo
        // An end that already reaches the target is the answer.
        if rising && fLo >= target { hi = lo }
        if !rising && fHi >= target { lo = hi }
        while hi - lo > step {
            let mid = lo + (hi - lo) / step / 2 * step
            if try (figure(mid) < target) == rising { lo = mid } else { hi = mid }
        }
        let answer = rising ? hi : lo
        var roundest: Int64?
        if step < 10_000 {
            for unit: Int64 in [10_000, 1_000, 100] {
                let candidate = rising ? ceiling(answer, unit) : floor(answer, unit)
                guard range.contains(candidate), candidate != answer else { continue }
                if try figure(candidate) >= target {  // the answer side: at or past the target, either way
                    roundest = candidate
                    break
                }
            }
        }
        return Result(answer: answer, roundest: roundest)
    }

    /// The multiple of `unit` at or below `value`.
    static func floor(_ value: Int64, _ unit: Int64) -> Int64 {
        let r = value % unit
        return r < 0 ? value - r - unit : value - r
    }

    /// The multiple of `unit` at or above `value`.
    static func ceiling(_ value: Int64, _ unit: Int64) -> Int64 {
        let f = floor(value, unit)
        return f == value ? value : f + unit
    }
}
