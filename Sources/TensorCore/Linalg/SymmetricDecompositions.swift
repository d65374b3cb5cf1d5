/// Decompositions of symmetric matrices that read only the lower triangle,
/// with gradients: the gradient of such a function is 0 above the diagonal,
/// and an element below it gets both mirror entries' shares.
extension Tensor {
    /// The eigenvalues (ascending) and eigenvectors (columns, orthonormal)
    /// of a symmetric matrix (NumPy's `eigh`); only the lower triangle is
    /// read. Differentiable to any order; an eigenvector's gradient leaves
    /// out the coupling to eigenvectors of an equal eigenvalue (undefined there).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func eigh() throws -> (values: Tensor, vectors: Tensor) {
        if rank > 2 {
            let outputs = try eachMatrix { let (w, v) = try $0.eigh(); return [w, v] }
            return (outputs[0], outputs[1])
        }
        let n = try squareMatrixSize(operation: "eigh")
        let elements = try lapackElements(operation: "eigh")
        guard n > 0 else { return (Tensor(uncheckedShape: [0], scalars: []), Tensor(uncheckedShape: [0, 0], scalars: [])) }
        let system = try LAPACK.symmetricEigensystem(elements, size: n, operation: "eigh")
        let w = Tensor(uncheckedShape: [n], scalars: Self.elements(fromLAPACK: system.values))
        let v = Tensor(uncheckedShape: [n, n], scalars: Self.elements(fromLAPACK: system.vectors))
        // Each output records its own share: V·diag(ḡ_w)·Vᵀ, and V·(F∘VᵀḠ_V)·Vᵀ
        // with F_ij = 1/(w_j − w_i). Recomputed as recorded operations when recording.
        let values = Tensor.result(shape: [n], scalars: w.scalars, parents: [self], operation: "eigh", isDifferentiableTwice: true) {
            [self] g in
            let v = GradientMode.isRecording ? try self.eigh().vectors : v
            return [try Self.lowerTriangleGradient(v.multiplying(g).matmul(v.transposed()))]
        }
        let vectors = Tensor.result(shape: [n, n], scalars: v.scalars, parents: [self], operation: "eigh", isDifferentiableTwice: true) {
            [self] g in
            let (w, v) = GradientMode.isRecording ? try self.eigh() : (w, v)
            let gaps = try w.reshaped(to: [1, n]).subtracting(w.reshaped(to: [n, 1]))
            let offDiagonal = try Tensor.ones([n, n]).subtracting(Tensor.eye(n))
            let coupling = try Self.quotientOrZero(offDiagonal, gaps).multiplying(v.transposed().matmul(g))
            return [try Self.lowerTriangleGradient(v.matmul(coupling).matmul(v.transposed()))]
        }
        return (values, vectors)
    }

    /// The lower-triangular L with A = L·Lᵀ (NumPy's `cholesky`) of a
    /// symmetric positive-definite matrix; only the lower triangle is read.
    /// Differentiable to any order: Ā = L⁻ᵀ·Φ(Lᵀ·Ḡ)·L⁻¹, Φ taking the lower
    /// triangle with half the diagonal.
    ///
    /// - Throws: `invalidArgument` naming the shape when the matrix is not
    ///   positive definite.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cholesky() throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.cholesky()] }[0] }
        let n = try squareMatrixSize(operation: "cholesky")
        let elements = try lapackElements(operation: "cholesky")
        guard n > 0 else { return Tensor(uncheckedShape: [0, 0], scalars: []) }
        guard let factor = try LAPACK.choleskyFactor(elements, size: n, operation: "cholesky") else {
            throw TensorError.invalidArgument(
                operation: "cholesky", reason: "the matrix of shape \(Shape.describe(shape)) is not positive definite")
        }
        let values = Self.elements(fromLAPACK: factor)
        return .result(shape: [n, n], scalars: values, parents: [self], operation: "cholesky", isDifferentiableTwice: true) {
            [self] g in
            let l = GradientMode.isRecording ? try self.cholesky() : Tensor(uncheckedShape: [n, n], scalars: values)
            let lt = try l.transposed()
            let projected = try lt.matmul(g).multiplying(Self.lowerTriangleWeights(n))
            let left = try Self.solve(lt, projected, operation: "cholesky")
            return [try Self.lowerTriangleGradient(Self.solve(lt, left.transposed(), operation: "cholesky").transposed())]
        }
    }

    /// 1 below the diagonal, ½ on it, 0 above: Φ as a mask.
    static func lowerTriangleWeights(_ n: Int) -> Tensor {
        let weights: [Scalar] = ScalarBuffer.filledLikeInput(count: n * n) { out in
            for i in 0..<n { for j in 0..<n { out[i * n + j] = j < i ? 1 : (j == i ? 0.5 : 0) } }
        }
        return Tensor(uncheckedShape: [n, n], scalars: weights)
    }

    /// The gradient with respect to a matrix of which only the lower triangle
    /// is read, from the gradient S with respect to the symmetric matrix it
    /// stands for: S_ij + S_ji below the diagonal, S_ii on it, 0 above.
    static func lowerTriangleGradient(_ s: Tensor) throws -> Tensor {
        try s.adding(s.transposed()).multiplying(lowerTriangleWeights(s.shape[0]))
    }
}
