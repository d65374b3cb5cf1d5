extension Tensor {
    /// An elementwise function whose derivative is `derivative(x, y)` at
    /// input x with output y.
    @inline(__always)
    func map(
        _ function: (Scalar) -> Scalar,
        derivative: @escaping (Scalar, Scalar) -> Scalar
    ) -> Tensor {
        let values = Broadcasting.map(scalars, function)
        return .result(shape: shape, scalars: values, parents: [self]) { [self] g in
            let slopes = self.scalars.withUnsafeBufferPointer { x in
                values.withUnsafeBufferPointer { y in
                    g.scalars.withUnsafeBufferPointer { dy in
                        [Scalar](unsafeUninitializedCapacity: y.count) { out, initialized in
                            for i in 0..<y.count { out[i] = dy[i] * derivative(x[i], y[i]) }
                            initialized = y.count
                        }
                    }
                }
            }
            return [Tensor(uncheckedShape: self.shape, scalars: slopes)]
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func exp() -> Tensor { map({ Scalar.exp($0) }) { _, y in y } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func log() -> Tensor { map({ Scalar.log($0) }) { x, _ in 1 / x } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sqrt() -> Tensor { map({ Scalar.sqrt($0) }) { _, y in 1 / (2 * y) } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func abs() -> Tensor { map(Swift.abs) { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sin() -> Tensor { map({ Scalar.sin($0) }) { x, _ in Scalar.cos(x) } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cos() -> Tensor { map({ Scalar.cos($0) }) { x, _ in -Scalar.sin(x) } }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func tanh() -> Tensor {
        let values = Broadcasting.map(scalars) { Scalar.tanh($0) }
        return .result(shape: shape, scalars: values, parents: [self]) { [shape] g in
            [Tensor(uncheckedShape: shape, scalars: Broadcasting.zipMap(g.scalars, values) { $0 * (1 - $1 * $1) })]
        }
    }

    /// 1 / (1 + e^-x), computed without overflow for large |x|.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sigmoid() -> Tensor {
        map({ x in x >= 0 ? 1 / (1 + Scalar.exp(-x)) : Scalar.exp(x) / (1 + Scalar.exp(x)) }) { _, y in y * (1 - y) }
    }

    /// max(0, x); its derivative is taken as 0 at 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func relu() -> Tensor {
        // The backward pass is written out: it runs once per training step
        // on every hidden activation.
        let values = Broadcasting.map(scalars) { Swift.max($0, 0) }
        return .result(shape: shape, scalars: values, parents: [self]) { [shape] g in
            [Tensor(uncheckedShape: shape, scalars: Broadcasting.zipMap(g.scalars, values) { $1 > 0 ? $0 : 0 })]
        }
    }

    /// log(1 + e^x), computed without overflow for large |x|.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func softplus() -> Tensor {
        map({ x in Swift.max(x, 0) + Scalar.log(1 + Scalar.exp(-Swift.abs(x))) }) { x, _ in
            x >= 0 ? 1 / (1 + Scalar.exp(-x)) : Scalar.exp(x) / (1 + Scalar.exp(x))
        }
    }

    /// Heaviside step: 1 where x ≥ 0, else 0. Its derivative is 0 everywhere.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() -> Tensor { map({ $0 >= 0 ? 1 : 0 }) { _, _ in 0 } }

    /// max(x, slope·x) for a small positive slope.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func leakyRelu(slope: Scalar = 0.01) -> Tensor {
        map({ $0 > 0 ? $0 : slope * $0 }) { x, _ in x > 0 ? 1 : slope }
    }

    /// Each element limited to `lower...upper`; the gradient passes only
    /// where no limit applied.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func clamped(lower: Scalar, upper: Scalar) throws -> Tensor {
        guard lower <= upper else {
            throw TensorError.invalidArgument(operation: "clamp", reason: "lower bound \(lower) exceeds upper bound \(upper)")
        }
        return map({ Swift.min(Swift.max($0, lower), upper) }) { x, _ in x >= lower && x <= upper ? 1 : 0 }
    }
}
