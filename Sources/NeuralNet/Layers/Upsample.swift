import TensorCore

/// Upsampling of samples (channels, length) or (channels, height, width) by
/// a whole factor along each spatial axis: nearest or (bi)linear, as
/// PyTorch's `nn.Upsample` with `align_corners=False`.
public final class Upsample<Scalar: TensorScalar>: Layer {
    public let scale: Int
    public let mode: UpsamplingMode

    public init(_ scale: Int, mode: UpsamplingMode = .nearest) throws {
        (self.scale, self.mode) = (scale, mode)
        guard scale >= 1 else { throw LayerError(layer: "upsample \(scale)", problem: "needs a whole scale ≥ 1") }
    }

    public var description: String { "upsample \(scale)" + (mode == .nearest ? "" : ", \(mode.rawValue)") }
    public var parameters: [Parameter<Scalar>] { [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2 || inputShape.count == 3 else {
            throw LayerError(layer: description, problem:
                "expects samples of shape (channels, length) or (channels, height, width), got \(Shape.describe(inputShape))")
        }
        return [inputShape[0]] + inputShape.dropFirst().map { $0 * scale }
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let sample = try sampleShape(of: input)
        _ = try outputShape(for: sample)
        return sample.count == 2
            ? try input.upsampled1D(scale: scale, mode: mode)
            : try input.upsampled2D(scale: .both(scale), mode: mode)
    }
}
