extension Tensor {
    /// A = U·diag(S)·Vt (NumPy's `svd`) for an m × n matrix, singular values
    /// descending. With k = min(m, n): U is m × k and Vt k × n, or m × m and
    /// n × n with `fullMatrices`.
    ///
    /// Differentiable to any order when the factors are the reduced ones
    /// (not `fullMatrices` unless m = n), for functions that do not depend on
    /// the signs LAPACK chose for each pair of singular vectors (as
    /// U·diag(S)·Vt does not). Pairs of equal singular values are left out
    /// of the vectors' gradients, and zero singular values out of their
    /// components outside the span of the others (both undefined there).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func svd(fullMatrices: Bool = false) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        if rank > 2 {
            let outputs = try eachMatrix { let (u, s, vt) = try $0.svd(fullMatrices: fullMatrices); return [u, s, vt] }
            return (outputs[0], outputs[1], outputs[2])
        }
        let (m, n) = try matrixShape(operation: "svd")
        let values = try lapackElements(operation: "svd")
        let k = Swift.min(m, n)
        let (uColumns, vtRows) = fullMatrices ? (m, n) : (k, k)
        guard k > 0 else {
            let (u, vt) = (try Tensor.eye(fullMatrices ? m : 0), try Tensor.eye(fullMatrices ? n : 0))
            return (try u.reshaped(to: [m, uColumns]), Tensor(uncheckedShape: [0], scalars: []), try vt.reshaped(to: [vtRows, n]))
        }
        let (u, s, vt) = try LAPACK.singularValueDecomposition(values, rows: m, columns: n, full: fullMatrices, operation: "svd")
        guard !fullMatrices || m == n else {
            return (resultWithoutGradient(shape: [m, m], values: u, operation: "svd(fullMatrices: true)"),
                    resultWithoutGradient(shape: [k], values: s, operation: "svd(fullMatrices: true)"),
                    resultWithoutGradient(shape: [n, n], values: vt, operation: "svd(fullMatrices: true)"))
        }
        let factors = SVDFactors(u: Tensor(uncheckedShape: [m, k], scalars: Self.elements(fromLAPACK: u)),
                                 s: Tensor(uncheckedShape: [k], scalars: Self.elements(fromLAPACK: s)),
                                 vt: Tensor(uncheckedShape: [k, n], scalars: Self.elements(fromLAPACK: vt)))
        return (recordedFactor(factors.u, factors, part: .u), recordedFactor(factors.s, factors, part: .s),
                recordedFactor(factors.vt, factors, part: .vt))
    }

    /// The three reduced factors.
    struct SVDFactors {
        let u: Tensor, s: Tensor, vt: Tensor
    }

    private enum SVDFactor { case u, s, vt }

    /// One factor of the SVD as a recorded result: its share of Ā, the
    /// others' gradients taken as 0, from the factors recomputed as
    /// recorded operations when recording.
    private func recordedFactor(_ factor: Tensor, _ factors: SVDFactors, part: SVDFactor) -> Tensor {
        .result(shape: factor.shape, scalars: factor.scalars, parents: [self], operation: "svd", isDifferentiableTwice: true) {
            [self] g in
            let current = GradientMode.isRecording ? try self.svd() : (factors.u, factors.s, factors.vt)
            let at = SVDFactors(u: current.0, s: current.1, vt: current.2)
            switch part {
            case .u: return [try Self.svdGradient(at, gu: g)]
            case .s: return [try at.u.multiplying(g).matmul(at.vt)]  // U·diag(S̄)·Vt
            case .vt: return [try Self.svdGradient(at, gvt: g)]
            }
        }
    }
}
