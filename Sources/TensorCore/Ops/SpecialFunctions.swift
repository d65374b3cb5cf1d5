/// The functions are evaluated in Double and rounded once, so Float
/// results are correctly rounded more often than libm's float versions
/// (whose Γ(4) is 6.0000005).
extension Tensor {
    /// Γ(x) (NaN or infinite at the poles 0, −1, −2, …). Its derivative is
    /// Γ(x)·ψ(x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gamma() throws -> Tensor {
        try map({ Scalar(Double.gamma(Double($0))) }, operation: "gamma", derivative: { x, y in y * Scalar(Polygamma.digamma(Double(x))) },
            recordedSlope: .recorded { try $0.gamma().multiplying($0.digamma()) })
    }

    /// log |Γ(x)| (`lgamma`), finite far past where Γ overflows. Its
    /// derivative is the digamma function ψ(x).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func logGamma() throws -> Tensor {
        try map({ Scalar(Double.logGamma(Double($0))) }, operation: "lgamma", derivative: { x, _ in Scalar(Polygamma.digamma(Double(x))) },
            recordedSlope: .recorded { try $0.digamma() })
    }

    /// The digamma function ψ(x) = d/dx log Γ(x), NaN at the poles. Its
    /// derivative (the trigamma function) comes from a kernel, so only
    /// first derivatives go through it.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func digamma() throws -> Tensor {
        let values = Broadcasting.map(scalars) { Scalar(Polygamma.digamma(Double($0))) }
        return .result(shape: shape, scalars: values, parents: [self], operation: "digamma", isDifferentiableTwice: false) {
            [shape, scalars] g in
            [Tensor(uncheckedShape: shape, scalars: Broadcasting.zipMap(g.scalars, scalars) { $0 * Scalar(Polygamma.trigamma(Double($1))) })]
        }
    }

    /// The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func erf() throws -> Tensor {
        try map({ Scalar(Double.erf(Double($0))) }, operation: "erf", derivative: { x, _ in Self.gaussianSlope(x) },
            recordedSlope: .recorded { try Self.recordedGaussianSlope($0) })
    }

    /// The complementary error function 1 − erf(x), accurate where erf(x) is near 1.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func erfc() throws -> Tensor {
        try map({ Scalar(Double.erfc(Double($0))) }, operation: "erfc", derivative: { x, _ in -Self.gaussianSlope(x) },
            recordedSlope: .recorded { try Self.recordedGaussianSlope($0).negated() })
    }

    /// erf'(x) = 2/√π·e^(−x²).
    static func gaussianSlope(_ x: Scalar) -> Scalar { 2 / Scalar.pi.squareRoot() * Scalar.exp(-x * x) }

    static func recordedGaussianSlope(_ x: Tensor) throws -> Tensor {
        try x.multiplying(x).negated().exp().multiplying(Tensor(2 / Scalar.pi.squareRoot()))
    }

    /// 1 where an element is NaN, else 0 (no gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func isNaN() throws -> Tensor {
        Tensor(uncheckedShape: shape, scalars: Broadcasting.map(scalars) { $0.isNaN ? 1 : 0 })
    }

    /// 1 where an element is neither NaN nor infinite, else 0 (no gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func isFinite() throws -> Tensor {
        Tensor(uncheckedShape: shape, scalars: Broadcasting.map(scalars) { $0.isFinite ? 1 : 0 })
    }
}
