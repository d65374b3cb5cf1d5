import TensorCore

/// A fully connected layer: `y = activation(x @ W + b)` for a batch x of
/// shape [N, inputs].
///
/// The weight has shape **[inputs, outputs]** (so that `x @ W` needs no
/// transpose; PyTorch's `Linear` stores the transpose, [outputs, inputs]) and
/// the bias shape [outputs].
///
/// ```swift
/// var generator = RandomGenerator(seed: 0)
/// let hidden = try Dense<Float>(1, 3, activation: .relu, weightInitializer: .he, generator: &generator)
/// print(hidden)  // dense 1 → 3, relu
/// ```
public final class Dense<Scalar: TensorScalar>: Layer {
    /// The features of one input sample.
    public let inputs: Int
    /// The features of one output sample.
    public let outputs: Int
    /// The function applied after the affine map, if any.
    public let activation: ActivationFunction<Scalar>?
    /// [inputs, outputs].
    public let weight: Tensor<Scalar>
    /// [outputs], or nil for a layer without bias.
    public let bias: Tensor<Scalar>?

    /// A layer whose parameters are all zero (set them, or call
    /// `Network.initialize`, before training: zero weights cannot learn).
    public init(_ inputs: Int, _ outputs: Int, activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true) throws {
        guard inputs >= 1, outputs >= 1 else {
            throw LayerError(layer: "dense \(inputs) → \(outputs)", problem: "needs at least one input and one output")
        }
        self.inputs = inputs
        self.outputs = outputs
        self.activation = activation
        weight = try Tensor.zeros([inputs, outputs])
        bias = useBias ? try Tensor.zeros([outputs]) : nil
        for p in parameters { p.tensor.requiresGradient = true }
    }

    /// A layer with its weight drawn by `weightInitializer` and its bias by
    /// `biasInitializer` (zeros by default), in that order.
    public convenience init(
        _ inputs: Int, _ outputs: Int, activation: ActivationFunction<Scalar>? = nil, useBias: Bool = true,
        weightInitializer: Initializer, biasInitializer: Initializer = .zeros, generator: inout RandomGenerator
    ) throws {
        try self.init(inputs, outputs, activation: activation, useBias: useBias)
        try initialize(weights: weightInitializer, biases: biasInitializer, generator: &generator)
    }

    public var description: String {
        var text = "dense \(inputs) → \(outputs)"
        if bias == nil { text += ", no bias" }
        if let activation { text += ", \(activation.name)" }
        return text
    }

    public var parameters: [Parameter<Scalar>] {
        var list = [Parameter(name: "weight", tensor: weight, kind: .weight, fanIn: inputs, fanOut: outputs)]
        if let bias { list.append(Parameter(name: "bias", tensor: bias, kind: .bias, fanIn: inputs, fanOut: outputs)) }
        return list
    }

    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 1 else {
            let hint = inputShape.count > 1 ? "; add a flatten layer before it" : ""
            throw LayerError(layer: description, problem:
                "expects \(inputs) inputs per sample, got samples of shape \(Shape.describe(inputShape))\(hint)")
        }
        guard inputShape[0] == inputs else {
            throw LayerError(layer: description, problem: "expects \(inputs) inputs, got \(inputShape[0])")
        }
        return [outputs]
    }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        // The usual batch [N, inputs] needs no shape arrays to check.
        if !(input.rank == 2 && input.shape[1] == inputs) { _ = try outputShape(for: sampleShape(of: input)) }
        if let bias, input.rank == 2, activation?.isBuiltInReLU == true {
            return try input.affineReLU(weight, bias)
        }
        var output = try bias.map { try input.rank == 2 ? input.affine(weight, $0) : input.matmul(weight).adding($0) }
            ?? input.matmul(weight)
        if let activation { output = try activation(output) }
        return output
    }
}
