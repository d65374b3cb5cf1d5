/// How `upsampled` fills the new positions.
public enum UpsamplingMode: String, Sendable, CaseIterable {
    /// Each output copies the input it falls in.
    case nearest
    /// (Bi)linear interpolation between the two nearest inputs along each
    /// axis, PyTorch's `align_corners=False`: output i samples the input at
    /// (i + ½)/s − ½, clamped to the edges.
    case linear
}

extension Tensor {
    /// [N, C, H, W] → [N, C, H·sh, W·sw] for whole scale factors ≥ 1, as
    /// PyTorch's `interpolate(scale_factor:, mode: "nearest" | "bilinear")`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func upsampled2D(scale: SpatialPair, mode: UpsamplingMode) throws -> Tensor {
        guard rank == 4 else {
            throw TensorError.invalidArgument(operation: "upsample", reason: "2-D upsampling takes (batch, channels, height, width), got \(Shape.describe(shape))")
        }
        return try upsampled(scale: scale, mode: mode, described: shape)
    }

    /// [N, C, L] → [N, C, L·s], as PyTorch's `interpolate` with "nearest" or "linear".
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func upsampled1D(scale: Int, mode: UpsamplingMode) throws -> Tensor {
        guard rank == 3 else {
            throw TensorError.invalidArgument(operation: "upsample", reason: "1-D upsampling takes (batch, channels, length), got \(Shape.describe(shape))")
        }
        let planar = try reshaped(to: [shape[0], shape[1], 1, shape[2]])
        let result = try planar.upsampled(scale: SpatialPair(1, scale), mode: mode, described: shape)
        return try result.reshaped(to: [shape[0], shape[1], result.shape[3]])
    }

    private func upsampled(scale: SpatialPair, mode: UpsamplingMode, described: [Int]) throws -> Tensor {
        let (height, width) = (shape[2], shape[3])
        let (outHeight, tallOverflow) = height.multipliedReportingOverflow(by: scale.height)
        let (outWidth, wideOverflow) = width.multipliedReportingOverflow(by: scale.width)
        let outShape = [shape[0], shape[1], outHeight, outWidth]
        guard scale.height >= 1, scale.width >= 1, !tallOverflow, !wideOverflow, (try? Shape.elementCount(outShape)) != nil else {
            let reason = scale.height >= 1 && scale.width >= 1
                ? "scale \(scale) would make more than \(Shape.maximumElementCount) elements"
                : "scale must be a whole number ≥ 1, got \(scale)"
            throw TensorError.invalidArgument(operation: "upsample", reason: "\(reason) (input \(Shape.describe(described)))")
        }
        // Up to four weighted pairs per output pixel: two offsets and a weight each.
        let pairs = (mode == .nearest ? 1 : 4) * outHeight * outWidth
        try Self.requireRoom(elements: pairs * (1 + 2 * MemoryLayout<Int>.stride / MemoryLayout<Scalar>.stride), for: "upsample's weights")
        let rows = Self.interpolation(from: height, scale: scale.height, mode: mode).map { $0.weighted(linear: mode == .linear) }
        let columns = Self.interpolation(from: width, scale: scale.width, mode: mode).map { $0.weighted(linear: mode == .linear) }
        var outputPixel: [Int] = [], inputPixel: [Int] = [], weight: [Scalar] = []
        outputPixel.reserveCapacity(pairs); inputPixel.reserveCapacity(pairs); weight.reserveCapacity(pairs)
        for (oy, row) in rows.enumerated() {
            for (ox, column) in columns.enumerated() {
                for (iy, wy) in row {
                    for (ix, wx) in column {
                        outputPixel.append(oy * outWidth + ox); inputPixel.append(iy * width + ix); weight.append(Scalar(wy * wx))
                    }
                }
            }
        }
        let map = PlaneMap(inputPixels: height * width, outputPixels: outHeight * outWidth,
                           outputPixel: outputPixel, inputPixel: inputPixel, weight: weight, divisor: 1)
        return try mappingPlanes(map, outputShape: outShape, operation: "upsample")
    }

    /// For each output position along one axis, where it reads the input.
    private static func interpolation(from size: Int, scale: Int, mode: UpsamplingMode) -> [AxisSample] {
        (0..<(size * scale)).map { out in
            switch mode {
            case .nearest:
                return AxisSample(low: out / scale, high: out / scale, fraction: 0)
            case .linear:
                let source = Swift.max((Double(out) + 0.5) / Double(scale) - 0.5, 0)
                let low = Swift.min(Int(source), size - 1)
                return AxisSample(low: low, high: Swift.min(low + 1, size - 1), fraction: source - Double(low))
            }
        }
    }
}

/// Where one output position reads the input along one axis: between `low`
/// and `high`, `fraction` of the way.
private struct AxisSample {
    let low: Int, high: Int, fraction: Double

    /// The positions read and their weights: one for nearest, two for linear.
    func weighted(linear: Bool) -> [(Int, Double)] {
        linear ? [(low, 1 - fraction), (high, fraction)] : [(low, 1)]
    }
}
