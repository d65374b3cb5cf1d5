extension Tensor {
    /// Max pooling over [N, C, H, W] (stride defaults to the window size);
    /// the gradient goes to each window's first maximum.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func maxPooled2D(size: SpatialPair, stride: SpatialPair? = nil, padding: SpatialPair = 0) throws -> Tensor {
        try maxPooled(shape, size: size, stride: stride ?? size, padding: padding, spatialAxes: 2)
    }

    /// Max pooling of self, seen as [N, C, H, W]; `described` is the shape messages show.
    private func maxPooled(_ described: [Int], size: SpatialPair, stride: SpatialPair, padding: SpatialPair,
                           spatialAxes: Int) throws -> Tensor {
        let g = try WindowGeometry(input: shape, kernel: size, stride: stride, padding: padding,
                                   operation: "maxpool", operands: "input \(Shape.describe(described))", spatialAxes: spatialAxes)
        let outShape = [g.batch, g.channels, g.outputHeight, g.outputWidth]
        let outCount = try Self.resultCount(outShape, for: "maxpool")
        let taps = try g.taps()
        var values = [Scalar](repeating: -.infinity, count: outCount)
        var winners = [Int](repeating: -1, count: outCount)
        for plane in 0..<(g.batch * g.channels) {
            // Taps list each window's elements in row-major order: ties go to the first.
            for t in 0..<taps.count {
                let out = plane * g.outputPixels + taps.outputPixel[t], offset = plane * g.inputPixels + taps.inputPixel[t]
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

    /// Max pooling over [N, C, L], as PyTorch's `max_pool1d`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func maxPooled1D(size: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        guard rank == 3 else {
            throw TensorError.invalidArgument(operation: "maxpool", reason: "1-D pooling takes (batch, channels, length), got \(Shape.describe(shape))")
        }
        let pooled = try reshaped(to: [shape[0], shape[1], 1, shape[2]]).maxPooled(
            [shape[0], shape[1], 1, shape[2]], size: SpatialPair(1, size), stride: SpatialPair(1, stride ?? size),
            padding: SpatialPair(0, padding), spatialAxes: 1)
        return try pooled.reshaped(to: [shape[0], shape[1], pooled.shape[3]])
    }

    /// Average pooling over [N, C, H, W] (stride defaults to the window size),
    /// as PyTorch's `avg_pool2d` by default: the padding's zeros count, so each
    /// window's sum is divided by KH·KW; padding at most half the window.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func averagePooled2D(size: SpatialPair, stride: SpatialPair? = nil, padding: SpatialPair = 0) throws -> Tensor {
        try averagePooled(shape, size: size, stride: stride ?? size, padding: padding, operation: "avgpool", spatialAxes: 2)
    }

    /// Average pooling over [N, C, L], as PyTorch's `avg_pool1d`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func averagePooled1D(size: Int, stride: Int? = nil, padding: Int = 0) throws -> Tensor {
        guard rank == 3 else {
            throw TensorError.invalidArgument(operation: "avgpool", reason: "1-D pooling takes (batch, channels, length), got \(Shape.describe(shape))")
        }
        let pooled = try reshaped(to: [shape[0], shape[1], 1, shape[2]]).averagePooled(
            [shape[0], shape[1], 1, shape[2]], size: SpatialPair(1, size), stride: SpatialPair(1, stride ?? size),
            padding: SpatialPair(0, padding), operation: "avgpool", spatialAxes: 1)
        return try pooled.reshaped(to: [shape[0], shape[1], pooled.shape[3]])
    }

    /// Average pooling of self, seen as [N, C, H, W]; `described` is the shape messages show.
    private func averagePooled(_ described: [Int], size: SpatialPair, stride: SpatialPair, padding: SpatialPair,
                               operation: String, spatialAxes: Int) throws -> Tensor {
        let operands = "input \(Shape.describe(described))"
        let g = try WindowGeometry(input: shape, kernel: size, stride: stride, padding: padding,
                                   operation: operation, operands: operands, spatialAxes: spatialAxes)
        guard padding.height <= size.height / 2, padding.width <= size.width / 2 else {
            throw TensorError.invalidArgument(operation: operation, reason:
                "pad must be at most half the window, got pad \(padding) for a window of \(size) (\(operands))")
        }
        let taps = try g.taps()
        let map = PlaneMap<Scalar>(inputPixels: g.inputPixels, outputPixels: g.outputPixels,
                                   outputPixel: taps.outputPixel, inputPixel: taps.inputPixel,
                                   weight: [Scalar](repeating: 1, count: taps.count), divisor: Scalar(g.kernel.area))
        return try mappingPlanes(map, outputShape: [g.batch, g.channels, g.outputHeight, g.outputWidth], operation: operation)
    }
}
