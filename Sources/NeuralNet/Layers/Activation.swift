import TensorCore

/// An elementwise nonlinearity: a name (as it prints and as notebooks write
/// it) and a function of a tensor that returns a tensor of the same shape.
///
/// ```swift
/// let rect = ActivationFunction<Float>(name: "rect") { x in try x.clamped(lower: 0, upper: 1) }
/// let hidden = try Dense<Float>(1, 3, activation: rect)
/// ```
/// Gradients flow through a custom function when it is built from
/// differentiable tensor operations.
public struct ActivationFunction<Scalar: TensorScalar>: CustomStringConvertible {
    /// The name, such as `relu` or `leaky_relu(slope: 0.2)`.
    public let name: String
    private let body: (Tensor<Scalar>) throws -> Tensor<Scalar>
    /// Whether this is the built-in ReLU, which `Dense` fuses into its
    /// affine map (`Tensor.affineReLU`).
    let isBuiltInReLU: Bool

    /// A custom activation from a function of tensors.
    public init(name: String, _ body: @escaping (Tensor<Scalar>) throws -> Tensor<Scalar>) {
        self.init(name: name, isBuiltInReLU: false, body)
    }

    private init(name: String, isBuiltInReLU: Bool, _ body: @escaping (Tensor<Scalar>) throws -> Tensor<Scalar>) {
        self.name = name
        self.body = body
        self.isBuiltInReLU = isBuiltInReLU
    }

    public var description: String { name }

    /// The function applied to `input`; checks that the shape is kept.
    @_specialize(where Scalar == Float)
    public func callAsFunction(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let output: Tensor<Scalar>
        do {
            output = try body(input)
        } catch let error as LayerError {
            throw error
        } catch {
            throw LayerError(layer: "activation \(name)", problem: "failed: \(error)")
        }
        guard output.shape == input.shape else {
            throw LayerError(layer: "activation \(name)", problem:
                "must return a tensor of its input's shape \(Shape.describe(input.shape)), got \(Shape.describe(output.shape))")
        }
        return output
    }

    /// max(0, x).
    public static var relu: Self { Self(name: "relu", isBuiltInReLU: true) { try $0.relu() } }
    /// 1 / (1 + e^−x).
    public static var sigmoid: Self { Self(name: "sigmoid") { try $0.sigmoid() } }
    /// The hyperbolic tangent.
    public static var tanh: Self { Self(name: "tanh") { try $0.tanh() } }
    /// log(1 + e^x).
    public static var softplus: Self { Self(name: "softplus") { try $0.softplus() } }
    /// Heaviside: 1 where x ≥ 0, else 0 (no gradient).
    public static var step: Self { Self(name: "step") { try $0.step() } }
    /// x itself.
    public static var identity: Self { Self(name: "identity") { $0 } }
    /// max(x, slope·x).
    public static func leakyRelu(slope: Scalar = 0.01) -> Self {
        Self(name: slope == 0.01 ? "leaky_relu" : "leaky_relu(slope: \(slope))") { try $0.leakyRelu(slope: slope) }
    }

    /// The names `named(_:)` knows.
    public static var builtInNames: [String] { ["relu", "sigmoid", "tanh", "softplus", "step", "leaky_relu", "identity"] }

    /// A built-in activation by its notebook name (`relu`, `leaky_relu`, …).
    public static func named(_ name: String) throws -> Self {
        switch name {
        case "relu": return .relu
        case "sigmoid": return .sigmoid
        case "tanh": return .tanh
        case "softplus": return .softplus
        case "step", "heaviside": return .step
        case "leaky_relu": return .leakyRelu()
        case "identity", "linear": return .identity
        default:
            throw LayerError(layer: "activation", problem:
                "'\(name)' is unknown; the built-in ones are \(builtInNames.joined(separator: ", "))")
        }
    }
}

/// A layer that applies an activation function to every element.
///
/// ```swift
/// let network = try Network<Float>(layers: [Dense(1, 3), Activation(.relu), Dense(3, 1)])
/// ```
public final class Activation<Scalar: TensorScalar>: Layer {
    /// The function applied.
    public let function: ActivationFunction<Scalar>

    /// A layer applying `function`.
    public init(_ function: ActivationFunction<Scalar>) {
        self.function = function
    }

    public var description: String { function.name }
    public var parameters: [Parameter<Scalar>] { [] }

    public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }

    @_specialize(where Scalar == Float)
    public func forward(_ input: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try function(input)
    }
}
