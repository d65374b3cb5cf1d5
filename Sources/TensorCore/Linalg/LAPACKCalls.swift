/// LAPACK's routines on arrays of Double. Matrices go in and
/// come out in the engine's row-major order; the column-major copies
/// LAPACK needs are made here. Callers have checked shapes and finiteness
/// and handle empty matrices themselves (LAPACK wants leading sizes ≥ 1).
enum LAPACK {
    /// An LU factorisation P·A = L·U, column-major, with 1-based pivots.
    struct LUFactors {
        let lu: [Double]
        let pivots: [Int32]
        let size: Int
        /// Whether some diagonal element of U is exactly 0.
        let isSingular: Bool
    }

    static var routines: LAPACKRoutines { get throws { try LAPACKLibrary.shared.get() } }

    /// The transpose of a rows × columns row-major matrix: its column-major copy, and back.
    static func transposed(_ x: [Double], rows: Int, columns: Int) -> [Double] {
        ScalarBuffer.filledLikeInput(count: rows * columns) { out in
            for r in 0..<rows {
                for c in 0..<columns { out[c * rows + r] = x[r * columns + c] }
            }
        }
    }

    /// Throws for a negative `info`: LAPACK refused an argument, which the checks before the call should prevent.
    static func checkArguments(_ info: Int32, operation: String) throws {
        guard info >= 0 else {
            throw TensorError.invalidArgument(operation: operation, reason: "LAPACK rejected argument \(-info)")
        }
    }

    /// The work space a query (`lwork = -1`) reported, refused when larger than any tensor may be.
    static func workspace(_ reported: Double, operation: String) throws -> Int {
        let size = reported.rounded(.up)
        guard size.isFinite, size <= Double(Shape.maximumElementCount) else {
            throw TensorError.invalidArgument(operation: operation, reason: "needs more work space than a tensor may hold")
        }
        return Swift.max(Int(size), 1)
    }

    static func int(_ n: Int) -> Int32 { Int32(clamping: n) }

    /// LU factorisation with partial pivoting of an n × n row-major matrix (n ≥ 1).
    static func factorLU(_ a: [Double], size n: Int, operation: String) throws -> LUFactors {
        var lu = transposed(a, rows: n, columns: n)
        var pivots = [Int32](repeating: 0, count: n)
        var (rows, columns, lead, info) = (int(n), int(n), int(n), Int32(0))
        try routines.getrf(&rows, &columns, &lu, &lead, &pivots, &info)
        try checkArguments(info, operation: operation)
        return LUFactors(lu: lu, pivots: pivots, size: n, isSingular: info > 0)
    }

    /// X solving A·X = B from A's LU factors, for B of n × k (row-major), k ≥ 1.
    static func solveLU(_ factors: LUFactors, _ b: [Double], columns k: Int, operation: String) throws -> [Double] {
        let n = factors.size
        var x = transposed(b, rows: n, columns: k)
        var lu = factors.lu, pivots = factors.pivots
        var (size, count, leadA, leadB, info) = (int(n), int(k), int(n), int(n), Int32(0))
        try routines.getrs("N", &size, &count, &lu, &leadA, &pivots, &x, &leadB, &info, 1)
        try checkArguments(info, operation: operation)
        return transposed(x, rows: k, columns: n)
    }

    /// The minimum-norm least-squares solution of A·X ≈ B (A m × n, B m × k,
    /// all ≥ 1) by SVD, singular values below rcond·σ_max counting as 0.
    static func leastSquares(_ a: [Double], rows m: Int, columns n: Int, _ b: [Double], columns k: Int,
                             rcond: Double, operation: String) throws -> (solution: [Double], rank: Int) {
        var matrix = transposed(a, rows: m, columns: n)
        let lead = Swift.max(m, n)
        // B's columns padded to max(m, n) rows: the solution (n rows) is written over them.
        var rhs = [Double](repeating: 0, count: lead * k)
        for r in 0..<m { for c in 0..<k { rhs[c * lead + r] = b[r * k + c] } }
        var singular = [Double](repeating: 0, count: Swift.min(m, n))
        var (rows, columns, count, leadA, leadB) = (int(m), int(n), int(k), int(m), int(lead))
        var (threshold, rank, info) = (rcond, Int32(0), Int32(0))
        var query = [Double](repeating: 0, count: 1), integerQuery = [Int32](repeating: 0, count: 1), size = Int32(-1)
        let gelsd = try routines.gelsd
        gelsd(&rows, &columns, &count, &matrix, &leadA, &rhs, &leadB, &singular, &threshold, &rank, &query, &size, &integerQuery, &info)
        try checkArguments(info, operation: operation)
        var work = [Double](repeating: 0, count: try workspace(query[0], operation: operation))
        var integerWork = [Int32](repeating: 0, count: Swift.max(Int(integerQuery[0]), 1))
        size = int(work.count)
        gelsd(&rows, &columns, &count, &matrix, &leadA, &rhs, &leadB, &singular, &threshold, &rank, &work, &size, &integerWork, &info)
        try checkArguments(info, operation: operation)
        guard info == 0 else { throw notConverged(operation) }
        let solution: [Double] = try ScalarBuffer.filled(count: n * k) { out in
            for r in 0..<n { for c in 0..<k { out[r * k + c] = rhs[c * lead + r] } }
        }
        return (solution, Int(rank))
    }

    static func notConverged(_ operation: String) -> TensorError {
        .invalidArgument(operation: operation, reason: "the singular value decomposition did not converge")
    }
}
