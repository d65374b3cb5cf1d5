import Language
import TensorCore

/// How the language's subscripts become the engine's: whole numbers, slices
/// and `:` are basic indices; a tensor (or list) of whole numbers picks
/// positions along its axis; a mask (a comparison's result) selects where it
/// is 1 along as many axes as it has. The element values are checked here,
/// the positions' ranges and the masks' shapes by the engine.
extension TensorValue {
    func engineIndices(_ indices: [IndexComponent], context: EvaluationContext) throws -> [AdvancedIndex] {
        var axis = 0
        return try indices.map { component in
            let index = try engineIndex(component, axis: axis, context: context)
            if case let .mask(_, shape) = index { axis += shape.count } else { axis += 1 }
            return index
        }
    }

    private func engineIndex(_ component: IndexComponent, axis: Int, context: EvaluationContext) throws -> AdvancedIndex {
        switch component {
        case let .integer(i): return .basic(.at(i))
        case let .slice(start, stop, step): return .basic(.range(start, stop, step))
        case .full: return .basic(.all)
        case let .value(value): return try tensorIndex(value, axis: axis, context: context)
        }
    }

    private func tensorIndex(_ value: Value, axis: Int, context: EvaluationContext) throws -> AdvancedIndex {
        if case .bool = value {
            throw context.error(.type, "a bool cannot index a tensor", hint: "a comparison of tensors gives a mask that can: x[x > 0]")
        }
        guard let index = value.asTensor(Scalar.self) else {
            throw context.error(.type, "a tensor index must be a whole number, a slice, a tensor of positions or a mask, got \(value.typeName)")
        }
        if value.isMask {
            guard index.rank > 0 else {
                throw context.error(.type, "a mask of rank 0 cannot index a tensor", hint: "a mask must have the shape of the axes it selects from")
            }
            return .mask(index.scalars.map { $0 != 0 }, shape: index.shape)
        }
        let positions = try index.scalars.map { try wholePosition($0, axis: axis, context: context) }
        return index.rank == 0 ? .basic(.at(positions[0])) : .positions(positions, shape: index.shape)
    }

    /// A position given as a tensor element: whole, and small enough to be an
    /// Int (larger ones are out of range of any axis).
    private func wholePosition(_ element: Scalar, axis: Int, context: EvaluationContext) throws -> Int {
        let number = Double(shortest: element)
        guard number == number.rounded() else {
            throw context.error(.type, "the index for axis \(axis) holds \(Formatting.number(number)), not a whole number",
                                hint: "positions must be whole numbers; round(i) or floor(i) makes them so")
        }
        guard Swift.abs(number) < 9e15 else {
            let size = axis < tensor.rank ? "of size \(tensor.shape[axis])" : "(the tensor has rank \(tensor.rank))"
            throw context.error(.shape, "index \(Formatting.number(number)) is out of range for axis \(axis) \(size)")
        }
        return Int(number)
    }
}
