extension Tensor {
    /// C = op(A)·op(B) + β·C with β ∈ {0, 1}: the one entry point of the
    /// engine's products, choosing plain loops, the thin-shape kernels
    /// (`ThinProduct`) or BLAS by shape, and cutting large products into
    /// blocks of C (fixed by the shape, see `BlockPlan`) that run at the
    /// same time.
    @inline(__always)
    static func gemm(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) throws {
        if SmallProduct.applies(m: m, n: n, k: k) {
            // Small products are never cut: the plain loops, as one block.
            return try unsplitGemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                                   accumulate: accumulate, c: c, ldc: ldc)
        }
        // Each block re-packs the operand it shares with the others: cut
        // along C's longer side so that the shared operand is the smaller.
        if m >= n {
            try Parallelism.forEachBlock(of: .product(cutting: m, m: m, n: n, k: k)) { rows in
                try blockGemm(transposeA: ta, transposeB: tb, whole: (m, n, k), m: rows.count, n: n, k: k,
                              a: a + (ta ? rows.lowerBound : rows.lowerBound * lda), lda: lda, b: b, ldb: ldb,
                              accumulate: accumulate, c: c + rows.lowerBound * ldc, ldc: ldc)
            }
        } else {
            try Parallelism.forEachBlock(of: .product(cutting: n, m: m, n: n, k: k)) { columns in
                try blockGemm(transposeA: ta, transposeB: tb, whole: (m, n, k), m: m, n: columns.count, k: k,
                              a: a, lda: lda, b: b + (tb ? columns.lowerBound * ldb : columns.lowerBound), ldb: ldb,
                              accumulate: accumulate, c: c + columns.lowerBound, ldc: ldc)
            }
        }
    }

    /// Whether `fusedGemm` takes an m×k by k×n product to the thin-shape
    /// kernels (with B's column sums when `sums`).
    @inline(__always)
    static func takesFused(transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int, sums: Bool = false) -> Bool {
        m > 0 && n > 0 && k > 0 && !SmallProduct.applies(m: m, n: n, k: k) && !(tb && sums)
            && ThinProduct.applies(transposeA: ta, transposeB: tb, m: m, n: n, k: k)
    }

    /// C = op(A)·op(B) (+ C when `accumulate`), then `epilogue`, when the
    /// product goes to the thin-shape kernels (true), in blocks as `gemm`
    /// cuts it; false, C untouched, when it goes elsewhere: the caller then
    /// makes the product and runs the epilogue's pass itself. Same bits
    /// either way. With `bColumnSums` (B as stored, zeroed by the caller),
    /// B's column sums are added into it in the same pass, as `columnSums`
    /// would make them. Accumulating continues each element's chain of
    /// multiply-adds where it stopped, so a product cut along k into calls
    /// in order gives the bits of one call (and the sums continue likewise).
    static func fusedGemm(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int, accumulate: Bool = false,
        c: UnsafeMutablePointer<Scalar>, ldc: Int, epilogue: ThinProduct.Epilogue<Scalar>?,
        bColumnSums: UnsafeMutablePointer<Scalar>? = nil
    ) throws -> Bool {
        guard takesFused(transposeA: ta, transposeB: tb, m: m, n: n, k: k, sums: bColumnSums != nil),
              !(accumulate && epilogue != nil) else { return false }
        let byRows = m >= n
        try Parallelism.forEachBlock(of: .product(cutting: byRows ? m : n, m: m, n: n, k: k)) { block in
            let (row, column) = byRows ? (block.lowerBound, 0) : (0, block.lowerBound)
            // Blocks of rows each pack all of B: the first one sums it.
            let sums = byRows ? (row == 0 ? bColumnSums : nil) : bColumnSums.map { $0 + column }
            let done = ThinProduct.gemm(
                transposeA: ta, transposeB: tb, m: byRows ? block.count : m, n: byRows ? n : block.count, k: k,
                a: a + (ta ? row : row * lda), lda: lda, b: b + (tb ? column * ldb : column), ldb: ldb,
                accumulate: accumulate, c: c + row * ldc + column, ldc: ldc,
                epilogue: epilogue?.offset(row: row, column: column),
                bColumnSums: sums)
            // No fallback for one block: its last bits would differ from the other blocks'.
            guard done else {
                throw TensorError.invalidArgument(operation: "matmul", reason: "no memory left for the product kernels' packing buffer")
            }
        }
        return true
    }

    /// One block of a product whose whole shape is `whole`: the thin-shape
    /// kernels when the whole product's shape calls for them (so every block
    /// of one product goes the same way), OpenBLAS otherwise.
    @inline(__always)
    private static func blockGemm(
        transposeA ta: Bool, transposeB tb: Bool, whole: (m: Int, n: Int, k: Int), m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) throws {
        if ThinProduct.applies(transposeA: ta, transposeB: tb, m: whole.m, n: whole.n, k: whole.k) {
            // No OpenBLAS fallback for one block: its last bits would differ from the other blocks'.
            guard ThinProduct.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                                   accumulate: accumulate, c: c, ldc: ldc) else {
                throw TensorError.invalidArgument(operation: "matmul", reason: "no memory left for the product kernels' packing buffer")
            }
            return
        }
        try BLASLibrary.shared.get().gemm(
            transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
            beta: accumulate ? 1 : 0, c: c, ldc: ldc)
    }

    /// C = op(A)·op(B) + β·C in one piece: one block of a product whose
    /// caller has cut it already (never cut again, so the calls stay those
    /// of the caller's plan).
    static func unsplitGemm(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Scalar>, ldc: Int
    ) throws {
        if SmallProduct.applies(m: m, n: n, k: k) {
            SmallProduct.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                              accumulate: accumulate, c: c, ldc: ldc)
            return
        }
        try blockGemm(transposeA: ta, transposeB: tb, whole: (m, n, k), m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                      accumulate: accumulate, c: c, ldc: ldc)
    }
}
