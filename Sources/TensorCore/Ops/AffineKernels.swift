extension Tensor {
    // The passes of dense layers, writing through a pointer into memory the
    // caller owns: a fresh array (`affine`, `matmul`) or a buffer kept from
    // the previous step (`DenseChain`). Same arithmetic either way.

    /// y = x·w + b, clamped at 0 when `relu`, for x [m, k], w [k, n], b [n].
    static func affineValues(
        _ x: [Scalar], _ w: [Scalar], _ b: [Scalar], m: Int, k: Int, n: Int, relu: Bool, into y: UnsafeMutablePointer<Scalar>
    ) throws {
        try relu ? affineReLURows(x, w, b, into: y, m: m, k: k, n: n) : affineRows(x, w, b, into: y, m: m, k: k, n: n)
    }

    /// y = x·w + b: the bias rows first, then the product added by BLAS.
    private static func affineRows(
        _ x: [Scalar], _ w: [Scalar], _ b: [Scalar], into y: UnsafeMutablePointer<Scalar>, m: Int, k: Int, n: Int
    ) throws {
        b.withUnsafeBufferPointer { b in
            guard let b = b.baseAddress, m > 0 else { return }
            // The bias in the first row, then the filled rows copied after
            // themselves, doubling: one copy per row is a library call per
            // row, which for a layer of one output costs more than the sum.
            y.update(from: b, count: n)
            var filled = 1
            while filled < m {
                let rows = Swift.min(filled, m - filled)
                (y + filled * n).update(from: y, count: rows * n)
                filled += rows
            }
        }
        guard m > 0, n > 0, k > 0 else { return }
        try x.withUnsafeBufferPointer { x in
            try w.withUnsafeBufferPointer { w in
                guard let x = x.baseAddress, let w = w.baseAddress else { return }
                try gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                         a: x, lda: k, b: w, ldb: n, accumulate: true, c: y, ldc: n)
            }
        }
    }

    /// y = max(0, x·w + b), a block of rows at a time.
    private static func affineReLURows(
        _ x: [Scalar], _ w: [Scalar], _ b: [Scalar], into y: UnsafeMutablePointer<Scalar>, m: Int, k: Int, n: Int
    ) throws {
        try x.withUnsafeBufferPointer { x in
            try w.withUnsafeBufferPointer { w in
                try b.withUnsafeBufferPointer { b in
                    guard let b = b.baseAddress else { return }
                    if k == 1, let x = x.baseAddress, let w = w.baseAddress, SmallProduct.applies(m: m, n: n, k: k) {
                        // A layer of one input: the product, the bias and
                        // the clamp in one pass, the same operations on each
                        // element as below. Column by column, so that the
                        // weight and bias stay in registers: a row of three
                        // outputs is too short a loop to run well.
                        for j in 0..<n {
                            let (weight, bias) = (w[j], b[j])
                            var out = y + j
                            for row in 0..<m {
                                out.pointee = Swift.max(x[row] * weight + bias, 0)
                                out += n
                            }
                        }
                        return
                    }
                    // The thin-shape kernels add the bias and clamp as they store.
                    if let x = x.baseAddress, let w = w.baseAddress,
                       try fusedGemm(transposeA: false, transposeB: false, m: m, n: n, k: k, a: x, lda: k, b: w, ldb: n,
                                     c: y, ldc: n, epilogue: .biasReLU(bias: b)) {
                        return
                    }
                    // Cut by rows as a product this size would be (by rows
                    // even when wider: the pass works on whole rows).
                    try Parallelism.forEachBlock(of: .product(cutting: m, m: m, n: n, k: k)) { rows in
                        let block = y + rows.lowerBound * n
                        if let x = x.baseAddress, let w = w.baseAddress, k > 0 {
                            try unsplitGemm(transposeA: false, transposeB: false, m: rows.count, n: n, k: k,
                                     a: x + rows.lowerBound * k, lda: k, b: w, ldb: n, accumulate: false, c: block, ldc: n)
                        } else {
                            block.update(repeating: 0, count: rows.count * n)
                        }
                        DenseLayerPasses.biasReLU(block, b, rows: rows.count, n: n)
                    }
                }
            }
        }
    }

    /// The gradients of x·w (x [m, k], w [k, n]) for the gradient g [m, n]
    /// of the result: g·wᵀ into `dx` [m, k] and xᵀ·g into `dw` [k, n], each
    /// only when given, side by side on two threads when large.
    ///
    /// With a `gate` [m, k] (the outputs of the ReLU that made x), `dx` may
    /// come out already masked by it, as `reluMask(gate, dx)` would make it;
    /// with `db` [n], g's column sums (a bias's gradient, as `columnSums`
    /// makes them) may come out of the pass that makes `dw`. The result
    /// says which did (when the thin-shape kernels took the products).
    @discardableResult
    static func productGradients(
        x: [Scalar], _ w: [Scalar], _ g: [Scalar], m: Int, k: Int, n: Int,
        dx: UnsafeMutablePointer<Scalar>?, dw: UnsafeMutablePointer<Scalar>?, gate: [Scalar]? = nil,
        db: UnsafeMutablePointer<Scalar>? = nil
    ) throws -> (gated: Bool, summed: Bool) {
        var (gated, summed) = (false, false)
        try Parallelism.both(work: dx != nil && dw != nil ? m * n * k : 0) {
            guard let dx else { return }
            if let gate { gated = try gatedProduct(g, w, gate, m: m, k: k, n: n, into: dx) }
            if !gated { try product(g, transposed: false, w, transposed: true, m: m, n: k, k: n, into: dx) }
        } _: {
            guard let dw else { return }
            if let db { summed = try summingProduct(x, g, m: m, k: k, n: n, into: dw, sums: db) }
            if !summed { try product(x, transposed: true, g, transposed: false, m: k, n: n, k: m, into: dw) }
        }
        return (gated, summed)
    }

    /// xᵀ·g into `dw` and g's column sums into `sums`, when the thin-shape
    /// kernels take the product.
    private static func summingProduct(
        _ x: [Scalar], _ g: [Scalar], m: Int, k: Int, n: Int,
        into dw: UnsafeMutablePointer<Scalar>, sums: UnsafeMutablePointer<Scalar>
    ) throws -> Bool {
        try x.withUnsafeBufferPointer { x in
            try g.withUnsafeBufferPointer { g in
                guard let x = x.baseAddress, let g = g.baseAddress else { return false }
                sums.update(repeating: 0, count: n)
                return try fusedGemm(transposeA: true, transposeB: false, m: k, n: n, k: m, a: x, lda: k, b: g, ldb: n,
                                     c: dw, ldc: n, epilogue: nil, bColumnSums: sums)
            }
        }
    }

    /// g·wᵀ masked by gate > 0 into `dx`, when the thin-shape kernels take it.
    private static func gatedProduct(
        _ g: [Scalar], _ w: [Scalar], _ gate: [Scalar], m: Int, k: Int, n: Int, into dx: UnsafeMutablePointer<Scalar>
    ) throws -> Bool {
        guard gate.count == m * k else { return false }
        return try g.withUnsafeBufferPointer { g in
            try w.withUnsafeBufferPointer { w in
                try gate.withUnsafeBufferPointer { gate in
                    guard let g = g.baseAddress, let w = w.baseAddress, let gate = gate.baseAddress else { return false }
                    return try fusedGemm(transposeA: false, transposeB: true, m: m, n: k, k: n, a: g, lda: n, b: w, ldb: n,
                                         c: dx, ldc: k, epilogue: .reluGate(gate: gate, ld: k))
                }
            }
        }
    }

    /// dy where y > 0, else 0, into `out` [m, n] (blocks of rows on several
    /// threads when large).
    static func reluMask(_ y: [Scalar], _ dy: [Scalar], m: Int, n: Int, into out: UnsafeMutablePointer<Scalar>) throws {
        try y.withUnsafeBufferPointer { y in
            try dy.withUnsafeBufferPointer { dy in
                guard let y = y.baseAddress, let dy = dy.baseAddress else { return }
                try Parallelism.forEachBlock(of: .pass(cutting: m, width: n)) { rows in
                    let start = rows.lowerBound * n
                    let (y, dy, out) = (y + start, dy + start, out + start)
                    DenseLayerPasses.reluMask(y, dy, into: out, count: rows.count * n)
                }
            }
        }
    }

    /// The sums of each column of a rows × columns matrix, row after row,
    /// into `sums` [columns] (blocks of columns on several threads when
    /// large: the order of each sum is the same either way).
    static func columnSums(_ matrix: [Scalar], rows: Int, columns: Int, into sums: UnsafeMutablePointer<Scalar>) throws {
        sums.update(repeating: 0, count: columns)
        try matrix.withUnsafeBufferPointer { matrix in
            guard let matrix = matrix.baseAddress else { return }
            if columns < 8 {
                // Narrow (a bias of 1 or 3 outputs): each sum in a register,
                // where adding into `sums` row by row would chain every add
                // through a store. Same order.
                for j in 0..<columns {
                    var sum: Scalar = 0
                    for row in 0..<rows { sum += matrix[row &* columns &+ j] }
                    sums[j] = sum
                }
                return
            }
            try Parallelism.forEachBlock(of: .pass(cutting: columns, width: rows, alignment: 16)) { block in
                DenseLayerPasses.addColumns(matrix + block.lowerBound, rows: rows, stride: columns, width: block.count,
                                            into: sums + block.lowerBound)
            }
        }
    }
}
