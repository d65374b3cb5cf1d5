extension Tensor {
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
        let (m, k, n) = try affineSizes(weight, bias)
        let count = try Shape.elementCount([m, n])
        let values = try [Scalar](unsafeUninitializedCapacity: count) { y, initialized in
            if let y = y.baseAddress {
                try Self.affineReLURows(scalars, weight.scalars, bias.scalars, into: y, m: m, k: k, n: n)
            }
            initialized = count
        }
        return .result(shape: [m, n], scalars: values, parents: [self, weight, bias]) { [self] g in
            let masked = try Self.reluMask(values, g.scalars, m: m, n: n)
            let (dx, dw) = try Self.productGradients(self, weight, masked, m: m, k: k, n: n)
            let db = bias.requiresGradient ? Tensor(uncheckedShape: [n], scalars: try Self.columnSums(masked, rows: m, columns: n)) : nil
            return [dx, dw, db]
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

    /// dy where y > 0, else 0 (blocks of rows on several threads when large).
    private static func reluMask(_ y: [Scalar], _ dy: [Scalar], m: Int, n: Int) throws -> [Scalar] {
        try y.withUnsafeBufferPointer { y in
            try dy.withUnsafeBufferPointer { dy in
                try [Scalar](unsafeUninitializedCapacity: m * n) { out, initialized in
                    if let y = y.baseAddress, let dy = dy.baseAddress, let out = out.baseAddress {
                        try Parallelism.forEachRange(of: m, parts: Parallelism.parts(rows: m, width: n)) { rows in
                            let start = rows.lowerBound * n
                            // Both loads unconditional, so the choice is a select and vectorises.
                            for i in 0..<rows.count * n {
                                let (value, slope) = (y[start + i], dy[start + i])
                                out[start + i] = value > 0 ? slope : 0
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
