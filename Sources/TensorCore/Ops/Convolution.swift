extension Tensor {
    /// 2-D cross-correlation (a "convolution" in deep learning) of an input of
    /// shape [N, C, H, W] with filters of shape [O, C, KH, KW], giving
    /// [N, O, OH, OW] with OH = (H + 2P − D·(KH − 1) − 1) / S + 1 (likewise OW):
    /// zero padding P, stride S and dilation D per axis, as PyTorch's `conv2d`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func convolved2D(with filters: Tensor, stride: SpatialPair = 1, padding: SpatialPair = 0,
                            dilation: SpatialPair = 1) throws -> Tensor {
        let operands = "input \(Shape.describe(shape)), filters \(Shape.describe(filters.shape))"
        guard filters.rank == 4 else {
            throw TensorError.invalidArgument(operation: "conv2d", reason: "the filters must have shape (out, in, kh, kw) (\(operands))")
        }
        let g = try WindowGeometry(input: shape, kernel: SpatialPair(filters.shape[2], filters.shape[3]), stride: stride,
                                   padding: padding, dilation: dilation, operation: "conv2d", operands: operands)
        guard filters.shape[1] == g.channels else { throw TensorError.shapeMismatch(operation: "conv2d", shape, filters.shape) }
        return try convolution(with: filters, g, operation: "conv2d")
    }

    /// 1-D cross-correlation of [N, C, L] with filters [O, C, K], giving
    /// [N, O, (L + 2P − D·(K − 1) − 1) / S + 1], as PyTorch's `conv1d`: the
    /// 2-D convolution of [N, C, 1, L] with [O, C, 1, K].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func convolved1D(with filters: Tensor, stride: Int = 1, padding: Int = 0, dilation: Int = 1) throws -> Tensor {
        let operands = "input \(Shape.describe(shape)), filters \(Shape.describe(filters.shape))"
        guard rank == 3, filters.rank == 3 else {
            throw TensorError.invalidArgument(operation: "conv1d", reason:
                "the input must have shape (batch, channels, length) and the filters (out, in, k) (\(operands))")
        }
        let g = try WindowGeometry(
            input: [shape[0], shape[1], 1, shape[2]], kernel: SpatialPair(1, filters.shape[2]), stride: SpatialPair(1, stride),
            padding: SpatialPair(0, padding), dilation: SpatialPair(1, dilation), operation: "conv1d", operands: operands, spatialAxes: 1)
        guard filters.shape[1] == g.channels else { throw TensorError.shapeMismatch(operation: "conv1d", shape, filters.shape) }
        let planar = try reshaped(to: [g.batch, g.channels, 1, g.width])
        let planarFilters = try filters.reshaped(to: [filters.shape[0], g.channels, 1, g.kernel.width])
        return try planar.convolution(with: planarFilters, g, operation: "conv1d").reshaped(to: [g.batch, filters.shape[0], g.outputWidth])
    }

    /// The convolution as one product for the whole batch: W [O, C·KH·KW] times
    /// the patch matrix [C·KH·KW, N·OH·OW] (im2col of every sample side by side).
    private func convolution(with filters: Tensor, _ g: WindowGeometry, operation: String) throws -> Tensor {
        let outChannels = filters.shape[0], columnCount = g.batch * g.outputPixels
        let outShape = [g.batch, outChannels, g.outputHeight, g.outputWidth]
        _ = try Self.resultCount(outShape, for: operation)
        guard (try? Shape.elementCount([g.patchSize, columnCount])) != nil else {
            throw TensorError.invalidArgument(operation: operation, reason:
                "its patch matrix of \(g.patchSize) × \(columnCount) would hold more than \(Shape.maximumElementCount) elements (input \(Shape.describe(shape)), filters \(Shape.describe(filters.shape)))")
        }
        let taps = try g.taps()
        let columns = try Self.patchMatrix(scalars, g, taps, operation: operation)
        let product = try Self.product(filters.scalars, transposed: false, columns, transposed: false,
                                       m: outChannels, n: columnCount, k: g.patchSize)
        let values = Self.swappingLeadingAxes(product, outChannels, g.batch, g.outputPixels)
        // First order only: the backward pass works on patch matrices of raw numbers.
        return .result(shape: outShape, scalars: values, parents: [self, filters], operation: operation, isDifferentiableTwice: false) {
            [self] grad in try Self.convolutionGradients(grad, input: self, filters: filters, g, taps, operation: operation)
        }
    }

    /// The input's and the filters' gradients (nil for one that needs none):
    /// G·colsᵀ for the filters, Wᵀ·G folded back onto the input, with G the
    /// output gradient as [O, N·OH·OW].
    private static func convolutionGradients(_ grad: Tensor, input: Tensor, filters: Tensor, _ g: WindowGeometry,
                                             _ taps: WindowTaps, operation: String) throws -> [Tensor?] {
        let outChannels = filters.shape[0], columnCount = g.batch * g.outputPixels
        let gradRows = swappingLeadingAxes(grad.scalars, g.batch, outChannels, g.outputPixels)
        var filterGradient: Tensor?
        if filters.requiresGradient {
            let columns = try patchMatrix(input.scalars, g, taps, operation: operation)
            let values = try product(gradRows, transposed: false, columns, transposed: true, m: outChannels, n: g.patchSize, k: columnCount)
            filterGradient = Tensor(uncheckedShape: filters.shape, scalars: values)
        }
        var inputGradient: Tensor?
        if input.requiresGradient {
            let columnGradient = try product(filters.scalars, transposed: true, gradRows, transposed: false,
                                             m: g.patchSize, n: columnCount, k: outChannels)
            inputGradient = Tensor(uncheckedShape: input.shape, scalars: foldingPatches(columnGradient, g, taps, count: input.count))
        }
        return [inputGradient, filterGradient]
    }

    /// im2col of the whole batch: [C·KH·KW, N·OH·OW], zeros in the padding.
    private static func patchMatrix(_ input: [Scalar], _ g: WindowGeometry, _ taps: WindowTaps, operation: String) throws -> [Scalar] {
        let columnCount = g.batch * g.outputPixels
        try requireRoom(elements: g.patchSize * columnCount, for: "\(operation)'s patches")
        var columns = [Scalar](repeating: 0, count: g.patchSize * columnCount)
        columns.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { x in
                for n in 0..<g.batch {
                    for c in 0..<g.channels {
                        let plane = (n * g.channels + c) * g.inputPixels, firstRow = c * g.kernel.area
                        for t in 0..<taps.count {
                            out[(firstRow + taps.kernelIndex[t]) * columnCount + n * g.outputPixels + taps.outputPixel[t]] =
                                x[plane + taps.inputPixel[t]]
                        }
                    }
                }
            }
        }
        return columns
    }

    /// col2im: the patch matrix's gradient added back onto the input's elements.
    private static func foldingPatches(_ columns: [Scalar], _ g: WindowGeometry, _ taps: WindowTaps, count: Int) -> [Scalar] {
        let columnCount = g.batch * g.outputPixels
        var input = [Scalar](repeating: 0, count: count)
        input.withUnsafeMutableBufferPointer { x in
            columns.withUnsafeBufferPointer { patches in
                for n in 0..<g.batch {
                    for c in 0..<g.channels {
                        let plane = (n * g.channels + c) * g.inputPixels, firstRow = c * g.kernel.area
                        for t in 0..<taps.count {
                            x[plane + taps.inputPixel[t]] +=
                                patches[(firstRow + taps.kernelIndex[t]) * columnCount + n * g.outputPixels + taps.outputPixel[t]]
                        }
                    }
                }
            }
        }
        return input
    }

    /// [A, B, rest] → [B, A, rest] (the product's channel-major rows ↔ sample-major output).
    private static func swappingLeadingAxes(_ values: [Scalar], _ a: Int, _ b: Int, _ rest: Int) -> [Scalar] {
        var swapped = [Scalar](repeating: 0, count: values.count)
        swapped.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { source in
                for i in 0..<a {
                    for j in 0..<b {
                        for k in 0..<rest { out[(j * a + i) * rest + k] = source[(i * b + j) * rest + k] }
                    }
                }
            }
        }
        return swapped
    }
}
