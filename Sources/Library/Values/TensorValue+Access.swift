import Language
import TensorCore

/// A tensor's display, members, indexing, iteration and truth.
extension TensorValue {
    public var displayText: String {
        tensor.rank == 0 ? tensor.scalars[0].description : TensorFormatter().format(tensor, elementType: dtypeName)
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
        case "dtype": return .string(dtypeName)
        case "T": return .tensor(try TensorErrors.translating { try tensor.transposed() })
        default:
            throw context.error(.name, "a tensor has no member '\(name)'", hint: "tensors have shape, rank, size, dtype and T")
        }
    }

    /// `t[indices]` under NumPy's rules (see `TensorValue+Indexing.swift`);
    /// indexing a mask gives a mask.
    public func element(at indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        let subscripts = try engineIndices(indices, context: context)
        return .host(TensorValue(try TensorErrors.translating { try tensor.indexed(subscripts) }, isMask: isMask))
    }

    /// `t[indices] = value`, through the same indices as reading.
    public func updating(at indices: [IndexComponent], to newValue: Value, context: EvaluationContext) throws -> Value {
        guard let replacement = newValue.asTensor(Scalar.self) else {
            throw context.error(.type, "cannot store a \(newValue.typeName) in a tensor")
        }
        let subscripts = try engineIndices(indices, context: context)
        let result = try TensorErrors.translating { try tensor.replacing(subscripts, with: replacement) }
        return .host(TensorValue(result, isMask: isMask && newValue.isMask))
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

    /// A tensor by a format specification, element by element, nested as the
    /// tensor is (a rank-0 tensor as its number).
    public func formatted(by spec: FormatSpec, context: EvaluationContext) throws -> String? {
        do {
            return try NumberText.nested(tensor) { try spec.format(Double(shortest: $0)) }
        } catch let invalid as FormatSpec.Invalid {
            throw context.error(.type, invalid.reason)
        }
    }

    /// A tensor is true when it is not empty and none of its elements is 0
    /// (as in MATLAB), so `expect a == b` holds when all elements are equal.
    public func isTrue(context: EvaluationContext) throws -> Bool {
        tensor.count > 0 && tensor.scalars.allSatisfy { $0 != 0 }
    }
}
