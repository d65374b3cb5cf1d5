import TensorCore

/// A 1-D convolution (cross-correlation) over [N, C, L] batches: filters
/// [outChannels, inChannels, kernel], bias [outChannels] (PyTorch's layout),
/// output length (L + 2P − D·(K − 1) − 1) / S + 1.
///
/// ```swift
/// let conv = try Conv1D<Float>(1, 8, kernel: 5, padding: 2, activation: .relu)
/// print(conv)  // conv1d 1 → 8, kernel: 5, pad: 2, relu
/// ```
public final class Conv1D<Scalar: TensorScalar>: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    /// The spacing of the kernel's taps (1: adjacent).
    public let dilation: Int
    /// The function applied after the convolution, if any.
    public let activation: ActivationFunction<Scalar>?
    /// [outChannels, inChannels, kernel].
    public let weight: Tensor<Scalar>
    /// [outChannels], or nil.
    public let bias: Tensor<Scalar>?

    /// A convolution whose parameters are all zero (initialise before training).
    public init(
        _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
        activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true
    ) throws {
        (self.inChannels, self.outChannels, self.kernel) = (inChannels, outChannels, kernel)
        (self.stride, self.padding, self.dilation) = (stride, padding, dilation)
        self.activation = activation
        weight = try Tensor.zeros([max(outChannels, 0), max(inChannels, 0), max(kernel, 0)])
        bias = useBias ? try Tensor.zeros([max(outChannels, 0)]) : nil
        guard inChannels >= 1, outChannels >= 1, kernel >= 1, stride >= 1, dilation >= 1, padding >= 0 else {
            throw LayerError(layer: description, problem: "needs channels, kernel, stride and dilation ≥ 1 and padding ≥ 0")
        }
        for p in parameters { p.tensor.requiresGradient = true }
    }

    public var description: String {
        var text = "conv1d \(inChannels) → \(outChannels), kernel: \(kernel)"
        if stride != 1 { text += ", stride: \(stride)" }
        if padding != 0 { text += ", pad: \(padding)" }
        if dilation != 1 { text += ", dilation: \(dilation)" }
        if bias == nil { text += ", no bias" }
        if let activation { text += ", \(activation.name)" }
        return text
    }

    public var parameters: [Parameter<Scalar>] {
        var list = [Parameter(name: "weight", tensor: weight, kind: .weight, fanIn: inChannels * kernel, fanOut: outChannels * kernel)]
        if let bias {
            list.append(Parameter(name: "bias", tensor: bias, kind: .bias, fanIn: inChannels * kernel, fanOut: outChannels * kernel))
        }
        return list
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError(layer: description, problem: "expects samples of shape (channels, length), got \(Shape.describe(inputShape))")
        }
        guard inputShape[0] == inChannels else {
            throw LayerError(layer: description, problem: "expects \(inChannels) input channels, got \(inputShape[0])")
        }
        let length = inputShape[1] + 2 * padding, reach = dilation * (kernel - 1) + 1
        guard length >= reach else {
            let window = dilation == 1 ? "a kernel of \(kernel)" : "a kernel of \(kernel) dilated by \(dilation)"
            throw LayerError(layer: description, problem: "has \(window) that does not fit an input of \(inputShape[1]) padded by \(padding)")
        }
        return [outChannels, (length - reach) / stride + 1]
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        _ = try outputShape(for: sampleShape(of: input))
        var output = try input.convolved1D(with: weight, bias: bias, stride: stride, padding: padding, dilation: dilation)
        if let activation { output = try activation(output) }
        return output
    }
}
