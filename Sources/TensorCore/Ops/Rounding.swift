extension Tensor {
    /// Each element rounded by `rule` (to nearest, down, up); the gradient
    /// is 0 everywhere, as for `step`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func rounded(_ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) throws -> Tensor {
        try map({ $0.rounded(rule) }, operation: "round", derivative: { _, _ in 0 }, recordedSlope: .piecewiseConstant)
    }
}

extension Tensor {
    /// −1, 0 or 1 by the sign of each element (±0 and NaN are kept as
    /// they are); the gradient is 0 everywhere.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sign() throws -> Tensor {
        try map({ $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }, operation: "sign", derivative: { _, _ in 0 }, recordedSlope: .piecewiseConstant)
    }
}
