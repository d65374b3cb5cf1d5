import TensorCore

/// One stage of a network: a function of a batch whose first axis holds the
/// samples, with named parameters that training adjusts.
///
/// Shapes come in two kinds: *batch* shapes `[N, …]` that `forward(_:)` takes,
/// and *sample* shapes `[…]` (without the leading N) that `outputShape(for:)`
/// takes, so that a network can be checked against a data set before any
/// computation runs.
///
/// Layers are classes: their parameters are tensors that stay the same
/// objects for the layer's life (optimisers key their state on them), and
/// replacing one copies new values in after checking the shape.
public protocol Layer<Scalar>: AnyObject, CustomStringConvertible {
    associatedtype Scalar: TensorScalar

    /// The shape of one output sample for one input sample of `inputShape`,
    /// or a `LayerError` that says what the layer expected.
    func outputShape(for inputShape: [Int]) throws -> [Int]

    /// The layer applied to a batch `[N, …]`; recorded for `backward()` when
    /// gradients are being recorded.
    func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar>

    /// The layer's parameters in their fixed order (weight before bias).
    var parameters: [Parameter<Scalar>] { get }
}

/// A tensor a layer learns, with what initialisers need to know about it.
public struct Parameter<Scalar: TensorScalar> {
    /// What a parameter is for: initialisers and L2 regularisation treat
    /// weights and biases differently.
    public enum Kind: Sendable, Equatable {
        case weight, bias
    }

    /// The name within its layer: `weight` or `bias`.
    public let name: String
    /// The values; the same object for the life of the layer.
    public let tensor: Tensor<Scalar>
    /// Weight or bias.
    public let kind: Kind
    /// The number of inputs that feed one output (inputs of a dense layer,
    /// in-channels × kernel area of a convolution).
    public let fanIn: Int
    /// The number of outputs one input feeds.
    public let fanOut: Int

    /// A parameter; marks `tensor` as requiring gradients.
    public init(name: String, tensor: Tensor<Scalar>, kind: Kind, fanIn: Int, fanOut: Int) {
        tensor.requiresGradient = true
        self.name = name
        self.tensor = tensor
        self.kind = kind
        self.fanIn = fanIn
        self.fanOut = fanOut
    }
}

extension Layer {
    /// The layer applied to a batch (`forward(_:)`).
    public func callAsFunction(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try forward(input)
    }

    /// The number of numbers the layer learns.
    public var parameterCount: Int {
        parameters.reduce(0) { $0 + $1.tensor.count }
    }

    /// The parameter called `name` (`weight`, `bias`).
    public func parameter(named name: String) throws -> Tensor<Scalar> {
        guard let found = parameters.first(where: { $0.name == name }) else {
            throw LayerError(layer: description, problem: missingParameterProblem(name))
        }
        return found.tensor
    }

    /// Copies `value` into the parameter called `name`, after checking that
    /// it has the parameter's shape. A vector is accepted for a one-row or
    /// one-column matrix (or any shape that differs only by axes of size 1).
    public func replaceParameter(named name: String, with value: Tensor<Scalar>) throws {
        let target = try parameter(named: name)
        let squeezed = { (shape: [Int]) in shape.filter { $0 != 1 } }
        if value.shape == target.shape {
            try target.assign(value)
        } else if value.count == target.count, squeezed(value.shape) == squeezed(target.shape) {
            try target.assign(value.detached().reshaped(to: target.shape))
        } else {
            throw LayerError(layer: description, problem:
                "\(name) must have shape \(Shape.describe(target.shape)), got \(Shape.describe(value.shape))")
        }
    }

    private func missingParameterProblem(_ name: String) -> String {
        let names = parameters.map(\.name)
        return names.isEmpty
            ? "has no parameters (asked for '\(name)')"
            : "has no parameter '\(name)' (it has \(names.joined(separator: ", ")))"
    }

    /// The sample shape of a batch, or an error if the batch has no sample axis.
    func sampleShape(of input: Tensor<Scalar>) throws -> [Int] {
        guard input.rank >= 1 else {
            throw LayerError(layer: description, problem: "expects a batch with samples along axis 0, got a single number")
        }
        return Array(input.shape.dropFirst())
    }
}

/// A layer that cannot take its input or its parameters: names the layer as
/// declared (`dense 64 → 10`) and says what it expected.
public struct LayerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The layer as it prints (`dense 64 → 10`).
    public let layer: String
    /// What went wrong, phrased to follow the layer's name
    /// (`expects 64 inputs, got 32`).
    public let problem: String

    public init(layer: String, problem: String) {
        self.layer = layer
        self.problem = problem
    }

    public var description: String { "\(layer) \(problem)" }
}
