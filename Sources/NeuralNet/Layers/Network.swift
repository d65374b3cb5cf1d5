import TensorCore

/// Layers applied one after another (Flux's `Chain`, mlx-swift's `Sequential`).
///
/// ```swift
/// let shallow = try Network<Float>(name: "shallow", inputShape: [1], layers: [
///     Dense(1, 3, activation: .relu),
///     Dense(3, 1),
/// ])
/// print(shallow)
/// // network shallow (10 parameters)
/// //   dense 1 → 3, relu
/// //   dense 3 → 1
/// ```
/// Parameters are named `layers.<index>.<name>` (`layers.0.weight`), the
/// names safetensors files use.
public final class Network<Scalar: TensorScalar>: CustomStringConvertible {
    /// The name it was declared with, if any.
    public var name: String?
    /// The shape of one input sample, when declared (`input 1, 8, 8`).
    public let inputShape: [Int]?
    /// The layers, first applied first.
    public let layers: [any Layer<Scalar>]

    /// A network of `layers`; when `inputShape` is given, checks now that
    /// every layer fits the output of the one before.
    public init(name: String? = nil, inputShape: [Int]? = nil, layers: [any Layer<Scalar>]) throws {
        self.name = name
        self.inputShape = inputShape
        self.layers = layers
        if let inputShape { _ = try outputShape(for: inputShape) }
    }

    public var description: String {
        let count = parameterCount
        var lines = ["network\(name.map { " \($0)" } ?? "") (\(count) parameter\(count == 1 ? "" : "s"))"]
        if let inputShape { lines.append("  input " + inputShape.map(String.init).joined(separator: ", ")) }
        lines += layers.map { "  \($0.description)" }
        return lines.joined(separator: "\n")
    }

    /// The output shape of one sample of `sampleShape`, or a `NetworkError`
    /// naming the first layer that does not fit.
    public func outputShape(for sampleShape: [Int]) throws -> [Int] {
        var shape = sampleShape
        for (index, layer) in layers.enumerated() {
            shape = try Self.naming(layer, at: index) { try layer.outputShape(for: shape) }
        }
        return shape
    }

    /// The network applied to a batch [N, …], recorded for `backward()`.
    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        if let chain = denseChain, input.rank == 2, input.shape[1] == chain.inputWidth {
            return try chain(input)
        }
        var output = input
        for (index, layer) in layers.enumerated() {
            output = try Self.naming(layer, at: index) { try layer.forward(output) }
        }
        return output
    }

    /// The layers as one `DenseChain`, when every layer is a dense layer
    /// with a bias and ReLU or no activation, each taking the outputs of the
    /// one before: the same values as layer by layer, recorded as one
    /// operation, with its memory kept between steps. Layers and their
    /// tensors never change, so this is worked out once.
    private lazy var denseChain: DenseChain<Scalar>? = Self.denseChain(of: layers)

    private static func denseChain(of layers: [any Layer<Scalar>]) -> DenseChain<Scalar>? {
        var stages: [DenseStage<Scalar>] = []
        for layer in layers {
            guard let dense = layer as? Dense<Scalar>, let bias = dense.bias,
                  dense.activation.map(\.isBuiltInReLU) ?? true
            else { return nil }
            stages.append(DenseStage(weight: dense.weight, bias: bias, relu: dense.activation != nil))
        }
        return try? DenseChain(stages)
    }

    /// The network applied to a batch (`forward(_:)`).
    @_specialize(where Scalar == Float)
    public func callAsFunction(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try forward(input)
    }

    /// The network applied to a batch without recording a graph (inference).
    @_specialize(where Scalar == Float)
    public func predict(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try GradientMode.withoutGradients { try forward(input) }
    }

    /// Every parameter with its full name (`layers.0.weight`), layer by layer.
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        layers.enumerated().flatMap { index, layer in
            layer.parameters.map { (name: "layers.\(index).\($0.name)", parameter: $0) }
        }
    }

    /// Every parameter tensor, in the order of `namedParameters`.
    public var parameterTensors: [Tensor<Scalar>] { cachedParameterTensors }

    /// Collected once: a layer's parameters are the same tensor objects for
    /// its life (see `Layer`), and training loops ask for them every step,
    /// where building the `Parameter` lists cost more than a small update.
    private lazy var cachedParameterTensors: [Tensor<Scalar>] = layers.flatMap { $0.parameters.map(\.tensor) }

    /// The number of numbers the network learns.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameterCount }
    }

    /// Draws new values for every parameter, layer by layer, weight before
    /// bias, row-major (see `Initializer`).
    public func initialize(weights: Initializer, biases: Initializer = .zeros, generator: inout RandomGenerator) throws {
        try weights.validate()
        try biases.validate()
        for layer in layers { try layer.initialize(weights: weights, biases: biases, generator: &generator) }
    }

    /// The parameter with the full name `layers.<index>.<name>`.
    public func parameter(named fullName: String) throws -> Tensor<Scalar> {
        guard let found = namedParameters.first(where: { $0.name == fullName }) else {
            throw NetworkError.unknownParameter(fullName, known: namedParameters.map(\.name))
        }
        return found.parameter.tensor
    }

    /// Forgets the gradients of every parameter.
    public func zeroGradients() {
        for tensor in parameterTensors { tensor.zeroGradient() }
    }

    /// Runs `body` for the layer at `index`, turning its errors into a
    /// `NetworkError` that names the layer.
    private static func naming<R>(_ layer: any Layer<Scalar>, at index: Int, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as LayerError {
            throw NetworkError.layer(position: index + 1, layer: layer.description, problem: error.layer == layer.description
                ? error.problem : "\(error.layer) \(error.problem)")
        } catch {
            throw NetworkError.layer(position: index + 1, layer: layer.description, problem: "failed: \(error)")
        }
    }
}

/// A network that cannot run as asked.
public enum NetworkError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The layer at `position` (counting from 1, in reading order) failed:
    /// "layer 2 (dense 64 → 10) expects 64 inputs, got 32".
    case layer(position: Int, layer: String, problem: String)
    /// No parameter has this full name.
    case unknownParameter(String, known: [String])

    public var description: String {
        switch self {
        case let .layer(position, layer, problem):
            return "layer \(position) (\(layer)) \(problem)"
        case let .unknownParameter(name, known):
            return "the network has no parameter '\(name)'" + (known.isEmpty ? "" : " (it has \(known.joined(separator: ", ")))")
        }
    }
}
