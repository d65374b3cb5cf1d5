extension Tensor {
    /// Elementwise `self + other`, broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func adding(_ other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "+", +)
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "+", isDifferentiableTwice: true) {
            [aShape = self.shape, bShape = other.shape] g in
            [try g.reduced(toShape: aShape), try g.reduced(toShape: bShape)]
        }
    }

    /// Elementwise `self - other`, broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func subtracting(_ other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "-", -)
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "-", isDifferentiableTwice: true) {
            [aShape = self.shape, bShape = other.shape] g in
            [try g.reduced(toShape: aShape), try g.negated().reduced(toShape: bShape)]
        }
    }

    /// Elementwise `self * other`, broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func multiplying(_ other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "*", *)
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "*", isDifferentiableTwice: true) {
            [self, other] g in
            [try g.multiplying(other).reduced(toShape: self.shape),
             try g.multiplying(self).reduced(toShape: other.shape)]
        }
    }

    /// Elementwise `self / other`, broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func dividing(by other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "/", /)
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "/", isDifferentiableTwice: true) {
            [self, other] g in
            let da = try g.dividing(by: other)
            let db = try g.multiplying(self).dividing(by: other.multiplying(other)).negated()
            return [try da.reduced(toShape: self.shape), try db.reduced(toShape: other.shape)]
        }
    }

    /// Elementwise `self ^ other`, broadcasting.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func raised(to other: Tensor) throws -> Tensor {
        let (shape, values) = try Broadcasting.apply(scalars, self.shape, other.scalars, other.shape, operation: "^", Self.power)
        return .result(shape: shape, scalars: values, parents: [self, other], operation: "^", isDifferentiableTwice: true) {
            [self, other] g in
            if GradientMode.isRecording { return try Self.recordedPowerGradients(g, base: self, exponent: other) }
            // d(a^b)/da = b·a^(b-1);  d(a^b)/db = a^b·log(a), taken as 0 where a ≤ 0.
            let slope = try Broadcasting.apply(self.scalars, self.shape, other.scalars, other.shape, operation: "^") {
                $1 == 0 ? 0 : $1 * Self.power($0, $1 - 1)
            }
            let da = try g.multiplying(Tensor(uncheckedShape: slope.shape, scalars: slope.scalars))
            guard other.requiresGradient else { return [try da.reduced(toShape: self.shape), nil] }
            let logA = Tensor(uncheckedShape: self.shape, scalars: self.scalars.map { $0 > 0 ? Scalar.log($0) : 0 })
            let db = try g.multiplying(Tensor(uncheckedShape: shape, scalars: values)).multiplying(logA)
            return [try da.reduced(toShape: self.shape), try db.reduced(toShape: other.shape)]
        }
    }

    /// The gradients of a^b for `g` as recorded operations of g, a and b
    /// (the backward pass of `gradients(…, createGraph: true)`), with the
    /// fast path's conventions: b·a^(b-1) is 0 where b = 0, and a^b·log a
    /// is 0 where a ≤ 0.
    private static func recordedPowerGradients(_ g: Tensor, base a: Tensor, exponent b: Tensor) throws -> [Tensor?] {
        // Where a = b = 0, 0·0^-1 would be NaN: the base is replaced by 1
        // there (a constant choice, so nothing flows back through it).
        let zeroPower = try a.compared(.equal, Tensor(0)).multiplying(b.compared(.equal, Tensor(0)))
        let base = try select(zeroPower, Tensor(1), a)
        let da = try g.multiplying(b).multiplying(base.raised(to: b.subtracting(Tensor(1))))
        guard b.requiresGradient else { return [try da.reduced(toShape: a.shape), nil] }
        // log of a positive stand-in where a ≤ 0, masked out afterwards:
        // log(a) itself would be NaN there, and so would its gradient.
        let positive = try a.compared(.greater, Tensor(0))
        let logA = try select(positive, select(positive, a, Tensor(1)).log(), Tensor(0))
        let db = try g.multiplying(a.raised(to: b)).multiplying(logA)
        return [try da.reduced(toShape: a.shape), try db.reduced(toShape: b.shape)]
    }

    /// x^y, with integral exponents allowed for negative bases (as in NumPy).
    static func power(_ x: Scalar, _ y: Scalar) -> Scalar {
        if y == 2 { return x * x }
        if y.rounded() == y, Swift.abs(y) < Scalar(1 << 30) { return Scalar.pow(x, Int(y)) }
        return Scalar.pow(x, y)
    }

    /// Elementwise `-self`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func negated() throws -> Tensor {
        try Self.requireRoom(elements: count, for: "negate")
        return .result(shape: shape, scalars: Broadcasting.map(scalars) { -$0 }, parents: [self], operation: "negate", isDifferentiableTwice: true) {
            g in [try g.negated()]
        }
    }
}

extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.adding(b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.subtracting(b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.multiplying(b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.dividing(by: b) }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.negated() }
    public static func + (a: Tensor, b: Scalar) throws -> Tensor { try a.adding(Tensor(b)) }
    public static func - (a: Tensor, b: Scalar) throws -> Tensor { try a.subtracting(Tensor(b)) }
    public static func * (a: Tensor, b: Scalar) throws -> Tensor { try a.multiplying(Tensor(b)) }
    public static func * (a: Scalar, b: Tensor) throws -> Tensor { try Tensor(a).multiplying(b) }
    public static func / (a: Tensor, b: Scalar) throws -> Tensor { try a.dividing(by: Tensor(b)) }
}
