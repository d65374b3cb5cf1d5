extension Tensor {
    /// Each element rounded by `rule` (to nearest, down, up); the gradient
    /// is 0 everywhere, as for `step`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func rounded(_ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) throws -> Tensor {
        try map({ $0.rounded(rule) }, operation: "round", derivative: { _, _ in 0 }, recordedSlope: .piecewiseConstant)
    }
}
