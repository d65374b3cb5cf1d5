import CMatrixKernels

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
        var winners = [Int](repeating: -1, count: outCount)
        let values = ScalarBuffer.filledLikeInput(count: outCount) { (out: UnsafeMutablePointer<Scalar>) in
            scalars.withUnsafeBufferPointer { x in
                winners.withUnsafeMutableBufferPointer { winners in
                    // An empty input plane (padding only): every window is −∞ with no winner.
                    guard let x = x.baseAddress, let winners = winners.baseAddress else {
                        return out.update(repeating: -.infinity, count: outCount)
                    }
                    Self.maxPoolPlanes(x, g, values: out, winners: winners)
                }
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

    /// Each window's maximum and the offset of its first maximum in row-major
    /// order within the window (−1 and −∞ for a window wholly in the padding,
    /// which the padding itself never wins).
    private static func maxPoolPlanes(_ x: UnsafePointer<Scalar>, _ g: WindowGeometry, values: UnsafeMutablePointer<Scalar>,
                                      winners: UnsafeMutablePointer<Int>) {
        if g.padding == 0 { return maxPoolInside(x, g, values: values, winners: winners) }
        // Each output column's window columns inside the plane, found once.
        let columns = (0..<g.outputWidth).map { inside($0 * g.stride.width - g.padding.width, window: g.kernel.width, size: g.width) }
        for plane in 0..<(g.batch * g.channels) {
            let base = plane * g.inputPixels
            var out = plane * g.outputPixels
            for oy in 0..<g.outputHeight {
                let top = oy * g.stride.height - g.padding.height
                let rows = inside(top, window: g.kernel.height, size: g.height)
                for ox in 0..<g.outputWidth {
                    let left = base + top * g.width + ox * g.stride.width - g.padding.width
                    var best = -Scalar.infinity, winner = -1
                    for ky in rows {
                        let rowStart = left + ky * g.width
                        for kx in columns[ox] {
                            let value = x[rowStart + kx]
                            if value > best || winner < 0 { (best, winner) = (value, rowStart + kx) }
                        }
                    }
                    values[out] = best
                    winners[out] = winner
                    out += 1
                }
            }
        }
    }

    /// `maxPoolPlanes` without padding: every window lies wholly in its
    /// plane, so the C kernel starts from its first element with no range checks.
    private static func maxPoolInside(_ x: UnsafePointer<Scalar>, _ g: WindowGeometry, values: UnsafeMutablePointer<Scalar>,
                                      winners: UnsafeMutablePointer<Int>) {
        let raw = UnsafeRawPointer(x), target = UnsafeMutableRawPointer(values)
        if Scalar.self == Float.self {
            dln_window_max_s(raw.assumingMemoryBound(to: Float.self), g.batch * g.channels, g.height, g.width,
                             g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width, g.stride.height, g.stride.width,
                             target.assumingMemoryBound(to: Float.self), winners)
        } else {
            dln_window_max_d(raw.assumingMemoryBound(to: Double.self), g.batch * g.channels, g.height, g.width,
                             g.outputHeight, g.outputWidth, g.kernel.height, g.kernel.width, g.stride.height, g.stride.width,
                             target.assumingMemoryBound(to: Double.self), winners)
        }
    }

    /// The offsets k < `window` with 0 ≤ start + k < size (empty for a window wholly in the padding).
    private static func inside(_ start: Int, window: Int, size: Int) -> Range<Int> {
        let first = Swift.min(window, Swift.max(0, -start))
        return first..<Swift.max(first, Swift.min(window, size - start))
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
        return try windowAverages(g, divisor: Scalar(g.kernel.area), operation: operation)
    }
}
