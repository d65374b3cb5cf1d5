extension Tensor {
    /// √(a² + b²) elementwise, broadcasting, without overflow or underflow
    /// in the squares. Its gradient (a/h, b/h) is taken as 0 where h = 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func hypot(_ other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "hypot") {
            Scalar.hypot($0, $1)
        }
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "hypot", isDifferentiableTwice: true) {
            [self, other] g in
            // h recomputed as a recorded operation: the closure must not hold its own result.
            let h = try self.hypot(other)
            return [try g.multiplying(Self.quotientOrZero(self, h)).reduced(toShape: self.shape),
                    try g.multiplying(Self.quotientOrZero(other, h)).reduced(toShape: other.shape)]
        }
    }

    /// The angle of the point (x, y) = (other, self) in radians, in [−π, π]
    /// (`atan2(y, x)`), broadcasting. Its gradient (x/r², −y/r²) is taken as
    /// 0 at the origin.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func atan2(_ x: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, x.scalars, x.shape, operation: "atan2") {
            Scalar.atan2(y: $0, x: $1)
        }
        return .result(shape: shape, scalars: values, parents: [self, x], operation: "atan2", isDifferentiableTwice: true) {
            [self, x] g in
            let radiusSquared = try self.multiplying(self).adding(x.multiplying(x))
            return [try g.multiplying(Self.quotientOrZero(x, radiusSquared)).reduced(toShape: self.shape),
                    try g.multiplying(Self.quotientOrZero(self, radiusSquared)).negated().reduced(toShape: x.shape)]
        }
    }

    /// a / b where b ≠ 0 and 0 where b = 0, as recorded operations (the
    /// stand-in 1 keeps the unused quotient, and its gradient, finite).
    static func quotientOrZero(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let nonZero = try b.compared(.notEqual, Tensor(0))
        return try select(nonZero, a.dividing(by: select(nonZero, b, Tensor(1))), Tensor(0))
    }
}
