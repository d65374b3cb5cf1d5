/// How an elementwise function's recorded backward pass (that of
/// `gradients(…, createGraph: true)`) forms its slope, so that g · slope
/// is a function of g and of x.
enum RecordedSlope<Scalar: TensorScalar> {
    /// The slope is piecewise constant (relu, abs, step, clamp…): its own
    /// derivative is 0 almost everywhere, so its values stand as a constant.
    case piecewiseConstant
    /// The slope as recorded operations on x.
    case recorded((Tensor<Scalar>) throws -> Tensor<Scalar>)
}

extension Tensor {
    /// An elementwise function whose derivative is `derivative(x, y)` at
    /// input x with output y; `recordedSlope` gives the same derivative
    /// for a recorded backward pass.
    @inline(__always)
    func map(
        _ function: (Scalar) -> Scalar, operation: String,
        derivative: @escaping (Scalar, Scalar) -> Scalar, recordedSlope: RecordedSlope<Scalar>
    ) throws -> Tensor {
        try Self.requireRoom(elements: count, for: operation)
        let values = Broadcasting.map(scalars, function)
        return .result(shape: shape, scalars: values, parents: [self], operation: operation, isDifferentiableTwice: true) {
            [self] g in
            if GradientMode.isRecording {
                switch recordedSlope {
                case .piecewiseConstant:
                    let slopes = Broadcasting.zipMap(self.scalars, values, derivative)
                    return [try g.multiplying(Tensor(uncheckedShape: self.shape, scalars: slopes))]
                case let .recorded(slope):
                    return [try g.multiplying(slope(self))]
                }
            }
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
    public func exp() throws -> Tensor {
        try map({ Scalar.exp($0) }, operation: "exp", derivative: { _, y in y }, recordedSlope: .recorded { try $0.exp() })
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func log() throws -> Tensor {
        try map({ Scalar.log($0) }, operation: "log", derivative: { x, _ in 1 / x }, recordedSlope: .recorded { try Tensor(1).dividing(by: $0) })
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sqrt() throws -> Tensor {
        try map({ Scalar.sqrt($0) }, operation: "sqrt", derivative: { _, y in 1 / (2 * y) },
            recordedSlope: .recorded { try Tensor(0.5).dividing(by: try $0.sqrt()) })
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func abs() throws -> Tensor {
        try map(Swift.abs, operation: "abs", derivative: { x, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) }, recordedSlope: .piecewiseConstant)
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sin() throws -> Tensor {
        try map({ Scalar.sin($0) }, operation: "sin", derivative: { x, _ in Scalar.cos(x) }, recordedSlope: .recorded { try $0.cos() })
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cos() throws -> Tensor {
        try map({ Scalar.cos($0) }, operation: "cos", derivative: { x, _ in -Scalar.sin(x) }, recordedSlope: .recorded { try $0.sin().negated() })
    }
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func tanh() throws -> Tensor {
        try Self.requireRoom(elements: count, for: "tanh")
        let values = Broadcasting.map(scalars) { Scalar.tanh($0) }
        return .result(shape: shape, scalars: values, parents: [self], operation: "tanh", isDifferentiableTwice: true) { [self] g in
            if GradientMode.isRecording {
                // 1 − tanh², with tanh recomputed as a recorded operation:
                // the closure must not hold its own result (a cycle).
                let t = try self.tanh()
                return [try g.multiplying(Tensor(1).subtracting(t.multiplying(t)))]
            }
            return [Tensor(uncheckedShape: self.shape, scalars: Broadcasting.zipMap(g.scalars, values) { $0 * (1 - $1 * $1) })]
        }
    }

    /// 1 / (1 + e^-x), computed without overflow for large |x|.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sigmoid() throws -> Tensor {
        try map({ x in x >= 0 ? 1 / (1 + Scalar.exp(-x)) : Scalar.exp(x) / (1 + Scalar.exp(x)) }, operation: "sigmoid",
            derivative: { _, y in y * (1 - y) },
            recordedSlope: .recorded { x in
                let s = try x.sigmoid()
                return try s.multiplying(Tensor(1).subtracting(s))
            })
    }

    /// max(0, x); its derivative is taken as 0 at 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func relu() throws -> Tensor {
        // The backward pass is written out: it runs once per training step
        // on every hidden activation.
        try Self.requireRoom(elements: count, for: "relu")
        let values = Broadcasting.map(scalars) { Swift.max($0, 0) }
        return .result(shape: shape, scalars: values, parents: [self], operation: "relu", isDifferentiableTwice: true) { [shape] g in
            if GradientMode.isRecording {
                // g times a constant mask: the mask's derivative is 0 almost everywhere.
                return [try g.multiplying(Tensor(uncheckedShape: shape, scalars: Broadcasting.map(values) { $0 > 0 ? 1 : 0 }))]
            }
            return [Tensor(uncheckedShape: shape, scalars: Broadcasting.zipMap(g.scalars, values) { $1 > 0 ? $0 : 0 })]
        }
    }

    /// log(1 + e^x), computed without overflow for large |x|.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func softplus() throws -> Tensor {
        try map({ x in Swift.max(x, 0) + Scalar.log(1 + Scalar.exp(-Swift.abs(x))) }, operation: "softplus",
            derivative: { x, _ in x >= 0 ? 1 / (1 + Scalar.exp(-x)) : Scalar.exp(x) / (1 + Scalar.exp(x)) },
            recordedSlope: .recorded { try $0.sigmoid() })
    }

    /// Heaviside step: 1 where x ≥ 0, else 0. Its derivative is 0 everywhere.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() throws -> Tensor {
        try map({ $0 >= 0 ? 1 : 0 }, operation: "step", derivative: { _, _ in 0 }, recordedSlope: .piecewiseConstant)
    }

    /// max(x, slope·x) for a small positive slope.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func leakyRelu(slope: Scalar = 0.01) throws -> Tensor {
        try map({ $0 > 0 ? $0 : slope * $0 }, operation: "leaky_relu", derivative: { x, _ in x > 0 ? 1 : slope }, recordedSlope: .piecewiseConstant)
    }

    /// Each element limited to `lower...upper`; the gradient passes only
    /// where no limit applied.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func clamped(lower: Scalar, upper: Scalar) throws -> Tensor {
        guard lower <= upper else {
            throw TensorError.invalidArgument(operation: "clamp", reason: "lower bound \(lower) exceeds upper bound \(upper)")
        }
        return try map({ Swift.min(Swift.max($0, lower), upper) }, operation: "clamp",
                   derivative: { x, _ in x >= lower && x <= upper ? 1 : 0 }, recordedSlope: .piecewiseConstant)
    }
}
