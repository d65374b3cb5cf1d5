/// NumPy's matrix norms (`norm(A, ord)` of a 2-D A), by NumPy's `ord`.
public enum MatrixNorm: Equatable, Sendable {
    /// `'fro'` (and `None`): √Σa², the Euclidean norm of the elements.
    case frobenius
    /// `'nuc'`: the sum of the singular values.
    case nuclear
    /// `2` and `-2`: the largest and the smallest singular value.
    case largestSingularValue, smallestSingularValue
    /// `1` and `-1`: the largest and the smallest column sum of |a|.
    case largestColumnSum, smallestColumnSum
    /// `inf` and `-inf`: the largest and the smallest row sum of |a|.
    case largestRowSum, smallestRowSum

    /// The norm NumPy's numeric `ord` names for a matrix (±1, ±2, ±∞), or nil.
    public init?(numpyOrder order: Double) {
        switch order {
        case 1: self = .largestColumnSum
        case -1: self = .smallestColumnSum
        case 2: self = .largestSingularValue
        case -2: self = .smallestSingularValue
        case .infinity: self = .largestRowSum
        case -.infinity: self = .smallestRowSum
        default: return nil
        }
    }
}

extension Tensor {
    /// A matrix norm of a matrix, or of each matrix of a stack `[..., m, n]`,
    /// made of differentiable operations (the singular values' through `svd`).
    ///
    /// - Throws: `invalidArgument` for a tensor that is not a matrix or a
    ///   stack of them, and for the extreme norms of an empty matrix.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matrixNorm(_ kind: MatrixNorm) throws -> Tensor {
        if rank > 2 { return try eachMatrix { [try $0.matrixNorm(kind)] }[0] }
        let (rows, columns) = try matrixShape(operation: "norm")
        if kind != .frobenius, kind != .nuclear, rows == 0 || columns == 0 {
            throw TensorError.invalidArgument(operation: "norm", reason: "\(kind) of an empty matrix of shape \(Shape.describe(shape)) is undefined")
        }
        switch kind {
        case .frobenius: return try norm()
        case .nuclear: return try svd().s.sum()
        case .largestSingularValue: return try svd().s.max()
        case .smallestSingularValue: return try svd().s.min()
        case .largestColumnSum: return try abs().sum(alongAxis: 0).max()
        case .smallestColumnSum: return try abs().sum(alongAxis: 0).min()
        case .largestRowSum: return try abs().sum(alongAxis: 1).max()
        case .smallestRowSum: return try abs().sum(alongAxis: 1).min()
        }
    }
}
