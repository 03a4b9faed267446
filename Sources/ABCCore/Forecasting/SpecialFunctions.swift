import Foundation

/// The few special functions the purchase models need, written here because Foundation has
/// only `lgamma` and no Swift package on this machine offers digamma or Gauss's
/// hypergeometric function (swift-numerics stops at the elementary functions).
enum SpecialFunctions {
    /// ln Γ(x) for x > 0.
    @inline(__always)
    static func logGamma(_ x: Double) -> Double { Foundation.lgamma(x) }

    /// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then
    /// the asymptotic series (error below 1e-15 there).
    static func digamma(_ x: Double) -> Double {
        var x = x
        var shift = 0.0
        while x < 10 {
            shift -= 1 / x
            x += 1
        }
        let inv = 1 / x, inv2 = inv * inv
        // Bernoulli terms B₂ₖ / (2k x²ᵏ), k = 1…7.
        let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
            - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))))
        return shift + log(x) - 0.5 * inv - series
    }

    /// Gauss's ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series; nil when it does not settle
    /// within `maxTerms` (z very close to 1).
    static func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int = 1_000_000) -> Double? {
        var term = 1.0, sum = 1.0
        var k = 0.0
        for _ in 0..<maxTerms {
            let ratio = (a + k) * (b + k) / ((c + k) * (k + 1)) * z
            term *= ratio
            sum += term
            k += 1
            // Stop when the next ratio is below 1 and the tail it bounds is negligible.
            let next = abs((a + k) * (b + k) / ((c + k) * (k + 1)) * z)
            if next < 1 && abs(term) * next / (1 - next) <= 1e-17 * abs(sum) { return sum }
        }
        return nil
    }
}

/// ln Γ(x), short for the models' formulas.
@inline(__always)
func lg(_ x: Double) -> Double { SpecialFunctions.logGamma(x) }
