import Language
import TensorCore

/// A tensor as a value of the language (always Float32 in notebooks).
public final class TensorValue: HostValue {
    public let tensor: Tensor<Float>

    public init(_ tensor: Tensor<Float>) {
        self.tensor = tensor
    }

    public var typeName: String { "tensor" }
}

extension Value {
    /// A tensor wrapped as a language value.
    public static func tensor(_ tensor: Tensor<Float>) -> Value { .host(TensorValue(tensor)) }

    /// The tensor this value stands for: a tensor, a number or bool (rank 0),
    /// a range or a list of numbers (rank 1); nil for anything else.
    public var asTensor: Tensor<Float>? {
        switch self {
        case let .host(value as TensorValue): return value.tensor
        case let .number(x): return Tensor(Float(x))
        case let .bool(b): return Tensor(b ? 1 : 0)
        case let .range(range):
            // A range longer than a tensor may be is refused like any other oversized shape.
            guard range.count <= Shape.maximumElementCount else { return nil }
            return Tensor(range.map { Float($0) })
        case let .list(items):
            let numbers = items.compactMap(\.number)
            return numbers.count == items.count ? Tensor(numbers.map { Float($0) }) : nil
        default: return nil
        }
    }

    /// The number this value stands for: a number, or a one-element tensor.
    public var asNumber: Double? {
        switch self {
        case let .number(x): return x
        case let .host(value as TensorValue) where value.tensor.count == 1: return Double(shortest: value.tensor.scalars[0])
        default: return nil
        }
    }

    /// Whether this value is a tensor (not a plain number).
    var isTensor: Bool { hostValue is TensorValue }
}

extension Arguments {
    /// The positional argument at `index` as a tensor (numbers and ranges are
    /// converted), or a type error.
    public func tensor(_ index: Int) throws -> Tensor<Float> {
        guard let tensor = self[index]?.asTensor else { throw typeError(index, expected: "a tensor") }
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
        guard let tensor = value.asTensor, tensor.rank <= 1,
              tensor.scalars.allSatisfy({ $0 == $0.rounded() && $0 >= 0 && $0 < 1e12 })
        else { throw typeError(index, expected: "a shape such as [2, 3]") }
        return tensor.scalars.map { Int($0) }
    }
}

extension Double {
    /// The double with the shortest decimal form of a float32 value, so that a tensor's
    /// 0.3 becomes the number 0.3, not 0.30000001192092896.
    init(shortest value: Float) {
        self = Double(value.description) ?? Double(value)
    }
}
