extension Tensor {
    /// The minimum-norm X minimising ‖A·X − B‖ (NumPy's `lstsq` solution),
    /// for A of m × n and B of m (a vector) or m × k, by SVD (LAPACK's
    /// `gelsd`). Singular values below `rcond`·σ_max count as 0; by default
    /// rcond is machine epsilon·max(m, n), as in NumPy.
    ///
    /// Differentiable in A and B to any order where A's rank does not change.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func leastSquares(_ a: Tensor, _ b: Tensor, rcond: Double? = nil) throws -> Tensor {
        let (m, n) = try a.matrixShape(operation: "lstsq")
        guard b.rank == 1 || b.rank == 2, b.shape[0] == m else { throw TensorError.shapeMismatch(operation: "lstsq", a.shape, b.shape) }
        let threshold = rcond ?? Double(Scalar.ulpOfOne) * Double(Swift.max(m, n))
        guard threshold.isFinite, threshold >= 0 else {
            throw TensorError.invalidArgument(operation: "lstsq", reason: "rcond must be finite and at least 0, got \(threshold)")
        }
        return try leastSquares(a, b, threshold: threshold)
    }

    private static func leastSquares(_ a: Tensor, _ b: Tensor, threshold: Double) throws -> Tensor {
        let (m, n) = (a.shape[0], a.shape[1])
        let k = b.rank == 2 ? b.shape[1] : 1
        let outShape = b.rank == 2 ? [n, k] : [n]
        let values = try leastSquaresSolution(a, b, m: m, n: n, k: k, threshold: threshold)
        return .result(shape: outShape, scalars: values, parents: [a, b], operation: "lstsq", isDifferentiableTwice: true) { g in
            let x = GradientMode.isRecording ? try leastSquares(a, b, threshold: threshold) : Tensor(uncheckedShape: outShape, scalars: values)
            return try leastSquaresGradients(
                a, b.reshaped(to: [m, k]), x.reshaped(to: [n, k]), g.reshaped(to: [n, k]), threshold: threshold, bShape: b.shape)
        }
    }

    private static func leastSquaresSolution(_ a: Tensor, _ b: Tensor, m: Int, n: Int, k: Int, threshold: Double) throws -> [Scalar] {
        let count = try Shape.elementCount([n, k])
        let (aValues, bValues) = (try a.lapackElements(operation: "lstsq"), try b.lapackElements(operation: "lstsq"))
        guard m > 0, n > 0, k > 0 else { return [Scalar](repeating: 0, count: count) }
        let (solution, _) = try LAPACK.leastSquares(aValues, rows: m, columns: n, bValues, columns: k, rcond: threshold, operation: "lstsq")
        return elements(fromLAPACK: solution)
    }

    /// The gradients of X = A⁺B for the gradient G of X, from the derivative
    /// of the pseudo-inverse at constant rank (Golub and Pereyra):
    /// ∂B = A⁺ᵀG and ∂A = −A⁺ᵀG·Xᵀ + R·(A⁺A⁺ᵀG)ᵀ + A⁺ᵀX·((I − A⁺A)G)ᵀ with
    /// R = B − AX. Every A⁺ product is itself a least-squares solution, so
    /// the gradient is made of recorded operations.
    private static func leastSquaresGradients(
        _ a: Tensor, _ b: Tensor, _ x: Tensor, _ g: Tensor, threshold: Double, bShape: [Int]
    ) throws -> [Tensor?] {
        let aT = try a.transposed()
        let u = try leastSquares(aT, g, threshold: threshold)
        let v = try leastSquares(a, u, threshold: threshold)
        let w = try leastSquares(aT, x, threshold: threshold)
        let p = try g.subtracting(leastSquares(a, a.matmul(g), threshold: threshold))
        let r = try b.subtracting(a.matmul(x))
        let ga = try r.matmul(v.transposed()).subtracting(u.matmul(x.transposed())).adding(w.matmul(p.transposed()))
        return [ga, try u.reshaped(to: bShape)]
    }
}
