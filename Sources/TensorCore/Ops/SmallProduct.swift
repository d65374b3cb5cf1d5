/// Matrix products too small for BLAS.
///
/// Below `limit` multiply-adds, a call into OpenBLAS (its lock, the thread
/// count check, the interface's argument checks and kernel dispatch) costs
/// more than the arithmetic: the lecture's 1-3-1 network multiplies 50×1 by
/// 1×3. Such products run here as plain loops.
enum SmallProduct {
    /// The multiply-adds at or below which products skip BLAS.
    static let limit = 4096

    /// Whether an m×k by k×n product is small enough for these loops.
    @inline(__always)
    static func applies(m: Int, n: Int, k: Int) -> Bool { m * n * k <= limit }

    /// C = op(A)·op(B) + (accumulate ? C : 0) for row-major matrices, with
    /// op(A) m×k and op(B) k×n (leading dimensions as in BLAS).
    @inline(__always)
    static func gemm<T: TensorScalar>(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        // op(A)[i, p] and op(B)[p, j] through the strides of the stored layout.
        let (aRow, aCol) = ta ? (1, lda) : (lda, 1)
        let (bRow, bCol) = tb ? (1, ldb) : (ldb, 1)
        if tb || n < 8 {
            // Dot products summed in a register: narrow rows of C, updated in
            // memory once per p, would chain every add through a store.
            for i in 0..<m {
                for j in 0..<n {
                    var sum: T = accumulate ? c[i * ldc + j] : 0
                    for p in 0..<k { sum += a[i * aRow + p * aCol] * b[p * bRow + j * bCol] }
                    c[i * ldc + j] = sum
                }
            }
        } else {
            // B stored k×n: C[i, :] += A[i, p]·B[p, :], rows of B and C
            // contiguous, so the innermost loop vectorises.
            for i in 0..<m {
                let row = c + i * ldc
                if !accumulate { row.update(repeating: 0, count: n) }
                for p in 0..<k {
                    let x = a[i * aRow + p * aCol]
                    let bRow = b + p * ldb
                    for j in 0..<n { row[j] += x * bRow[j] }
                }
            }
        }
    }
}

extension Tensor {
    /// C = op(A)·op(B) + β·C with β ∈ {0, 1}: the one entry point of the
    /// engine's products, choosing plain loops or BLAS by size, and cutting
    /// large products into blocks of C that run at the same time.
    @inline(__always)
    static func gemm(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) throws {
        if SmallProduct.applies(m: m, n: n, k: k) {
            SmallProduct.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                              accumulate: accumulate, c: c, ldc: ldc)
            return
        }
        let blas = try BLASLibrary.shared.get()
        let beta: Scalar = accumulate ? 1 : 0
        let parts = Parallelism.parts(m: m, n: n, k: k)
        // Each block re-packs the operand it shares with the others: cut
        // along C's longer side so that the shared operand is the smaller.
        if m >= n {
            try Parallelism.forEachRange(of: m, parts: parts, alignment: 16) { rows in
                blas.gemm(transposeA: ta, transposeB: tb, m: rows.count, n: n, k: k, alpha: 1,
                          a: a + (ta ? rows.lowerBound : rows.lowerBound * lda), lda: lda, b: b, ldb: ldb,
                          beta: beta, c: c + rows.lowerBound * ldc, ldc: ldc)
            }
        } else {
            try Parallelism.forEachRange(of: n, parts: parts, alignment: 16) { columns in
                blas.gemm(transposeA: ta, transposeB: tb, m: m, n: columns.count, k: k, alpha: 1,
                          a: a, lda: lda, b: b + (tb ? columns.lowerBound * ldb : columns.lowerBound), ldb: ldb,
                          beta: beta, c: c + columns.lowerBound, ldc: ldc)
            }
        }
    }
}
