import Foundation

/// The digamma function ψ = Γ'/Γ and its derivative, the trigamma ψ',
/// computed in Double: reflection below 0, the recurrence up to 10, then
/// the asymptotic series (its first omitted term is below 1e-16 there).
enum Polygamma {
    /// ψ(x); NaN at the poles 0, −1, −2, … and at −∞.
    static func digamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x <= 0 {
            if x.rounded() == x { return .nan }
            // ψ(x) = ψ(1 − x) − π/tan(πx), with πx reduced to (−π/2, π/2] first.
            return digamma(1 - x) - .pi / Foundation.tan(.pi * (x - x.rounded()))
        }
        var (z, shift) = (x, 0.0)
        while z < 10 { shift -= 1 / z; z += 1 }
        let w = 1 / (z * z)
        // Σ B₂ₙ/(2n·z²ⁿ) for n = 1…7, in Horner form.
        let series = w * (1.0 / 12 - w * (1.0 / 120 - w * (1.0 / 252 - w * (1.0 / 240 - w * (1.0 / 132 - w * (691.0 / 32760 - w / 12))))))
        return shift + Foundation.log(z) - 0.5 / z - series
    }

    /// ψ'(x); NaN at the poles and at −∞.
    static func trigamma(_ x: Double) -> Double {
        if x.isNaN || x == -.infinity { return .nan }
        if x <= 0 {
            if x.rounded() == x { return .nan }
            // ψ'(x) = π²/sin²(πx) − ψ'(1 − x).
            let s = Foundation.sin(.pi * (x - x.rounded()))
            return .pi * .pi / (s * s) - trigamma(1 - x)
        }
        var (z, shift) = (x, 0.0)
        while z < 10 { shift += 1 / (z * z); z += 1 }
        let w = 1 / (z * z)
        // 1/z + 1/(2z²) + Σ B₂ₙ/z²ⁿ⁺¹ for n = 1…7.
        let series = w * (1.0 / 6 - w * (1.0 / 30 - w * (1.0 / 42 - w * (1.0 / 30 - w * (5.0 / 66 - w * (691.0 / 2730 - w * 7 / 6))))))
        return shift + (1 + 0.5 / z + series) / z
    }
}
