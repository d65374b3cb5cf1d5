import TensorCore

/// How a parameter's first values are drawn. Every random initialiser draws
/// from a `RandomGenerator` the caller supplies, so the same seed gives the
/// same weights bit for bit.
///
/// **Draw order.** `Network.initialize` visits layers in order; within a
/// layer the weight comes before the bias; within a tensor the elements are
/// drawn in row-major order (the last axis fastest). `zeros` and `constant`
/// draw nothing. Values are drawn in Float64 (as NumPy's `RandomState`
/// would) and rounded to the tensor's element type.
public enum Initializer: Equatable, Sendable, CustomStringConvertible {
    /// He (Kaiming) normal: N(0, 2 / fan_in) — for ReLU networks.
    case he
    /// Glorot (Xavier) uniform: U(−a, a) with a = √(6 / (fan_in + fan_out)).
    case glorot
    /// U[low, high).
    case uniform(low: Double, high: Double)
    /// N(mean, deviation²).
    case normal(mean: Double, deviation: Double)
    /// All zeros (the default for biases).
    case zeros
    /// Every element `value`.
    case constant(Double)

    public var description: String {
        switch self {
        case .he: return "he"
        case .glorot: return "glorot"
        case let .uniform(low, high): return "uniform(low: \(low), high: \(high))"
        case let .normal(mean, deviation): return "normal(mean: \(mean), std: \(deviation))"
        case .zeros: return "zeros"
        case let .constant(value): return "constant(\(value))"
        }
    }

    /// Checks the initialiser's own numbers.
    public func validate() throws {
        switch self {
        case let .uniform(low, high):
            guard low.isFinite, high.isFinite, low < high else {
                throw InitializerError("uniform needs finite bounds with low < high, got low \(low), high \(high)")
            }
        case let .normal(mean, deviation):
            guard mean.isFinite, deviation.isFinite, deviation >= 0 else {
                throw InitializerError("normal needs a finite mean and a finite std ≥ 0, got mean \(mean), std \(deviation)")
            }
        case let .constant(value):
            guard value.isFinite else { throw InitializerError("constant needs a finite value, got \(value)") }
        case .he, .glorot, .zeros:
            break
        }
    }

    /// A tensor of `shape` drawn for a parameter with the given fans.
    public func tensor<Scalar: TensorScalar>(
        _ shape: [Int], fanIn: Int, fanOut: Int, generator: inout RandomGenerator
    ) throws -> Tensor<Scalar> {
        try validate()
        switch self {
        case .he:
            guard fanIn > 0 else { throw InitializerError("he needs a fan-in ≥ 1") }
            return try .normal(shape, mean: 0, deviation: Scalar((2 / Double(fanIn)).squareRoot()), generator: &generator)
        case .glorot:
            guard fanIn + fanOut > 0 else { throw InitializerError("glorot needs fan-in + fan-out ≥ 1") }
            let limit = (6 / Double(fanIn + fanOut)).squareRoot()
            return try .uniform(shape, low: Scalar(-limit), high: Scalar(limit), generator: &generator)
        case let .uniform(low, high):
            return try .uniform(shape, low: Scalar(low), high: Scalar(high), generator: &generator)
        case let .normal(mean, deviation):
            return try .normal(shape, mean: Scalar(mean), deviation: Scalar(deviation), generator: &generator)
        case .zeros:
            return try .zeros(shape)
        case let .constant(value):
            return try .full(shape, Scalar(value))
        }
    }
}

/// An initialiser that cannot draw values.
public struct InitializerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Layer {
    /// Draws new values for every parameter: weights from `weights`, biases
    /// from `biases`, weight first (see `Initializer` for the draw order).
    public func initialize(weights: Initializer, biases: Initializer = .zeros, generator: inout RandomGenerator) throws {
        for parameter in parameters {
            let initializer = parameter.kind == .weight ? weights : biases
            let values: Tensor<Scalar> = try initializer.tensor(
                parameter.tensor.shape, fanIn: parameter.fanIn, fanOut: parameter.fanOut, generator: &generator)
            try parameter.tensor.assign(values)
        }
    }
}
