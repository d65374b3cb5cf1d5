import Language
import TensorCore

extension NotebookHost {
    public func subscriptValue(_ base: any HostValue, indices: [IndexComponent], context: EvaluationContext) throws -> Value {
        let tensor = try tensorOperand(base, context: context)
        if indices.count == 1, case let .value(value) = indices[0] {
            return .tensor(try TensorErrors.translating { try tensor.gathering(rows: try positions(value, context: context)) })
        }
        return .tensor(try TensorErrors.translating { try tensor.slice(try tensorIndices(indices, context: context)) })
    }

    public func updating(_ base: any HostValue, indices: [IndexComponent], to newValue: Value,
                         context: EvaluationContext) throws -> Value {
        let tensor = try tensorOperand(base, context: context)
        guard let replacement = newValue.asTensor(Scalar.self) else {
            throw context.error(.type, "cannot store a \(newValue.typeName) in a tensor")
        }
        return .tensor(try TensorErrors.translating { try tensor.replacing(try tensorIndices(indices, context: context), with: replacement) })
    }

    public func member(_ name: String, of base: any HostValue, context: EvaluationContext) throws -> Value {
        if let value = base as? MemberProviding { return try value.member(name, context: context) }
        let tensor = try tensorOperand(base, context: context)
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

    public func elements(of base: any HostValue, context: EvaluationContext) throws -> [Value] {
        let tensor = try tensorOperand(base, context: context)
        guard tensor.rank >= 1 else { throw context.error(.type, "cannot iterate over a tensor of rank 0") }
        // The numbers of a vector are visited as plain (64-bit) numbers, so that
        // `for k in [5, 20] { 6 ^ (10 * k) }` computes as numbers do; a vector
        // that carries a gradient keeps its elements as tensors for the gradient.
        if tensor.rank == 1, !tensor.requiresGradient {
            return tensor.scalars.map { .number(Double(shortest: $0)) }
        }
        return try TensorErrors.translating { try (0..<tensor.shape[0]).map { .tensor(try tensor.slice([.at($0)])) } }
    }

    /// A tensor without its shape line, for records, lists, `print` and `expect` notes.
    public func formatInline(_ value: any HostValue) -> String {
        guard let value = value as? TensorValue<Scalar>, value.tensor.rank > 0 else { return format(value) }
        return formatter.body(value.tensor)
    }

    private func tensorOperand(_ base: any HostValue, context: EvaluationContext) throws -> Tensor<Scalar> {
        guard let value = base as? TensorValue<Scalar> else { throw context.error(.type, "\(base.typeName) cannot be indexed") }
        return value.tensor
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

extension NotebookHost {
    public func memberNames(of value: any HostValue) -> [String] {
        if let value = value as? MemberProviding { return value.memberNames }
        return value is TensorValue<Scalar> ? ["shape", "rank", "size", "dtype", "T"] : []
    }
}
