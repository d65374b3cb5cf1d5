extension Tensor {
    /// A = Q·R (NumPy's reduced `qr`) for an m × n matrix: with r = min(m, n),
    /// Q is m × r with orthonormal columns and R r × n upper triangular.
    /// Differentiable to any order where A's first r columns are independent
    /// (R's leading block invertible); otherwise the backward pass throws.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func qr() throws -> (q: Tensor, r: Tensor) {
        if rank > 2 {
            let outputs = try eachMatrix { let (q, r) = try $0.qr(); return [q, r] }
            return (outputs[0], outputs[1])
        }
        let (m, n) = try matrixShape(operation: "qr")
        let elements = try lapackElements(operation: "qr")
        let k = Swift.min(m, n)
        guard k > 0 else { return (Tensor(uncheckedShape: [m, 0], scalars: []), Tensor(uncheckedShape: [0, n], scalars: [])) }
        let factors = try LAPACK.qrDecomposition(elements, rows: m, columns: n, operation: "qr")
        let q = Tensor(uncheckedShape: [m, k], scalars: Self.elements(fromLAPACK: factors.q))
        let r = Tensor(uncheckedShape: [k, n], scalars: Self.elements(fromLAPACK: factors.r))
        // Each output records its share of Ā (the other output's gradient taken as 0),
        // from Q and R recomputed as recorded operations when recording.
        let qResult = Tensor.result(shape: q.shape, scalars: q.scalars, parents: [self], operation: "qr", isDifferentiableTwice: true) {
            [self] g in
            let (q, r) = GradientMode.isRecording ? try self.qr() : (q, r)
            return [try Self.qrGradient(self, q: q, r: r, gq: g, gr: Tensor.zeros(r.shape))]
        }
        let rResult = Tensor.result(shape: r.shape, scalars: r.scalars, parents: [self], operation: "qr", isDifferentiableTwice: true) {
            [self] g in
            let (q, r) = GradientMode.isRecording ? try self.qr() : (q, r)
            return [try Self.qrGradient(self, q: q, r: r, gq: Tensor.zeros(q.shape), gr: g)]
        }
        return (qResult, rResult)
    }

    /// Ā for the gradients Q̄, R̄ of A = QR. For m < n, A = [X | Y] with
    /// X square: R = [R_X | QᵀY], so Ȳ = Q·R̄_Y and X is a square QR whose
    /// Q̄ gains Y·R̄_Yᵀ.
    static func qrGradient(_ a: Tensor, q: Tensor, r: Tensor, gq: Tensor, gr: Tensor) throws -> Tensor {
        let (m, n) = (a.shape[0], a.shape[1])
        guard m < n else { return try tallQRGradient(q: q, r: r, gq: gq, gr: gr) }
        let (left, right): ([TensorIndex], [TensorIndex]) = ([.all, .range(0, m, nil)], [.all, .range(m, nil, nil)])
        let (y, grY) = (try a.slice(right), try gr.slice(right))
        let gx = try tallQRGradient(q: q, r: r.slice(left), gq: gq.adding(y.matmul(grY.transposed())), gr: gr.slice(left))
        return try concatenate([gx, q.matmul(grY)], alongAxis: 1)
    }

    /// Ā = (Q̄ + Q·copyltu(M))·R⁻ᵀ with M = R̄·Rᵀ − Qᵀ·Q̄ and copyltu(M) M's upper
    /// triangle mirrored below the diagonal, for m ≥ n: from QᵀdQ being
    /// skew-symmetric and dR·R⁻¹ upper triangular.
    static func tallQRGradient(q: Tensor, r: Tensor, gq: Tensor, gr: Tensor) throws -> Tensor {
        let n = r.shape[0]
        let m = try gr.matmul(r.transposed()).subtracting(q.transposed().matmul(gq))
        let upper = try m.multiplying(triangleMask(n, includingDiagonal: true))
        let strictUpper = try m.multiplying(triangleMask(n, includingDiagonal: false))
        let b = try gq.adding(q.matmul(upper.adding(strictUpper.transposed())))
        return try solve(r, b.transposed(), operation: "qr").transposed()
    }

    /// 1 on and above the diagonal (or strictly above), 0 elsewhere.
    static func triangleMask(_ n: Int, includingDiagonal: Bool) -> Tensor {
        let mask: [Scalar] = ScalarBuffer.filledLikeInput(count: n * n) { out in
            for i in 0..<n { for j in 0..<n { out[i * n + j] = j > i || (includingDiagonal && j == i) ? 1 : 0 } }
        }
        return Tensor(uncheckedShape: [n, n], scalars: mask)
    }
}
