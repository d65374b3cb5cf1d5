import TensorCore

/// Average pooling over samples (channels, length) or (channels, height,
/// width) with a window of `size` (square in 2-D); the stride defaults to
/// the size. The padding's zeros count, as in PyTorch.
public final class AveragePool<Scalar: TensorScalar>: Layer {
    public let size: Int
    public let stride: Int
    public let padding: Int

    public init(_ size: Int, stride: Int? = nil, padding: Int = 0) throws {
        (self.size, self.stride, self.padding) = (size, stride ?? size, padding)
        guard size >= 1, self.stride >= 1, padding >= 0, padding <= size / 2 else {
            throw LayerError(layer: "avgpool \(size)", problem: "needs a window and a stride ≥ 1 and padding from 0 to half the window")
        }
    }

    public var description: String {
        "avgpool \(size)" + (stride == size ? "" : ", stride: \(stride)") + (padding == 0 ? "" : ", pad: \(padding)")
    }
    public var parameters: [Parameter<Scalar>] { [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2 || inputShape.count == 3 else {
            throw LayerError(layer: description, problem:
                "expects samples of shape (channels, length) or (channels, height, width), got \(Shape.describe(inputShape))")
        }
        let spatial = inputShape.dropFirst()
        guard spatial.allSatisfy({ $0 + 2 * padding >= size }) else {
            throw LayerError(layer: description, problem:
                "has a window of \(size) that does not fit an input of \(spatial.map(String.init).joined(separator: "×")) padded by \(padding)")
        }
        return [inputShape[0]] + spatial.map { ($0 + 2 * padding - size) / stride + 1 }
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let sample = try sampleShape(of: input)
        _ = try outputShape(for: sample)
        return sample.count == 2
            ? try input.averagePooled1D(size: size, stride: stride, padding: padding)
            : try input.averagePooled2D(size: .both(size), stride: .both(stride), padding: .both(padding))
    }
}
