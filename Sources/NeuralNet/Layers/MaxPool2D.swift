import TensorCore

/// Max pooling over samples (channels, height, width) with a square window,
/// or (channels, length); the stride defaults to the window size
/// (non-overlapping windows).
public final class MaxPool2D<Scalar: TensorScalar>: Layer {
    public let size: Int
    public let stride: Int

    /// A pooling layer with a `size`×`size` window moved by `stride` (default `size`).
    public init(_ size: Int, stride: Int? = nil) throws {
        self.size = size
        self.stride = stride ?? size
        guard size >= 1, self.stride >= 1 else {
            throw LayerError(layer: "maxpool \(size)", problem: "needs a window and a stride ≥ 1")
        }
    }

    public var description: String { stride == size ? "maxpool \(size)" : "maxpool \(size), stride: \(stride)" }
    public var parameters: [Parameter<Scalar>] { [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2 || inputShape.count == 3 else {
            throw LayerError(layer: description, problem:
                "expects samples of shape (channels, height, width) or (channels, length), got \(Shape.describe(inputShape))")
        }
        let spatial = inputShape.dropFirst()
        guard spatial.allSatisfy({ $0 >= size }) else {
            let window = spatial.count == 1 ? "\(size)" : "\(size)×\(size)"
            throw LayerError(layer: description, problem:
                "has a \(window) window that does not fit a \(spatial.map(String.init).joined(separator: "×")) input")
        }
        return [inputShape[0]] + spatial.map { ($0 - size) / stride + 1 }
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let sample = try sampleShape(of: input)
        _ = try outputShape(for: sample)
        return sample.count == 2
            ? try input.maxPooled1D(size: size, stride: stride)
            : try input.maxPooled2D(size: .both(size), stride: .both(stride))
    }
}

/// Reshapes each sample to a vector: [N, d1, d2, …] → [N, d1·d2·…].
public final class Flatten<Scalar: TensorScalar>: Layer {
    public init() {}

    public var description: String { "flatten" }
    public var parameters: [Parameter<Scalar>] { [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        [inputShape.reduce(1, *)]
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let sample = try sampleShape(of: input)
        return try input.reshaped(to: [input.shape[0], sample.reduce(1, *)])
    }
}
