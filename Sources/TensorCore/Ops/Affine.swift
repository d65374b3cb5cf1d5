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
        return .result(
            shape: [m, n], scalars: values, parents: [self, weight, bias],
            operation: relu ? "dense layer with relu" : "dense layer", isDifferentiableTwice: true
        ) { [self] g in
            if GradientMode.isRecording { return try Self.recordedAffineGradients(g, x: self, weight, bias, reluOutput: relu ? values : nil) }
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

    /// The gradients of x·w + b (clamped when `reluOutput`, its values, is
    /// given) as recorded operations of g, x and w: g·wᵀ, xᵀ·g and g's
    /// column sums, g first masked by y > 0 — a constant mask, whose
    /// derivative is 0 almost everywhere.
    private static func recordedAffineGradients(
        _ g: Tensor, x: Tensor, _ weight: Tensor, _ bias: Tensor, reluOutput: [Scalar]?
    ) throws -> [Tensor?] {
        let slopes = try reluOutput.map { y in
            try g.multiplying(Tensor(uncheckedShape: g.shape, scalars: Broadcasting.map(y) { $0 > 0 ? 1 : 0 }))
        } ?? g
        return [x.requiresGradient ? try slopes.matmul(weight.transposed()) : nil,
                weight.requiresGradient ? try x.transposed().matmul(slopes) : nil,
                bias.requiresGradient ? try slopes.sum(alongAxis: 0) : nil]
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

    // Array-returning forms of the kernels in AffineKernels.swift.

    /// x·w + b, clamped at 0 when `relu`, for x [m, k], w [k, n], b [n].
    static func affineValues(_ x: [Scalar], _ w: [Scalar], _ b: [Scalar], m: Int, k: Int, n: Int, relu: Bool) throws -> [Scalar] {
        try ScalarBuffer.filled(count: try Tensor.resultCount([m, n], for: "dense layer")) { y in
            try affineValues(x, w, b, m: m, k: k, n: n, relu: relu, into: y)
        }
    }

    /// g·wᵀ and xᵀ·g for x [m, k], w [k, n] and g [m, n], each only when asked for.
    static func productGradients(
        x: [Scalar], _ w: [Scalar], _ g: [Scalar], m: Int, k: Int, n: Int, input: Bool, weight: Bool
    ) throws -> (dx: [Scalar]?, dw: [Scalar]?) {
        var (dx, dw): ([Scalar], [Scalar]) = ([], [])
        try ScalarBuffer.overwrite(&dx, count: input ? m * k : 0) { dx in
            try ScalarBuffer.overwrite(&dw, count: weight ? k * n : 0) { dw in
                try productGradients(x: x, w, g, m: m, k: k, n: n, dx: dx, dw: dw)
            }
        }
        return (input ? dx : nil, weight ? dw : nil)
    }

    /// dy where y > 0, else 0.
    static func reluMask(_ y: [Scalar], _ dy: [Scalar], m: Int, n: Int) throws -> [Scalar] {
        try ScalarBuffer.filled(count: m * n) { out in try reluMask(y, dy, m: m, n: n, into: out) }
    }

    /// The sums of each column of a rows × columns matrix.
    static func columnSums(_ matrix: [Scalar], rows: Int, columns: Int) throws -> [Scalar] {
        try ScalarBuffer.filled(count: columns) { sums in try columnSums(matrix, rows: rows, columns: columns, into: sums) }
    }
}
