extension Tensor {
    /// X with A·X = B (NumPy's `solve`), for a square A of n × n and B of
    /// n (a vector) or n × k, by LU factorisation with partial pivoting.
    /// Differentiable in A and B to any order.
    ///
    /// - Throws: `invalidArgument` naming the shape when A is not square,
    ///   singular or not finite; `shapeMismatch` when B does not fit.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func solve(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        if a.rank > 2 || b.rank > 2 { return try solveStacks(a, b) }
        return try solve(a, b, operation: "solve")
    }

    static func solve(_ a: Tensor, _ b: Tensor, operation: String) throws -> Tensor {
        let n = try a.squareMatrixSize(operation: operation)
        guard b.rank == 1 || b.rank == 2, b.shape[0] == n else { throw TensorError.shapeMismatch(operation: operation, a.shape, b.shape) }
        let k = b.rank == 2 ? b.shape[1] : 1
        let values = try solution(a, b, size: n, columns: k, operation: operation)
        return .result(shape: b.shape, scalars: values, parents: [a, b], operation: operation, isDifferentiableTwice: true) { g in
            // X = A⁻¹B: ∂B = A⁻ᵀG and ∂A = −∂B·Xᵀ; X recomputed as a
            // recorded operation when recording (the result is not held).
            let x = GradientMode.isRecording ? try solve(a, b, operation: operation) : Tensor(uncheckedShape: b.shape, scalars: values)
            let gb = try solve(a.transposed(), g, operation: operation)
            let ga = try gb.reshaped(to: [n, k]).matmul(x.reshaped(to: [n, k]).transposed()).negated()
            return [ga, gb]
        }
    }

    private static func solution(_ a: Tensor, _ b: Tensor, size n: Int, columns k: Int, operation: String) throws -> [Scalar] {
        guard n > 0 else { return [] }
        let factors = try LAPACK.factorLU(a.lapackElements(operation: operation), size: n, operation: operation)
        guard !factors.isSingular else { throw singularMatrix(a.shape, operation: operation) }
        guard k > 0 else { return [] }
        return elements(fromLAPACK: try LAPACK.solveLU(factors, b.lapackElements(operation: operation), columns: k, operation: operation))
    }

    static func singularMatrix(_ shape: [Int], operation: String) -> TensorError {
        .invalidArgument(operation: operation, reason: "the matrix of shape \(Shape.describe(shape)) is singular")
    }

    /// The inverse of a square matrix (`inv`), differentiable to any order
    /// (the gradient is −A⁻ᵀ·G·A⁻ᵀ). Throws for a singular matrix.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func inverse() throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.inverse()] }[0] }
        let n = try squareMatrixSize(operation: "inv")
        return try Self.solve(self, Tensor.eye(n), operation: "inv")
    }

    /// The determinant of a square matrix (`det`; 1 for 0 × 0), from its LU
    /// factors: the product of U's diagonal, negated for each row swap.
    /// Its gradient is the cofactor matrix: det·A⁻ᵀ, or from the SVD when A
    /// is singular (first derivatives only in that case).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func determinant() throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.determinant()] }[0] }
        let n = try squareMatrixSize(operation: "det")
        let (value, isSingular) = n == 0 ? (1, false) : try Self.luDeterminant(lapackElements(operation: "det"), size: n)
        return .result(shape: [], scalars: [Scalar(value)], parents: [self], operation: "det", isDifferentiableTwice: true) {
            [self] g in
            guard isSingular else {
                let det = GradientMode.isRecording ? try self.determinant() : Tensor(Scalar(value))
                return [try g.multiplying(det).multiplying(self.inverse().transposed())]
            }
            if GradientMode.isRecording { throw TensorError.higherOrderUnsupported(operation: "det of a singular matrix") }
            return [try g.multiplying(Tensor(uncheckedShape: [n, n], scalars: Self.elements(fromLAPACK: self.singularCofactors(size: n))))]
        }
    }

    /// The determinant from LU factors, and whether U has a zero pivot.
    static func luDeterminant(_ a: [Double], size n: Int) throws -> (value: Double, isSingular: Bool) {
        let factors = try LAPACK.factorLU(a, size: n, operation: "det")
        var value = 1.0
        for i in 0..<n {
            value *= factors.lu[i * n + i]
            if factors.pivots[i] != Int32(i + 1) { value = -value }
        }
        return (value, factors.isSingular)
    }

    /// The cofactor matrix adj(A)ᵀ of a singular A = U·S·Vᵀ: det(U)·det(Vᵀ)·
    /// U·diag(Π_{j≠i} s_j)·Vᵀ, the limit of det·A⁻ᵀ.
    private func singularCofactors(size n: Int) throws -> [Double] {
        let (u, s, vt) = try LAPACK.singularValueDecomposition(lapackElements(operation: "det"), rows: n, columns: n, full: false, operation: "det")
        let orientation = try Self.luDeterminant(u, size: n).value * Self.luDeterminant(vt, size: n).value
        var others = [Double](repeating: orientation, count: n)
        for i in 0..<n { for j in 0..<n where j != i { others[i] *= s[j] } }
        var cofactors = [Double](repeating: 0, count: n * n)
        for r in 0..<n {
            for c in 0..<n {
                for i in 0..<n { cofactors[r * n + c] += u[r * n + i] * others[i] * vt[i * n + c] }
            }
        }
        return cofactors
    }
}
