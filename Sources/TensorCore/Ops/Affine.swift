extension Tensor {
    /// x @ weight + bias for a batch x [N, in], weight [in, out] and bias
    /// [out], in one recorded operation: the bias rows are written first and
    /// the product added onto them by BLAS (β = 1), so the sum costs no
    /// extra pass; the backward pass sums the gradient's rows for the bias.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func affine(_ weight: Tensor, _ bias: Tensor) throws -> Tensor {
        try affineOperation(weight, bias, relu: false)
    }

    /// max(0, x @ weight + bias) for a batch x [N, in], weight [in, out] and
    /// bias [out], in one recorded operation: a hidden layer with ReLU.
    ///
    /// Against `affine(_:_:)` followed by `relu()` it saves two passes over
    /// the [N, out] activations and an allocation each way: forward, BLAS
    /// writes the product (β = 0, nothing to fill first) and one pass adds
    /// the bias and clamps (a block of rows at a time, on several threads
    /// when large, so each block's pass follows its product while it is
    /// still in cache); backward, one pass masks the gradient by y > 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func affineReLU(_ weight: Tensor, _ bias: Tensor) throws -> Tensor {
        try affineOperation(weight, bias, relu: true)
    }

    private func affineOperation(_ weight: Tensor, _ bias: Tensor, relu: Bool) throws -> Tensor {
        let (m, k, n) = try Self.affineSizes(shape, weight, bias)
        let values = try Self.affineValues(scalars, weight.scalars, bias.scalars, m: m, k: k, n: n, relu: relu)
        return .result(shape: [m, n], scalars: values, parents: [self, weight, bias]) { [self] g in
            let slopes = relu ? try Self.reluMask(values, g.scalars, m: m, n: n) : g.scalars
            let (dx, dw) = try Self.productGradients(
                x: scalars, weight.scalars, slopes, m: m, k: k, n: n,
                input: requiresGradient, weight: weight.requiresGradient)
            let db = bias.requiresGradient ? try Self.columnSums(slopes, rows: m, columns: n) : nil
            return [dx.map { Tensor(uncheckedShape: [m, k], scalars: $0) },
                    dw.map { Tensor(uncheckedShape: [k, n], scalars: $0) },
                    db.map { Tensor(uncheckedShape: [n], scalars: $0) }]
        }
    }

    /// The sizes (m, k, n) of x [m, k] @ weight [k, n] + bias [n] for x of
    /// `shape`, after checking that the three fit together.
    static func affineSizes(_ shape: [Int], _ weight: Tensor, _ bias: Tensor) throws -> (m: Int, k: Int, n: Int) {
        guard shape.count == 2, weight.rank == 2, shape[1] == weight.shape[0] else {
            throw TensorError.shapeMismatch(operation: "@", shape, weight.shape)
        }
        let (m, k, n) = (shape[0], shape[1], weight.shape[1])
        guard bias.shape == [n] else { throw TensorError.shapeMismatch(operation: "+", [m, n], bias.shape) }
        return (m, k, n)
    }

    /// x·w + b, clamped at 0 when `relu`, for x [m, k], w [k, n], b [n].
    static func affineValues(_ x: [Scalar], _ w: [Scalar], _ b: [Scalar], m: Int, k: Int, n: Int, relu: Bool) throws -> [Scalar] {
        let count = try Shape.elementCount([m, n])
        return try [Scalar](unsafeUninitializedCapacity: count) { y, initialized in
            if let y = y.baseAddress {
                try relu ? affineReLURows(x, w, b, into: y, m: m, k: k, n: n) : affineRows(x, w, b, into: y, m: m, k: k, n: n)
            }
            initialized = count
        }
    }

    /// y = x·w + b: the bias rows first, then the product added by BLAS.
    private static func affineRows(
        _ x: [Scalar], _ w: [Scalar], _ b: [Scalar], into y: UnsafeMutablePointer<Scalar>, m: Int, k: Int, n: Int
    ) throws {
        b.withUnsafeBufferPointer { b in
            guard let b = b.baseAddress else { return }
            for row in 0..<m { (y + row * n).update(from: b, count: n) }
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
                    try Parallelism.forEachRange(of: m, parts: Parallelism.parts(m: m, n: n, k: k), alignment: 16) { rows in
                        let block = y + rows.lowerBound * n
                        if let x = x.baseAddress, let w = w.baseAddress, k > 0 {
                            try gemm(transposeA: false, transposeB: false, m: rows.count, n: n, k: k,
                                     a: x + rows.lowerBound * k, lda: k, b: w, ldb: n, accumulate: false, c: block, ldc: n)
                        } else {
                            block.update(repeating: 0, count: rows.count * n)
                        }
                        // Row pointers: indices without overflow-checked sums vectorise.
                        for row in 0..<rows.count {
                            let yRow = block + row * n
                            for j in 0..<n { yRow[j] = Swift.max(yRow[j] + b[j], 0) }
                        }
                    }
                }
            }
        }
    }

    /// The gradients of x·w (x [m, k], w [k, n]) for the gradient g [m, n]
    /// of the result: g·wᵀ for x and xᵀ·g for w, each only when asked for.
    static func productGradients(
        x: [Scalar], _ w: [Scalar], _ g: [Scalar], m: Int, k: Int, n: Int, input: Bool, weight: Bool
    ) throws -> (dx: [Scalar]?, dw: [Scalar]?) {
        var (dx, dw): ([Scalar]?, [Scalar]?) = (nil, nil)
        try Parallelism.both(work: input && weight ? m * n * k : 0) {
            if input { dx = try product(g, transposed: false, w, transposed: true, m: m, n: k, k: n) }
        } _: {
            if weight { dw = try product(x, transposed: true, g, transposed: false, m: k, n: n, k: m) }
        }
        return (dx, dw)
    }

    /// dy where y > 0, else 0 (blocks of rows on several threads when large).
    static func reluMask(_ y: [Scalar], _ dy: [Scalar], m: Int, n: Int) throws -> [Scalar] {
        try y.withUnsafeBufferPointer { y in
            try dy.withUnsafeBufferPointer { dy in
                try [Scalar](unsafeUninitializedCapacity: m * n) { out, initialized in
                    if let y = y.baseAddress, let dy = dy.baseAddress, let out = out.baseAddress {
                        try Parallelism.forEachRange(of: m, parts: Parallelism.parts(rows: m, width: n)) { rows in
                            let start = rows.lowerBound * n
                            let (y, dy, out) = (y + start, dy + start, out + start)
                            // Both loads unconditional, so the choice is a select and vectorises.
                            for i in 0..<rows.count * n {
                                let (value, slope) = (y[i], dy[i])
                                out[i] = value > 0 ? slope : 0
                            }
                        }
                    }
                    initialized = m * n
                }
            }
        }
    }

    /// The sums of each column of a rows × columns matrix, row after row
    /// (blocks of columns on several threads when large: the order of each
    /// sum is the same either way).
    static func columnSums(_ matrix: [Scalar], rows: Int, columns: Int) throws -> [Scalar] {
        var sums = [Scalar](repeating: 0, count: columns)
        try matrix.withUnsafeBufferPointer { matrix in
            try sums.withUnsafeMutableBufferPointer { sums in
                guard let matrix = matrix.baseAddress, let sums = sums.baseAddress else { return }
                if columns < 16 {
                    // Narrow (a bias of 1 or 3 outputs): each sum in a
                    // register, where adding into `sums` row by row would
                    // chain every add through a store. Same order.
                    for j in 0..<columns {
                        var sum: Scalar = 0
                        for row in 0..<rows { sum += matrix[row &* columns &+ j] }
                        sums[j] = sum
                    }
                    return
                }
                try Parallelism.forEachRange(of: columns, parts: Parallelism.parts(rows: rows, width: columns), alignment: 16) { block in
                    let (target, width) = (sums + block.lowerBound, block.count)
                    for row in 0..<rows {
                        let source = matrix + row * columns + block.lowerBound
                        for j in 0..<width { target[j] += source[j] }
                    }
                }
            }
        }
        return sums
    }
}
