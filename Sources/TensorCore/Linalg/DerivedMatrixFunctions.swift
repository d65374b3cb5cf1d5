/// NumPy's `slogdet`, `pinv`, `matrix_rank` and `matrix_power`, built on the
/// factorisations; each takes a matrix or a stack of them.
extension Tensor {
    /// The sign (−1, 0 or 1) and the logarithm of the absolute value of the
    /// determinant (NumPy's `slogdet`), which overflow and underflow cannot
    /// reach: (0, −∞) for a singular matrix. The logarithm's gradient is A⁻ᵀ
    /// (recorded, so differentiable to any order), and throws for a singular
    /// matrix; the sign has none.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func signAndLogDeterminant() throws -> (sign: Tensor, logAbsoluteValue: Tensor) {
        if rank > 2 {
            let outputs = try eachMatrix { let (sign, log) = try $0.signAndLogDeterminant(); return [sign, log] }
            return (outputs[0], outputs[1])
        }
        let n = try squareMatrixSize(operation: "slogdet")
        let (sign, log) = n == 0 ? (1, 0) : try Self.luSignAndLog(lapackElements(operation: "slogdet"), size: n)
        let logResult = Tensor.result(shape: [], scalars: [Scalar(log)], parents: [self], operation: "slogdet", isDifferentiableTwice: true) {
            [self] g in [try g.multiplying(Self.solve(self.transposed(), Tensor.eye(n), operation: "slogdet"))]  // A⁻ᵀ
        }
        return (Tensor(Scalar(sign)), logResult)
    }

    /// The sign and log |det| from LU factors: Σ log |u_ii|, the sign flipped
    /// by each negative u_ii and each row swap.
    static func luSignAndLog(_ a: [Double], size n: Int) throws -> (sign: Double, log: Double) {
        let factors = try LAPACK.factorLU(a, size: n, operation: "slogdet")
        guard !factors.isSingular else { return (0, -.infinity) }
        var (sign, log) = (1.0, 0.0)
        for i in 0..<n {
            let pivot = factors.lu[i * n + i]
            log += Double.log(Swift.abs(pivot))
            if (pivot < 0) != (factors.pivots[i] != Int32(i + 1)) { sign = -sign }
        }
        return (sign, log)
    }

    /// The Moore–Penrose pseudo-inverse (NumPy's `pinv`): the least-squares
    /// solutions for the columns of the identity, singular values below
    /// rcond·σ_max counting as 0 (`leastSquares`'s default rcond). Differentiable
    /// to any order where the rank does not change.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func pseudoInverse(rcond: Double? = nil) throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.pseudoInverse(rcond: rcond)] }[0] }
        let (rows, _) = try matrixShape(operation: "pinv")
        return try Self.leastSquares(self, Tensor.eye(rows), rcond: rcond)
    }

    /// The number of singular values above `tolerance` (NumPy's
    /// `matrix_rank`; by default σ_max·max(m, n)·ε). No gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matrixRank(tolerance: Double? = nil) throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.matrixRank(tolerance: tolerance)] }[0] }
        let (m, n) = try matrixShape(operation: "matrix_rank")
        let singular = try GradientMode.withoutGradients { try detached().svd().s.scalars }
        let largest = Double(singular.first ?? 0)
        let threshold = tolerance ?? largest * Double(Swift.max(m, n)) * Double(Scalar.ulpOfOne)
        guard !threshold.isNaN else {
            throw TensorError.invalidArgument(operation: "matrix_rank", reason: "the tolerance must be a number")
        }
        return Tensor(Scalar(singular.filter { Double($0) > threshold }.count))
    }

    /// The square matrix (or each of a stack) raised to a whole power
    /// (NumPy's `matrix_power`) by repeated squaring: the identity for 0, and
    /// powers of the inverse for negative n. Differentiable to any order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matrixPower(_ exponent: Int) throws -> Tensor {
        guard rank >= 2, shape[rank - 1] == shape[rank - 2] else {
            throw TensorError.invalidArgument(
                operation: "matrix_power", reason: "needs a square matrix or a stack of them, got shape \(Shape.describe(shape))")
        }
        var base = exponent < 0 ? try inverse() : self
        var result = try Tensor.eye(shape[rank - 1]).broadcasted(toShape: shape)
        var remaining = exponent.magnitude
        while remaining > 0 {
            if remaining & 1 == 1 { result = try result.matmul(base) }
            remaining >>= 1
            if remaining > 0 { base = try base.matmul(base) }
        }
        return result
    }
}
