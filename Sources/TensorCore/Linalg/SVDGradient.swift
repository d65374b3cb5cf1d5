/// The gradient of A = U·diag(S)·Vᵀ through U or Vt (the reduced factors,
/// k = min(m, n) columns): with dP = Uᵀ·dA·V, UᵀdU and VᵀdV are skew-symmetric,
/// and solving dP = UᵀdU·S + dS − S·VᵀdV for their off-diagonal parts gives
/// Ā = U·((J + Jᵀ)·S)·Vᵀ + (I − UUᵀ)·Ū·S⁻¹·Vᵀ through U, with J = F∘(UᵀŪ),
/// and Ā = U·(S·(K + Kᵀ))·Vᵀ + U·S⁻¹·V̄ᵀ·(I − VVᵀ) through V, with K = F∘(VᵀV̄)
/// and F_ij = 1/(s_j² − s_i²) (0 on the diagonal and for equal values).
extension Tensor {
    static func svdGradient(_ f: SVDFactors, gu: Tensor) throws -> Tensor {
        let (m, k) = (f.u.shape[0], f.u.shape[1])
        let j = try gapReciprocals(f.s).multiplying(f.u.transposed().matmul(gu))
        var ga = try f.u.matmul(j.adding(j.transposed()).multiplying(f.s.reshaped(to: [1, k]))).matmul(f.vt)
        if m > k {
            // Ū's part outside U's columns: (I − UUᵀ)·Ū·S⁻¹·Vᵀ.
            let outside = try gu.subtracting(f.u.matmul(f.u.transposed().matmul(gu)))
            ga = try ga.adding(outside.multiplying(reciprocalsOrZero(f.s).reshaped(to: [1, k])).matmul(f.vt))
        }
        return ga
    }

    static func svdGradient(_ f: SVDFactors, gvt: Tensor) throws -> Tensor {
        let (k, n) = (f.vt.shape[0], f.vt.shape[1])
        // V̄ = V̄tᵀ, so VᵀV̄ = Vt·V̄tᵀ.
        let kk = try gapReciprocals(f.s).multiplying(f.vt.matmul(gvt.transposed()))
        var ga = try f.u.matmul(kk.adding(kk.transposed()).multiplying(f.s.reshaped(to: [k, 1]))).matmul(f.vt)
        if n > k {
            // V̄'s part outside V's columns: U·S⁻¹·V̄ᵀ·(I − VVᵀ).
            let outside = try gvt.subtracting(gvt.matmul(f.vt.transposed()).matmul(f.vt))
            ga = try ga.adding(f.u.matmul(outside.multiplying(reciprocalsOrZero(f.s).reshaped(to: [k, 1]))))
        }
        return ga
    }

    /// F_ij = 1/(s_j² − s_i²) off the diagonal, 0 on it and where s_i = s_j.
    static func gapReciprocals(_ s: Tensor) throws -> Tensor {
        let k = s.shape[0]
        let squares = try s.multiplying(s)
        let gaps = try squares.reshaped(to: [1, k]).subtracting(squares.reshaped(to: [k, 1]))
        return try quotientOrZero(Tensor.ones([k, k]).subtracting(Tensor.eye(k)), gaps)
    }

    /// 1/s, and 0 where s = 0.
    static func reciprocalsOrZero(_ s: Tensor) throws -> Tensor {
        try quotientOrZero(Tensor.ones(s.shape), s)
    }
}
