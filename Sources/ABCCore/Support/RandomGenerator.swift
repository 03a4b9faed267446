/// xoshiro256** seeded through SplitMix64: the documented generator of Monte Carlo runs.
///
/// Run r of seed s starts from SplitMix64(s + r × golden ratio), so each run has its own
/// stream and results do not depend on how runs are spread over threads.
public struct RandomGenerator: Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64, run: UInt64 = 0) {
        var x = seed &+ run &* 0x9E37_79B9_7F4A_7C15
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// True with probability `rate` exactly to 2⁻⁵³: the top 53 bits against rate × 2⁵³.
    @inline(__always)
    public mutating func bernoulli(_ threshold: UInt64) -> Bool { next() >> 11 < threshold }

    /// The threshold for `bernoulli` of a rate in [0, 1].
    public static func threshold(_ rate: ExactRate) -> UInt64 {
        let scaled = Int128(rate.numerator) << 53 / Int128(rate.denominator)
        return UInt64(max(0, min(Int128(1) << 53, scaled)))
    }
}
