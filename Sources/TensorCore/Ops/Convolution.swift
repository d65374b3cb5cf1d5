/// The geometry of a 2-D convolution or pooling window over [N, C, H, W].
struct WindowGeometry {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int
    let outputHeight: Int, outputWidth: Int

    init(input: [Int], kernel: (Int, Int), stride: Int, padding: Int, operation: String) throws {
        guard input.count == 4 else {
            throw TensorError.invalidArgument(operation: operation, reason: "input must have shape (batch, channels, height, width), got \(Shape.describe(input))")
        }
        guard stride >= 1, padding >= 0, kernel.0 >= 1, kernel.1 >= 1 else {
            throw TensorError.invalidArgument(operation: operation, reason: "kernel and stride must be ≥ 1 and padding ≥ 0")
        }
        (batch, channels, height, width) = (input[0], input[1], input[2], input[3])
        (kernelHeight, kernelWidth, self.stride, self.padding) = (kernel.0, kernel.1, stride, padding)
        // The output-size rule (N + 2P − F) / S + 1.
        outputHeight = (height + 2 * padding - kernel.0) / stride + 1
        outputWidth = (width + 2 * padding - kernel.1) / stride + 1
        guard height + 2 * padding >= kernel.0, width + 2 * padding >= kernel.1 else {
            throw TensorError.invalidArgument(operation: operation, reason: "a \(kernel.0)×\(kernel.1) window does not fit a padded \(height + 2 * padding)×\(width + 2 * padding) input")
        }
    }

    var patchSize: Int { channels * kernelHeight * kernelWidth }
    var outputPixels: Int { outputHeight * outputWidth }

    /// Calls `body(row, column, inputOffset?)` for every patch element of
    /// sample `n`, where row is the patch index (c, ky, kx) and column the
    /// output pixel; inputOffset is nil in the zero padding.
    @inline(__always)
    func forEachPatchElement(sample n: Int, _ body: (Int, Int, Int?) -> Void) {
        for c in 0..<channels {
            for ky in 0..<kernelHeight {
                for kx in 0..<kernelWidth {
                    let row = (c * kernelHeight + ky) * kernelWidth + kx
                    for oy in 0..<outputHeight {
                        let y = oy * stride - padding + ky
                        for ox in 0..<outputWidth {
                            let x = ox * stride - padding + kx
                            let inside = y >= 0 && y < height && x >= 0 && x < width
                            body(row, oy * outputWidth + ox, inside ? ((n * channels + c) * height + y) * width + x : nil)
                        }
                    }
                }
            }
        }
    }
}

extension Tensor {
    /// 2-D cross-correlation (a "convolution" in deep learning) of an input of
    /// shape [N, C, H, W] with filters of shape [O, C, KH, KW], giving
    /// [N, O, (H + 2P − KH)/S + 1, (W + 2P − KW)/S + 1]. Zero padding P.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func convolved2D(with filters: Tensor, stride: Int = 1, padding: Int = 0) throws -> Tensor {
        guard filters.rank == 4 else {
            throw TensorError.invalidArgument(operation: "conv2d", reason: "filters must have shape (out, in, kh, kw), got \(Shape.describe(filters.shape))")
        }
        let g = try WindowGeometry(input: shape, kernel: (filters.shape[2], filters.shape[3]), stride: stride, padding: padding, operation: "conv2d")
        guard filters.shape[1] == g.channels else { throw TensorError.shapeMismatch(operation: "conv2d", shape, filters.shape) }
        let outChannels = filters.shape[0]
        let outShape = [g.batch, outChannels, g.outputHeight, g.outputWidth]
        _ = try Self.resultCount(outShape, for: "conv2d")
        _ = try Self.resultCount([2 * g.patchSize, g.outputPixels], for: "conv2d's patches")
        let weights = try filters.reshaped(to: [outChannels, g.patchSize])
        var samples: [Tensor] = []
        for n in 0..<g.batch {
            let columns = Tensor(uncheckedShape: [g.patchSize, g.outputPixels], scalars: Self.patches(scalars, sample: n, g))
            samples.append(try GradientMode.withoutGradients { try weights.detached().matmul(columns) })
        }
        let values = samples.flatMap(\.scalars)
        // First order only: the backward pass works on im2col matrices of
        // raw numbers.
        return .result(shape: outShape, scalars: values, parents: [self, filters], operation: "conv2d", isDifferentiableTwice: false) {
            [self] grad in
            var inputGradient = [Scalar](repeating: 0, count: self.count)
            var filterGradient = try Tensor.zeros([outChannels, g.patchSize])
            let plainWeights = weights.detached()
            for n in 0..<g.batch {
                let block = Array(grad.scalars[(n * outChannels * g.outputPixels)..<((n + 1) * outChannels * g.outputPixels)])
                let gradOut = Tensor(uncheckedShape: [outChannels, g.outputPixels], scalars: block)
                let columns = Tensor(uncheckedShape: [g.patchSize, g.outputPixels], scalars: Self.patches(self.scalars, sample: n, g))
                filterGradient = try filterGradient.adding(gradOut.matmul(columns.transposed()))
                let columnGradient = try plainWeights.transposed().matmul(gradOut)
                g.forEachPatchElement(sample: n) { row, column, offset in
                    if let offset { inputGradient[offset] += columnGradient.scalars[row * g.outputPixels + column] }
                }
            }
            return [Tensor(uncheckedShape: self.shape, scalars: inputGradient), try filterGradient.reshaped(to: filters.shape)]
        }
    }

    /// The im2col matrix of sample n: [C·KH·KW, OH·OW].
    private static func patches(_ input: [Scalar], sample n: Int, _ g: WindowGeometry) -> [Scalar] {
        var columns = [Scalar](repeating: 0, count: g.patchSize * g.outputPixels)
        g.forEachPatchElement(sample: n) { row, column, offset in
            if let offset { columns[row * g.outputPixels + column] = input[offset] }
        }
        return columns
    }

    /// Max pooling over [N, C, H, W] with a square window (stride defaults to
    /// the window size); the gradient goes to each window's first maximum.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func maxPooled2D(size: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        let g = try WindowGeometry(input: shape, kernel: (size, size), stride: stride ?? size, padding: padding, operation: "maxpool")
        let outShape = [g.batch, g.channels, g.outputHeight, g.outputWidth]
        let outCount = try Self.resultCount(outShape, for: "maxpool")
        var values = [Scalar](repeating: -.infinity, count: outCount)
        var winners = [Int](repeating: -1, count: outCount)
        for n in 0..<g.batch {
            g.forEachPatchElement(sample: n) { row, column, offset in
                guard let offset else { return }
                let c = row / (g.kernelHeight * g.kernelWidth)
                let out = (n * g.channels + c) * g.outputPixels + column
                if winners[out] < 0 || scalars[offset] > values[out] { values[out] = scalars[offset]; winners[out] = offset }
            }
        }
        return .result(shape: outShape, scalars: values, parents: [self], operation: "maxpool", isDifferentiableTwice: true) {
            [shape, count] grad in
            // The winners are a constant choice: the scatter, recorded, is right to any order.
            if GradientMode.isRecording { return [try grad.scattered(toOffsets: winners, shape: shape)] }
            var spread = [Scalar](repeating: 0, count: count)
            for (out, offset) in winners.enumerated() where offset >= 0 { spread[offset] += grad.scalars[out] }
            return [Tensor(uncheckedShape: shape, scalars: spread)]
        }
    }
}
