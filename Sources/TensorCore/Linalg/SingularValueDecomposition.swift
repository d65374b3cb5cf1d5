/// The singular value decomposition through LAPACK. Its gradient is not
/// computed: a backward pass through it throws, naming it.
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
}
