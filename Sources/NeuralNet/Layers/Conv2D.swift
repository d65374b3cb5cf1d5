import TensorCore

/// A 2-D convolution (cross-correlation) over [N, C, H, W] batches with
/// square kernels: filters [outChannels, inChannels, kernel, kernel], bias
/// [outChannels] (PyTorch's layout), output size (H + 2P − D·(K − 1) − 1) / S + 1.
///
/// ```swift
/// let conv = try Conv2D<Float>(1, 6, kernel: 3, padding: 1, activation: .relu)
/// print(conv)  // conv2d 1 → 6, kernel: 3, pad: 1, relu
/// ```
public final class Conv2D<Scalar: TensorScalar>: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    /// The spacing of the kernel's taps (1: adjacent).
    public let dilation: Int
    /// The function applied after the convolution, if any.
    public let activation: ActivationFunction<Scalar>?
    /// [outChannels, inChannels, kernel, kernel].
    public let weight: Tensor<Scalar>
    /// [outChannels], or nil.
    public let bias: Tensor<Scalar>?

    /// A convolution whose parameters are all zero (initialise before training).
    public init(
        _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
        activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true
    ) throws {
        (self.inChannels, self.outChannels, self.kernel, self.stride, self.padding) = (inChannels, outChannels, kernel, stride, padding)
        self.dilation = dilation
        self.activation = activation
        weight = try Tensor.zeros([max(outChannels, 0), max(inChannels, 0), max(kernel, 0), max(kernel, 0)])
        bias = useBias ? try Tensor.zeros([max(outChannels, 0)]) : nil
        guard inChannels >= 1, outChannels >= 1, kernel >= 1, stride >= 1, dilation >= 1, padding >= 0 else {
            throw LayerError(layer: description, problem: "needs channels, kernel, stride and dilation ≥ 1 and padding ≥ 0")
        }
        for p in parameters { p.tensor.requiresGradient = true }
    }

    /// A convolution with filters drawn by `weightInitializer` and bias by
    /// `biasInitializer`, in that order.
    public convenience init(
        _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1,
        activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true,
        weightInitializer: Initializer, biasInitializer: Initializer = .zeros, generator: inout RandomGenerator
    ) throws {
        try self.init(inChannels, outChannels, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
                      activation: activation, useBias: useBias)
        try initialize(weights: weightInitializer, biases: biasInitializer, generator: &generator)
    }

    public var description: String {
        var text = "conv2d \(inChannels) → \(outChannels), kernel: \(kernel)"
        if stride != 1 { text += ", stride: \(stride)" }
        if padding != 0 { text += ", pad: \(padding)" }
        if dilation != 1 { text += ", dilation: \(dilation)" }
        if bias == nil { text += ", no bias" }
        if let activation { text += ", \(activation.name)" }
        return text
    }

    public var parameters: [Parameter<Scalar>] {
        let area = kernel * kernel
        var list = [Parameter(name: "weight", tensor: weight, kind: .weight, fanIn: inChannels * area, fanOut: outChannels * area)]
        if let bias {
            list.append(Parameter(name: "bias", tensor: bias, kind: .bias, fanIn: inChannels * area, fanOut: outChannels * area))
        }
        return list
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw LayerError(layer: description, problem:
                "expects samples of shape (channels, height, width), got \(Shape.describe(inputShape))")
        }
        guard inputShape[0] == inChannels else {
            throw LayerError(layer: description, problem: "expects \(inChannels) input channels, got \(inputShape[0])")
        }
        let (height, width) = (inputShape[1] + 2 * padding, inputShape[2] + 2 * padding)
        let reach = dilation * (kernel - 1) + 1
        guard height >= reach, width >= reach else {
            let window = dilation == 1 ? "a \(kernel)×\(kernel) kernel" : "a \(kernel)×\(kernel) kernel dilated by \(dilation)"
            throw LayerError(layer: description, problem:
                "has \(window) that does not fit a \(inputShape[1])×\(inputShape[2]) input padded by \(padding)")
        }
        return [outChannels, (height - reach) / stride + 1, (width - reach) / stride + 1]
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        _ = try outputShape(for: sampleShape(of: input))
        // The bias inside the convolution: added as its output is laid out, summed from its gradient.
        var output = try input.convolved2D(with: weight, bias: bias, stride: .both(stride), padding: .both(padding),
                                           dilation: .both(dilation))
        if let activation { output = try activation(output) }
        return output
    }
}
