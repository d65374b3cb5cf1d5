/// An elementwise comparison; results are 1 where it holds and 0 elsewhere.
public enum Comparison: String, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

    func holds<T: Comparable>(_ a: T, _ b: T) -> Bool {
        switch self {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        }
    }
}

extension Tensor {
    /// 1 where `self <comparison> other` holds, else 0, broadcasting.
    /// Comparisons have no gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func compared(_ comparison: Comparison, _ other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: comparison.rawValue) {
            comparison.holds($0, $1) ? 1 : 0
        }
        return Tensor(uncheckedShape: shape, scalars: values)
    }

    /// Elements of `a` where `condition` is non-zero, of `b` elsewhere; all
    /// three broadcast together. The gradient flows to the chosen operand.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func select(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let shape = try Shape.broadcast(Shape.broadcast(condition.shape, a.shape, operation: "where"), b.shape, operation: "where")
        let zeros = [Scalar](repeating: 0, count: try Self.resultCount(shape, for: "where"))
        let mask = try Broadcasting.apply(condition.scalars, condition.shape, zeros, shape, operation: "where") { c, _ in
            c != 0 ? 1 : 0
        }.scalars
        let fromA = try Broadcasting.apply(mask, shape, a.scalars, a.shape, operation: "where") { m, x in m != 0 ? x : 0 }.scalars
        let fromB = try Broadcasting.apply(mask, shape, b.scalars, b.shape, operation: "where") { m, y in m != 0 ? 0 : y }.scalars
        let values = mask.indices.map { mask[$0] != 0 ? fromA[$0] : fromB[$0] }
        return .result(shape: shape, scalars: values, parents: [a, b], operation: "where", isDifferentiableTwice: true) { g in
            if GradientMode.isRecording {
                // g times constant masks: the choice does not depend on a or b.
                let toA = Tensor(uncheckedShape: shape, scalars: mask)
                let toB = Tensor(uncheckedShape: shape, scalars: Broadcasting.map(mask) { 1 - $0 })
                return [try g.multiplying(toA).reduced(toShape: a.shape), try g.multiplying(toB).reduced(toShape: b.shape)]
            }
            let gA = zip(g.scalars, mask).map { $1 != 0 ? $0 : 0 }
            let gB = zip(g.scalars, mask).map { $1 != 0 ? 0 : $0 }
            return [try Tensor(uncheckedShape: shape, scalars: gA).reduced(toShape: a.shape),
                    try Tensor(uncheckedShape: shape, scalars: gB).reduced(toShape: b.shape)]
        }
    }
}
