extension Tensor {
    /// 2-D cross-correlation (a "convolution" in deep learning) of an input of
    /// shape [N, C, H, W] with filters of shape [O, C, KH, KW], giving
    /// [N, O, OH, OW] with OH = (H + 2P − D·(KH − 1) − 1) / S + 1 (likewise OW):
    /// zero padding P, stride S and dilation D per axis, as PyTorch's `conv2d`;
    /// `bias` [O], if given, is added to each output channel.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func convolved2D(with filters: Tensor, bias: Tensor? = nil, stride: SpatialPair = 1, padding: SpatialPair = 0,
                            dilation: SpatialPair = 1) throws -> Tensor {
        let operands = "input \(Shape.describe(shape)), filters \(Shape.describe(filters.shape))"
        guard filters.rank == 4 else {
            throw TensorError.invalidArgument(operation: "conv2d", reason: "the filters must have shape (out, in, kh, kw) (\(operands))")
        }
        let g = try WindowGeometry(input: shape, kernel: SpatialPair(filters.shape[2], filters.shape[3]), stride: stride,
                                   padding: padding, dilation: dilation, operation: "conv2d", operands: operands)
        guard filters.shape[1] == g.channels else { throw TensorError.shapeMismatch(operation: "conv2d", shape, filters.shape) }
        return try convolution(with: filters, bias: bias, g, operation: "conv2d")
    }

    /// 1-D cross-correlation of [N, C, L] with filters [O, C, K], giving
    /// [N, O, (L + 2P − D·(K − 1) − 1) / S + 1], as PyTorch's `conv1d`: the
    /// 2-D convolution of [N, C, 1, L] with [O, C, 1, K].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func convolved1D(with filters: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                            dilation: Int = 1) throws -> Tensor {
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
        return try planar.convolution(with: planarFilters, bias: bias, g, operation: "conv1d").reshaped(to: [g.batch, filters.shape[0], g.outputWidth])
    }

    /// The convolution as one product for the whole batch: W [O, C·KH·KW] times
    /// the patch matrix [C·KH·KW, N·OH·OW] (see `PatchMatrix`), with the bias
    /// added as the product's rows are put in sample order.
    private func convolution(with filters: Tensor, bias: Tensor?, _ g: WindowGeometry, operation: String) throws -> Tensor {
        let outChannels = filters.shape[0], columnCount = g.batch * g.outputPixels
        let outShape = [g.batch, outChannels, g.outputHeight, g.outputWidth]
        _ = try Self.resultCount(outShape, for: operation)
        if let bias, bias.shape != [outChannels] {
            throw TensorError.invalidArgument(operation: operation, reason:
                "the bias must have one element per output channel, (\(outChannels),), got \(Shape.describe(bias.shape))")
        }
        guard (try? Shape.elementCount([g.patchSize, columnCount])) != nil else {
            throw TensorError.invalidArgument(operation: operation, reason:
                "its patch matrix of \(g.patchSize) × \(columnCount) would hold more than \(Shape.maximumElementCount) elements (input \(Shape.describe(shape)), filters \(Shape.describe(filters.shape)))")
        }
        let patches = try Self.patchMatrix(scalars, g, operation: operation)
        let product = try Self.product(filters.scalars, transposed: false, patches.scalars, transposed: false,
                                       m: outChannels, n: columnCount, k: g.patchSize)
        let values = Self.sampleMajor(product, channels: outChannels, g, bias: bias?.scalars)
        let parents = bias.map { [self, filters, $0] } ?? [self, filters]
        // First order only: the backward pass works on patch matrices of raw numbers.
        return .result(shape: outShape, scalars: values, parents: parents, operation: operation, isDifferentiableTwice: false) {
            [self] grad in try Self.convolutionGradients(grad, input: self, filters: filters, bias: bias, patches: patches, g)
        }
    }

    /// The input's, the filters' and the bias's gradients (nil for one that
    /// needs none): G·colsᵀ for the filters, Wᵀ·G folded back onto the input,
    /// G's row sums for the bias, with G the output gradient as [O, N·OH·OW].
    private static func convolutionGradients(_ grad: Tensor, input: Tensor, filters: Tensor, bias: Tensor?, patches: Tensor,
                                             _ g: WindowGeometry) throws -> [Tensor?] {
        let outChannels = filters.shape[0], columnCount = g.batch * g.outputPixels
        let gradRows = channelMajor(grad.scalars, channels: outChannels, g)
        var filterGradient: Tensor?
        if filters.requiresGradient {
            let values = try product(gradRows, transposed: false, patches.scalars, transposed: true,
                                     m: outChannels, n: g.patchSize, k: columnCount)
            filterGradient = Tensor(uncheckedShape: filters.shape, scalars: values)
        }
        var inputGradient: Tensor?
        if input.requiresGradient {
            let columnGradient = try product(filters.scalars, transposed: true, gradRows, transposed: false,
                                             m: g.patchSize, n: columnCount, k: outChannels)
            let values = ScalarBuffer.filledLikeInput(count: input.count) { (x: UnsafeMutablePointer<Scalar>) in
                columnGradient.withUnsafeBufferPointer { columns in
                    guard let columns = columns.baseAddress else { return x.update(repeating: 0, count: input.count) }
                    PatchMatrix.fold(columns, g, into: x)
                }
            }
            inputGradient = Tensor(uncheckedShape: input.shape, scalars: values)
        }
        guard let bias else { return [inputGradient, filterGradient] }
        var biasGradient: Tensor?
        if bias.requiresGradient {
            let values = ScalarBuffer.filledLikeInput(count: outChannels) { (sums: UnsafeMutablePointer<Scalar>) in
                sums.update(repeating: 0, count: outChannels)
                gradRows.withUnsafeBufferPointer { rows in
                    guard let rows = rows.baseAddress else { return }
                    for o in 0..<outChannels { sums[o] = Summation.sum(rows + o * columnCount, count: columnCount) }
                }
            }
            biasGradient = Tensor(uncheckedShape: bias.shape, scalars: values)
        }
        return [inputGradient, filterGradient, biasGradient]
    }

    /// The patch matrix of the whole batch, as a tensor so that the memory
    /// budget counts it while the backward pass keeps it.
    private static func patchMatrix(_ input: [Scalar], _ g: WindowGeometry, operation: String) throws -> Tensor {
        let count = g.patchSize * g.batch * g.outputPixels
        try requireRoom(elements: count, for: "\(operation)'s patches")
        let columns = ScalarBuffer.filledLikeInput(count: count) { (out: UnsafeMutablePointer<Scalar>) in
            input.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress else { return out.update(repeating: 0, count: count) }
                PatchMatrix.build(x, g, into: out)
            }
        }
        return Tensor(uncheckedShape: [g.patchSize, g.batch * g.outputPixels], scalars: columns)
    }

    /// The product's [O, N, OH·OW] as the output's [N, O, OH·OW], plus bias[o].
    private static func sampleMajor(_ rows: [Scalar], channels: Int, _ g: WindowGeometry, bias: [Scalar]?) -> [Scalar] {
        let pixels = g.outputPixels, count = rows.count
        return ScalarBuffer.filledLikeInput(count: count) { (out: UnsafeMutablePointer<Scalar>) in
            rows.withUnsafeBufferPointer { source in
                guard let source = source.baseAddress else { return }
                for n in 0..<g.batch {
                    for o in 0..<channels {
                        let from = source + (o * g.batch + n) * pixels, to = out + (n * channels + o) * pixels
                        if let bias {
                            let b = bias[o]
                            for p in 0..<pixels { to[p] = from[p] + b }
                        } else {
                            to.update(from: from, count: pixels)
                        }
                    }
                }
            }
        }
    }

    /// The output gradient's [N, O, OH·OW] as [O, N·OH·OW].
    private static func channelMajor(_ values: [Scalar], channels: Int, _ g: WindowGeometry) -> [Scalar] {
        let pixels = g.outputPixels
        return ScalarBuffer.filledLikeInput(count: values.count) { (out: UnsafeMutablePointer<Scalar>) in
            values.withUnsafeBufferPointer { source in
                guard let source = source.baseAddress else { return }
                for n in 0..<g.batch {
                    for o in 0..<channels {
                        (out + (o * g.batch + n) * pixels).update(from: source + (n * channels + o) * pixels, count: pixels)
                    }
                }
            }
        }
    }
}
