import Language
import TensorCore

/// Linear algebra through LAPACK (the closed-form fits of the book: least
/// squares, the Bayesian linear model, ensembles), with gradients for
/// solve, inv, det and lstsq.
enum LinearAlgebraBuiltins<Scalar: TensorScalar> {
    static var all: [Builtin] { [
        function("solve", ["a", "b"], "solve(A, b)", "x with A·x = b for a square, non-singular A (b a vector or a matrix)") {
            try Tensor.solve($0.tensor(0, Scalar.self), $0.tensor(1, Scalar.self))
        },
        function("inv", ["a"], "inv(A)", "the inverse of a square, non-singular matrix") { try $0.tensor(0, Scalar.self).inverse() },
        function("det", ["a"], "det(A)", "the determinant of a square matrix") { try $0.tensor(0, Scalar.self).determinant() },
        Builtin("lstsq", parameters: ["a", "b"], named: ["rcond"], help: help("lstsq(A, b, rcond: ε·max(m, n))", "the least-squares solution x minimising ‖A·x − b‖ (the minimum-norm one when A is rank-deficient)")) { a, _ in
            let rcond = try a.named("rcond").map { _ in try a.number(named: "rcond", default: 0) }
            return .tensor(try TensorErrors.translating { try Tensor.leastSquares(a.tensor(0, Scalar.self), a.tensor(1, Scalar.self), rcond: rcond) })
        },
        Builtin("svd", parameters: ["a"], named: ["full"], help: help("svd(A, full: false)", "the singular value decomposition A = U·diag(S)·Vt, as a record {u, s, vt} (S descending)")) { a, _ in
            let full = a.named("full")?.bool ?? false
            let (u, s, vt) = try TensorErrors.translating { try a.tensor(0, Scalar.self).svd(fullMatrices: full) }
            return .record(Record([("u", .tensor(u)), ("s", .tensor(s)), ("vt", .tensor(vt))]))
        },
        Builtin("eigh", parameters: ["a"], help: help("eigh(A)", "the eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix, as a record {values, vectors}; reads the lower triangle")) { a, _ in
            let (values, vectors) = try TensorErrors.translating { try a.tensor(0, Scalar.self).eigh() }
            return .record(Record([("values", .tensor(values)), ("vectors", .tensor(vectors))]))
        },
        Builtin("qr", parameters: ["a"], help: help("qr(A)", "the reduced QR factorisation A = Q·R, as a record {q, r}")) { a, _ in
            let (q, r) = try TensorErrors.translating { try a.tensor(0, Scalar.self).qr() }
            return .record(Record([("q", .tensor(q)), ("r", .tensor(r))]))
        },
        function("cholesky", ["a"], "cholesky(A)", "the lower-triangular L with A = L·Lᵀ, for a symmetric positive-definite A") { try $0.tensor(0, Scalar.self).cholesky() },
        Builtin("norm", parameters: ["x"], named: ["axis", "ord", "keep"], help: help("norm(x, axis: k, ord: 2)", "the Euclidean (Frobenius) norm, or along an axis; with `ord:` NumPy's norms: of a vector the p-norm (also inf, -inf, 0), of a matrix 1, 2, inf, their negatives, \"fro\" or \"nuc\"")) { a, _ in
            let x = try a.tensor(0, Scalar.self)
            return .tensor(try TensorErrors.translating {
                if let order = a.named("ord") { return try norm(x, order: order) }
                if let axis = try a.axis() { return try x.norm(alongAxis: axis, keepingDimension: a.named("keep")?.bool ?? false) }
                return try x.norm()
            })
        },
        function("slogdet", ["a"], "slogdet(A)", "the sign and log |det A| as a list [sign, logabsdet], without overflow for large matrices") { a in
            let (sign, logarithm) = try a.tensor(0, Scalar.self).signAndLogDeterminant()
            return try Tensor.stack([sign, logarithm])
        },
        Builtin("pinv", parameters: ["a"], named: ["rcond"], help: help("pinv(A, rcond: 1e-15)", "the Moore–Penrose pseudo-inverse")) { a, _ in
            let rcond = try a.named("rcond").map { _ in try a.number(named: "rcond", default: 0) }
            return .tensor(try TensorErrors.translating { try a.tensor(0, Scalar.self).pseudoInverse(rcond: rcond) })
        },
        function("matrix_rank", ["a"], "matrix_rank(A)", "the number of singular values above NumPy's default tolerance") { try $0.tensor(0, Scalar.self).matrixRank() },
        function("matrix_power", ["a", "n"], "matrix_power(A, n)", "A multiplied by itself n times (n < 0: of its inverse)") { try $0.tensor(0, Scalar.self).matrixPower($0.integer(1)) },
        function("trace", ["a"], "trace(A)", "the sum of the diagonal of a matrix") { try $0.tensor(0, Scalar.self).trace() },
        function("outer", ["a", "b"], "outer(a, b)", "the outer product of two vectors: a matrix with elements aᵢ·bⱼ") {
            try Tensor.outer($0.tensor(0, Scalar.self), $0.tensor(1, Scalar.self))
        },
        function("kron", ["a", "b"], "kron(A, B)", "the Kronecker product: a block matrix of aᵢⱼ·B") {
            try Tensor.kron($0.tensor(0, Scalar.self), $0.tensor(1, Scalar.self))
        },
    ] }

    /// NumPy's `norm(x, ord)`: a vector p-norm, or a matrix norm of a 2-D x.
    private static func norm(_ x: Tensor<Scalar>, order: Value) throws -> Tensor<Scalar> {
        switch (order, x.rank) {
        case (.string("fro"), 2...): return try x.matrixNorm(.frobenius)
        case (.string("nuc"), 2...): return try x.matrixNorm(.nuclear)
        case (.number(let p), 2):
            guard let kind = MatrixNorm(numpyOrder: p) else {
                throw DiagnosticError(.runtime, "norm: the order of a matrix norm is 1, 2, inf, their negatives, \"fro\" or \"nuc\"; got \(Formatting.number(p))")
            }
            return try x.matrixNorm(kind)
        case (.number(let p), _): return try x.norm(order: p)
        default:
            throw DiagnosticError(.type, "norm: 'ord:' must be a number, or \"fro\" or \"nuc\" for a matrix")
        }
    }

    /// A builtin of tensors to a tensor.
    private static func function(_ name: String, _ parameters: [String], _ form: String, _ summary: String,
                                 _ body: @escaping (Arguments) throws -> Tensor<Scalar>) -> Builtin {
        Builtin(name, parameters: parameters, help: help(form, summary)) { a, _ in
            .tensor(try TensorErrors.translating { try body(a) })
        }
    }

    private static func help(_ form: String, _ summary: String) -> BuiltinHelp {
        BuiltinHelp(.linearAlgebra, form, summary: summary)
    }
}
