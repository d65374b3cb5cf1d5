import Language
import TensorCore

/// A tensor's display, members, indexing, iteration and truth.
extension TensorValue {
    public var displayText: String {
        tensor.rank == 0 ? tensor.scalars[0].description : TensorFormatter().format(tensor)
    }

    /// A tensor without its shape line, for records, lists, `print` and `expect` notes.
    public var inlineText: String {
        tensor.rank == 0 ? displayText : TensorFormatter().body(tensor)
    }

    public var memberNames: [String] { ["shape", "rank", "size", "dtype", "T"] }

    public func member(_ name: String, context: EvaluationContext) throws -> Value {
        switch name {
        case "shape": return .list(tensor.shape.map { .number(Double($0)) })
        case "rank": return .number(Double(tensor.rank))
        case "size": return .number(Double(tensor.count))
        case "dtype": return .string(tensor.dtypeName)
        case "T": return .tensor(try TensorErrors.translating { try tensor.transposed() })
        default:
            throw context.error(.name, "a tensor has no member '\(name)'", hint: "tensors have shape, rank, size, dtype and T")
        }
    }

    public func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        if indices.count == 1, case let .value(value) = indices[0] {
            return .tensor(try TensorErrors.translating { try tensor.gathering(rows: try positions(value, context: context)) })
        }
        return .tensor(try TensorErrors.translating { try tensor.slice(try tensorIndices(indices, context: context)) })
    }

    public func updating(at indices: [IndexComponent], to newValue: Value, context: EvaluationContext) throws -> Value {
        guard let replacement = newValue.asTensor(Scalar.self) else {
            throw context.error(.type, "cannot store a \(newValue.typeName) in a tensor")
        }
        return .tensor(try TensorErrors.translating { try tensor.replacing(try tensorIndices(indices, context: context), with: replacement) })
    }

    public func elements(context: EvaluationContext) throws -> [Value] {
        guard tensor.rank >= 1 else { throw context.error(.type, "cannot iterate over a tensor of rank 0") }
        // The numbers of a vector are visited as plain (64-bit) numbers, so that
        // `for k in [5, 20] { 6 ^ (10 * k) }` computes as numbers do; a vector
        // that carries a gradient keeps its elements as tensors for the gradient.
        if tensor.rank == 1, !tensor.requiresGradient {
            return tensor.scalars.map { .number(Double(shortest: $0)) }
        }
        return try TensorErrors.translating { try (0..<tensor.shape[0]).map { .tensor(try tensor.slice([.at($0)])) } }
    }

    /// A tensor is true when it is not empty and none of its elements is 0
    /// (as in MATLAB), so `expect a == b` holds when all elements are equal.
    public func isTrue(context: EvaluationContext) throws -> Bool {
        tensor.count > 0 && tensor.scalars.allSatisfy { $0 != 0 }
    }

    private func tensorIndices(_ indices: [IndexComponent], context: EvaluationContext) throws -> [TensorIndex] {
        try indices.map { component in
            switch component {
            case let .integer(i): return .at(i)
            case let .slice(start, stop, step): return .range(start, stop, step)
            case .full: return .all
            case let .value(value):
                guard let n = value.asNumber, n == n.rounded(), Swift.abs(n) < 9e15 else {
                    throw context.error(.type, "a tensor index must be a whole number, a slice or a list of positions, got \(value.typeName)")
                }
                return .at(Int(n))
            }
        }
    }

    private func positions(_ value: Value, context: EvaluationContext) throws -> [Int] {
        guard let list = value.asTensor(Scalar.self), list.rank <= 1,
              list.scalars.allSatisfy({ $0 == $0.rounded() && Swift.abs($0) < 1e9 })
        else { throw context.error(.type, "a tensor index must be a whole number, a slice or a list of positions, got \(value.typeName)") }
        return list.scalars.map { Int($0) }
    }
}
