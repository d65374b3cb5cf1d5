extension Tensor {
    /// A tensor of the given shape with every element `value`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func full(_ shape: [Int], _ value: Scalar) throws -> Tensor {
        Tensor(uncheckedShape: shape, scalars: [Scalar](repeating: value, count: try Self.resultCount(shape, for: "a tensor of shape \(Shape.describe(shape))")))
    }

    /// A tensor of zeros.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func zeros(_ shape: [Int]) throws -> Tensor { try full(shape, 0) }

    /// A tensor of ones.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func ones(_ shape: [Int]) throws -> Tensor { try full(shape, 1) }

    /// The n×n identity matrix.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func eye(_ n: Int) throws -> Tensor {
        let identity = try zeros([n, n])
        for i in 0..<n { identity.scalars[i * n + i] = 1 }
        return identity
    }

    /// `count` evenly spaced numbers from `start` to `end`, both included,
    /// computed in Double as NumPy does (`start + i·step`, the last exactly
    /// `end`) and then rounded once to `Scalar`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func linspace(_ start: Double, _ end: Double, count: Int) throws -> Tensor {
        guard count >= 0 else { throw TensorError.invalidShape([count], reason: "linspace needs a count ≥ 0") }
        guard start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(operation: "linspace", reason: "needs finite bounds")
        }
        _ = try Self.resultCount([count], for: "linspace")
        if count == 1 { return Tensor([Scalar(start)]) }
        let step = (end - start) / Double(Swift.max(count - 1, 1))
        return Tensor((0..<count).map { $0 == count - 1 ? Scalar(end) : Scalar(start + Double($0) * step) })
    }

    /// Numbers from `start` up to but excluding `end`, `step` apart, as
    /// NumPy's `arange`: ⌈(end − start) / step⌉ elements counted in Double,
    /// element i computed as `start + i·step` in Double, then rounded once
    /// to `Scalar` (so `arange(0, 1, step: 0.01)` has 100 elements).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func arange(_ start: Double, _ end: Double, step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
            throw TensorError.invalidArgument(operation: "arange", reason: "needs finite bounds and a non-zero step")
        }
        let steps = ((end - start) / step).rounded(.up)
        guard steps <= Double(Shape.maximumElementCount) else {
            throw TensorError.invalidShape([steps < 9e18 ? Int(steps) : Int.max],
                                           reason: "more than \(Shape.maximumElementCount) elements")
        }
        let count = steps > 0 ? Int(steps) : 0
        try Self.requireRoom(elements: count, for: "arange")
        return Tensor((0..<count).map { Scalar(start + Double($0) * step) })
    }

    /// A tensor from nested arrays of numbers (`[[1, 2], [3, 4]]`); every
    /// level must be regular.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func nested(_ value: Any) throws -> Tensor {
        var shape: [Int] = []
        var scalars: [Scalar] = []
        try flatten(value, depth: 0, shape: &shape, into: &scalars)
        return try Tensor(shape: shape, scalars: scalars)
    }

    private static func flatten(_ value: Any, depth: Int, shape: inout [Int], into scalars: inout [Scalar]) throws {
        if let list = value as? [Any] {
            if depth == shape.count { shape.append(list.count) }
            guard depth < shape.count, shape[depth] == list.count else {
                throw TensorError.invalidShape(shape, reason: "nested lists have different lengths at depth \(depth)")
            }
            for item in list { try flatten(item, depth: depth + 1, shape: &shape, into: &scalars) }
        } else if let number = value as? Double, depth == shape.count {
            scalars.append(Scalar(number))
        } else if let number = value as? Int, depth == shape.count {
            scalars.append(Scalar(number))
        } else {
            throw TensorError.invalidShape(shape, reason: "nested lists are not regular at depth \(depth)")
        }
    }
}
