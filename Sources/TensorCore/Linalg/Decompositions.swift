/// Matrix decompositions through LAPACK. Their gradients are not computed:
/// a backward pass through one throws, naming it.
extension Tensor {
    /// A = U·diag(S)·Vt (NumPy's `svd`) for an m × n matrix, singular values
    /// descending. With r = min(m, n): U is m × r and Vt r × n, or m × m and
    /// n × n with `fullMatrices`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func svd(fullMatrices: Bool = false) throws -> (u: Tensor, s: Tensor, vt: Tensor) {
        let (m, n) = try matrixShape(operation: "svd")
        let values = try lapackElements(operation: "svd")
        let r = Swift.min(m, n)
        let (uRows, vtColumns) = fullMatrices ? (m, n) : (r, r)
        guard r > 0 else {
            let (u, vt) = (try Tensor.eye(fullMatrices ? m : 0), try Tensor.eye(fullMatrices ? n : 0))
            return (try u.reshaped(to: [m, uRows]), Tensor(uncheckedShape: [0], scalars: []), try vt.reshaped(to: [vtColumns, n]))
        }
        let (u, s, vt) = try LAPACK.singularValueDecomposition(values, rows: m, columns: n, full: fullMatrices, operation: "svd")
        return (resultWithoutGradient(shape: [m, uRows], values: u, operation: "svd"),
                resultWithoutGradient(shape: [r], values: s, operation: "svd"),
                resultWithoutGradient(shape: [vtColumns, n], values: vt, operation: "svd"))
    }

    /// The eigenvalues (ascending) and eigenvectors (columns, orthonormal)
    /// of a symmetric matrix (NumPy's `eigh`); only the lower triangle is read.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func eigh() throws -> (values: Tensor, vectors: Tensor) {
        let n = try squareMatrixSize(operation: "eigh")
        let elements = try lapackElements(operation: "eigh")
        guard n > 0 else { return (Tensor(uncheckedShape: [0], scalars: []), Tensor(uncheckedShape: [0, 0], scalars: [])) }
        let (values, vectors) = try LAPACK.symmetricEigensystem(elements, size: n, operation: "eigh")
        return (resultWithoutGradient(shape: [n], values: values, operation: "eigh"),
                resultWithoutGradient(shape: [n, n], values: vectors, operation: "eigh"))
    }

    /// A = Q·R (NumPy's reduced `qr`) for an m × n matrix: with r = min(m, n),
    /// Q is m × r with orthonormal columns and R r × n upper triangular.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func qr() throws -> (q: Tensor, r: Tensor) {
        let (m, n) = try matrixShape(operation: "qr")
        let elements = try lapackElements(operation: "qr")
        let r = Swift.min(m, n)
        guard r > 0 else { return (Tensor(uncheckedShape: [m, 0], scalars: []), Tensor(uncheckedShape: [0, n], scalars: [])) }
        let (q, upper) = try LAPACK.qrDecomposition(elements, rows: m, columns: n, operation: "qr")
        return (resultWithoutGradient(shape: [m, r], values: q, operation: "qr"),
                resultWithoutGradient(shape: [r, n], values: upper, operation: "qr"))
    }

    /// The lower-triangular L with A = L·Lᵀ (NumPy's `cholesky`) of a
    /// symmetric positive-definite matrix; only the lower triangle is read.
    ///
    /// - Throws: `invalidArgument` naming the shape when the matrix is not
    ///   positive definite.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cholesky() throws -> Tensor {
        let n = try squareMatrixSize(operation: "cholesky")
        let elements = try lapackElements(operation: "cholesky")
        guard n > 0 else { return Tensor(uncheckedShape: [0, 0], scalars: []) }
        guard let factor = try LAPACK.choleskyFactor(elements, size: n, operation: "cholesky") else {
            throw TensorError.invalidArgument(
                operation: "cholesky", reason: "the matrix of shape \(Shape.describe(shape)) is not positive definite")
        }
        return resultWithoutGradient(shape: [n, n], values: factor, operation: "cholesky")
    }
}
