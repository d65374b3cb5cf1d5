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
    ///
    /// Index arithmetic wraps (`&*`, `&+`): the callers' shapes bound every
    /// index, and overflow checks in the inner loops cost more than the
    /// multiply-adds and keep them from vectorising.
    @inline(__always)
    static func gemm<T: TensorScalar>(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        // op(A)[i, p] and op(B)[p, j] through the strides of the stored layout.
        let (aRow, aCol) = ta ? (1, lda) : (lda, 1)
        let (bRow, bCol) = tb ? (1, ldb) : (ldb, 1)
        if k == 1, n < 8 {
            // A narrow outer product (the gradient of a layer of a few
            // inputs): column by column, each factor of B in a register,
            // where a row of three is too short a loop to run well.
            for j in 0..<n {
                let factor = b[j &* bCol]
                var (x, out) = (a, c + j)
                for _ in 0..<m {
                    let product = x.pointee * factor
                    out.pointee = accumulate ? out.pointee + product : product
                    x += aRow
                    out += ldc
                }
            }
        } else if k == 2 || k == 3, tb || n < 8 {
            // Two or three terms a dot product (a layer of a few inputs):
            // column by column with the column of B in registers, the same
            // operations as `dot` (whose first running sum takes them all).
            for j in 0..<n {
                let column = b + j &* bCol
                let (b0, b1, b2) = (column[0], column[bRow], k == 3 ? column[2 &* bRow] : 0)
                var (row, out) = (a, c + j)
                for _ in 0..<m {
                    var s0: T = 0
                    s0 += row[0] * b0
                    s0 += row[aCol] * b1
                    if k == 3 { s0 += row[2 &* aCol] * b2 }
                    let (s1, s2, s3): (T, T, T) = (0, 0, 0)
                    let dot = (s0 + s1) + (s2 + s3)
                    out.pointee = accumulate ? out.pointee + dot : dot
                    row += aRow
                    out += ldc
                }
            }
        } else if k == 1 {
            // An outer product (a layer with one input, or its gradient).
            for i in 0..<m {
                let (x, row) = (a[i &* aRow], c + i &* ldc)
                for j in 0..<n {
                    let product = x * b[j &* bCol]
                    row[j] = accumulate ? row[j] + product : product
                }
            }
        } else if tb || n < 8 {
            for i in 0..<m {
                for j in 0..<n {
                    let dot = Self.dot(a + i &* aRow, stride: aCol, b + j &* bCol, stride: bRow, count: k)
                    c[i &* ldc &+ j] = accumulate ? c[i &* ldc &+ j] + dot : dot
                }
            }
        } else {
            // B stored k×n: C[i, :] += A[i, p]·B[p, :], rows of B and C
            // contiguous, so the innermost loop vectorises.
            for i in 0..<m {
                let row = c + i &* ldc
                if !accumulate { row.update(repeating: 0, count: n) }
                for p in 0..<k {
                    let (x, bRow) = (a[i &* aRow &+ p &* aCol], b + p &* ldb)
                    for j in 0..<n { row[j] += x * bRow[j] }
                }
            }
        }
    }

    /// Σ x[p·xStride]·y[p·yStride] for p < count, in four running sums: one
    /// sum would wait for each add to finish before the next.
    @inline(__always)
    static func dot<T: TensorScalar>(
        _ x: UnsafePointer<T>, stride xStride: Int, _ y: UnsafePointer<T>, stride yStride: Int, count: Int
    ) -> T {
        var (s0, s1, s2, s3): (T, T, T, T) = (0, 0, 0, 0)
        var p = 0
        while p &+ 4 <= count {
            s0 += x[p &* xStride] * y[p &* yStride]
            s1 += x[(p &+ 1) &* xStride] * y[(p &+ 1) &* yStride]
            s2 += x[(p &+ 2) &* xStride] * y[(p &+ 2) &* yStride]
            s3 += x[(p &+ 3) &* xStride] * y[(p &+ 3) &* yStride]
            p &+= 4
        }
        while p < count {
            s0 += x[p &* xStride] * y[p &* yStride]
            p &+= 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
