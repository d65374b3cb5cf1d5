import Language
import TensorCore

/// What dln needs of a tensor value without knowing its element type:
/// its shape and its elements as 64-bit numbers.
public protocol AnyTensorValue: HostValue {
    var shape: [Int] { get }
    var count: Int { get }
    /// The element type's name: `float32`, `float64`, or `bool` for a mask.
    var dtypeName: String { get }
    /// Whether the tensor is a mask (see ``TensorValue/isMask``).
    var isMask: Bool { get }
    /// The element at a row-major offset, as the number it stands for.
    func number(at offset: Int) -> Double
}

extension AnyTensorValue {
    /// The shape and element type, as a tensor's display ends: `(2, 3) float32`.
    public var summary: String { "\(Shape.describe(shape)) \(dtypeName)" }
}

/// A tensor as a value of the language. A session's tensors all have one
/// element type, its precision: `Float` (the default) or `Double`.
public final class TensorValue<Scalar: TensorScalar>: AnyTensorValue {
    public let tensor: Tensor<Scalar>
    /// Whether this tensor of 0s and 1s came from a comparison (or `not`,
    /// `isnan`, …): NumPy's boolean arrays, which select where they are 1
    /// when they index. Elements are stored as numbers, so arithmetic on a
    /// mask gives an ordinary tensor (the product of two masks stays one).
    public let isMask: Bool

    public init(_ tensor: Tensor<Scalar>, isMask: Bool = false) {
        self.tensor = tensor
        self.isMask = isMask
    }

    public var typeName: String { "tensor" }
    public var shape: [Int] { tensor.shape }
    public var count: Int { tensor.count }
    public var dtypeName: String { isMask ? "bool" : tensor.dtypeName }
    public func number(at offset: Int) -> Double { Double(shortest: tensor.scalars[offset]) }
}

extension Value {
    /// A tensor wrapped as a language value.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func tensor<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> Value { .host(TensorValue(tensor)) }

    /// A tensor of 0s and 1s wrapped as a mask (see ``TensorValue/isMask``).
    public static func mask<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) -> Value { .host(TensorValue(tensor, isMask: true)) }

    /// Whether this value is a mask tensor.
    var isMask: Bool { (hostValue as? any AnyTensorValue)?.isMask ?? false }

    /// The tensor this value stands for, with `Scalar` elements: a tensor, a
    /// number or bool (rank 0), a range or a list of numbers (rank 1); nil for
    /// anything else. A tensor of the other precision is converted (values
    /// made before a session's precision was chosen).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func asTensor<Scalar: TensorScalar>(_ type: Scalar.Type = Scalar.self) -> Tensor<Scalar>? {
        if let value = hostObject(TensorValue<Scalar>.self) { return value.tensor }
        switch self {
        case let .host(value as TensorValue<Float>): return value.tensor.converted()
        case let .host(value as TensorValue<Double>): return value.tensor.converted()
        case let .number(x): return Tensor(Scalar(x))
        case let .bool(b): return Tensor(b ? 1 : 0)
        case let .range(range):
            // A range longer than a tensor may be is refused like any other oversized shape.
            guard range.count <= Shape.maximumElementCount else { return nil }
            return Tensor(range.map { Scalar($0) })
        case let .list(items):
            let numbers = items.compactMap(\.number)
            return numbers.count == items.count ? Tensor(numbers.map { Scalar($0) }) : nil
        default: return nil
        }
    }

    /// The number this value stands for: a number, or a one-element tensor.
    public var asNumber: Double? {
        switch self {
        case let .number(x): return x
        case let .host(value as any AnyTensorValue) where value.count == 1: return value.number(at: 0)
        default: return nil
        }
    }

    /// Whether this value is a tensor (not a plain number).
    var isTensor: Bool { hostValue is any AnyTensorValue }
}

extension Arguments {
    /// The positional argument at `index` as a tensor of `Scalar` elements
    /// (numbers and ranges are converted), or a type error.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func tensor<Scalar: TensorScalar>(_ index: Int, _ type: Scalar.Type = Scalar.self) throws -> Tensor<Scalar> {
        guard let tensor = self[index]?.asTensor(Scalar.self) else { throw typeError(index, expected: "a tensor") }
        return tensor
    }

    /// The positional argument at `index` as a number (one-element tensors
    /// count), or a type error.
    public func scalar(_ index: Int) throws -> Double {
        guard let number = self[index]?.asNumber else { throw typeError(index, expected: "a number") }
        return number
    }

    /// The named argument as an integer, `defaultValue` when absent.
    public func integer(named label: String, default defaultValue: Int?) throws -> Int? {
        guard let value = named(label) else { return defaultValue }
        guard let number = value.asNumber, number == number.rounded(), Swift.abs(number) < 9e15 else {
            throw DiagnosticError(.type, "'\(callee)' expects a whole number for '\(label):', got \(value.typeName)")
        }
        return Int(number)
    }

    /// The named `seed:` argument, required: dln draws nothing unseeded.
    public func seed() throws -> UInt32 {
        guard let value = named("seed") else {
            throw DiagnosticError(.type, "'\(callee)' needs a seed", hint: "add 'seed: 0' (any whole number); the same seed gives the same numbers")
        }
        guard let number = value.asNumber, number == number.rounded(), number >= 0, number <= Double(UInt32.max) else {
            throw DiagnosticError(.type, "'\(callee)' expects a whole number from 0 to \(UInt32.max) for 'seed:', got \(value.typeName == "number" ? String(describing: value.asNumber ?? 0) : value.typeName)")
        }
        return UInt32(number)
    }

    /// The named `axis:` argument, if given.
    public func axis() throws -> Int? { try integer(named: "axis", default: nil) }

    /// A shape given as a list of whole numbers or a tensor, at `index`.
    public func shape(_ index: Int) throws -> [Int] {
        guard let value = self[index] else { throw typeError(index, expected: "a shape") }
        if let n = value.asNumber, n == n.rounded(), n >= 0, n < 1e12 { return [Int(n)] }
        guard let tensor = value.asTensor(Double.self), tensor.rank <= 1,
              tensor.scalars.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < 1e12 })
        else { throw typeError(index, expected: "a shape such as [2, 3]") }
        return tensor.scalars.map { Int($0) }
    }
}

extension Double {
    /// The double with the shortest decimal form of a tensor element, so that
    /// a float32 tensor's 0.3 becomes the number 0.3, not 0.30000001192092896.
    init<Scalar: TensorScalar>(shortest value: Scalar) {
        if let double = value as? Double {
            self = double
        } else {
            self = Double(value.description) ?? Double(value)
        }
    }
}

/// Makes tensors of a session's precision from 64-bit numbers, for Library
/// code that works with plain numbers (figure grids).
protocol TensorMaking {
    func tensorValue(shape: [Int], numbers: [Double]) throws -> Value
}

extension NotebookHost: TensorMaking {
    func tensorValue(shape: [Int], numbers: [Double]) throws -> Value {
        .tensor(try Tensor<Scalar>(shape: shape, scalars: numbers.map { Scalar($0) }))
    }
}

extension EvaluationContext {
    /// A tensor of the session's precision holding `numbers`.
    func tensorValue(shape: [Int], numbers: [Double]) throws -> Value {
        if let host = evaluator.host as? any TensorMaking { return try host.tensorValue(shape: shape, numbers: numbers) }
        return .tensor(try Tensor<Float>(shape: shape, scalars: numbers.map { Float($0) }))
    }
}
