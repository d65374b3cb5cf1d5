extension Tensor {
    /// max(0, x @ weight + bias) for a batch x [N, in], weight [in, out] and
    /// bias [out], in one recorded operation: a hidden layer with ReLU.
    ///
    /// Against `affine(_:_:)` followed by `relu()` it saves two passes over
    /// the [N, out] activations and an allocation each way: forward, BLAS
    /// writes the product (β = 0, nothing to fill first) and one pass adds
    /// the bias and clamps; backward, one pass masks the gradient by y > 0
    /// and sums its rows for the bias.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func affineReLU(_ weight: Tensor, _ bias: Tensor) throws -> Tensor {
        let (m, k, n) = try affineSizes(weight, bias)
        var product = try Self.product(scalars, transposed: false, weight.scalars, transposed: false, m: m, n: n, k: k)
        product.withUnsafeMutableBufferPointer { y in
            bias.scalars.withUnsafeBufferPointer { b in
                guard let y = y.baseAddress, let b = b.baseAddress else { return }
                // Row pointers: indices without overflow-checked sums vectorise.
                for row in 0..<m {
                    let yRow = y + row * n
                    for j in 0..<n { yRow[j] = Swift.max(yRow[j] + b[j], 0) }
                }
            }
        }
        let values = product
        return .result(shape: [m, n], scalars: values, parents: [self, weight, bias]) { [self] g in
            var db = [Scalar](repeating: 0, count: n)
            let masked = values.withUnsafeBufferPointer { y in
                g.scalars.withUnsafeBufferPointer { dy in
                    db.withUnsafeMutableBufferPointer { db in
                        [Scalar](unsafeUninitializedCapacity: m * n) { out, initialized in
                            initialized = m * n
                            guard let y = y.baseAddress, let dy = dy.baseAddress, let out = out.baseAddress,
                                  let db = db.baseAddress else { return }
                            // Two loops per row, each of which vectorises (row
                            // pointers, both loads unconditional so the choice
                            // is a select); the row is still in L1 for the second.
                            for row in 0..<m {
                                let (yRow, dyRow, outRow) = (y + row * n, dy + row * n, out + row * n)
                                for j in 0..<n {
                                    let (value, slope) = (yRow[j], dyRow[j])
                                    outRow[j] = value > 0 ? slope : 0
                                }
                                for j in 0..<n { db[j] += outRow[j] }
                            }
                        }
                    }
                }
            }
            let (dx, dw) = try Self.productGradients(self, weight, masked, m: m, k: k, n: n)
            return [dx, dw, bias.requiresGradient ? Tensor(uncheckedShape: [n], scalars: db) : nil]
        }
    }
}
