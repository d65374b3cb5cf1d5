import Language
import TensorCore

/// A tensor's operators: numbers, ranges and lists of numbers on the other side are
/// promoted to tensors of the session's precision.
extension TensorValue {
    public func applying(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Value? {
        guard let a = lhs.asTensor(Scalar.self), let b = rhs.asTensor(Scalar.self) else { return nil }
        let result = try TensorErrors.translating { try Self.apply(op, a, b) }
        // A product of masks is their "and", as NumPy's `*` of boolean arrays.
        let makesMask = op.isComparison || (op == .multiply && lhs.isMask && rhs.isMask)
        return makesMask ? .mask(result) : .tensor(result)
    }

    static func apply(_ op: BinaryOperator, _ a: Tensor<Scalar>, _ b: Tensor<Scalar>) throws -> Tensor<Scalar> {
        switch op {
        case .add: return try a.adding(b)
        case .subtract: return try a.subtracting(b)
        case .multiply: return try a.multiplying(b)
        case .divide: return try a.dividing(by: b)
        case .power: return try a.raised(to: b)
        case .matrixMultiply: return try a.matmul(b)
        case .remainder:
            // Floored remainder, as for numbers; no gradient.
            let quotient = try a.dividing(by: b).scalars.map { $0.rounded(.down) }
            let floor = try Tensor(shape: try Shape.broadcast(a.shape, b.shape, operation: "%"), scalars: quotient)
            return try a.detached().subtracting(floor.multiplying(b.detached()))
        case .equal: return try a.compared(.equal, b)
        case .notEqual: return try a.compared(.notEqual, b)
        case .less: return try a.compared(.less, b)
        case .lessOrEqual: return try a.compared(.lessOrEqual, b)
        case .greater: return try a.compared(.greater, b)
        case .greaterOrEqual: return try a.compared(.greaterOrEqual, b)
        }
    }

    public func applying(_ op: UnaryOperator, context: EvaluationContext) throws -> Value? {
        let x = tensor
        let result = try TensorErrors.translating {
            switch op {
            case .negate: return try x.negated()
            case .not: return try x.compared(.equal, Tensor(0))
            // A vector's transpose is a 1×n row, as on the slides; matrices swap their last two axes.
            case .transpose: return x.rank == 1 ? try x.reshaped(to: [1, x.count]) : try x.transposed()
            }
        }
        let makesMask = op == .not || (op == .transpose && isMask)
        return .host(TensorValue(result, isMask: makesMask))
    }

    public func difference(_ lhs: Value, _ rhs: Value, context: EvaluationContext) throws -> Double? {
        guard let a = lhs.asTensor(Scalar.self), let b = rhs.asTensor(Scalar.self) else { return nil }
        let gap = try TensorErrors.translating { try GradientMode.withoutGradients { try a.subtracting(b).abs() } }
        if gap.scalars.contains(where: \.isNaN) { return .nan }
        return Double(gap.scalars.max() ?? 0)
    }
}
