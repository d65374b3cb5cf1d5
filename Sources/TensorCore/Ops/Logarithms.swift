extension Tensor {
    /// The base-10 logarithm.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func log10() throws -> Tensor {
        let scale = 1 / Scalar.log(10)
        return try map({ Scalar.log10($0) }, operation: "log10", derivative: { x, _ in scale / x },
                   recordedSlope: .recorded { try Tensor(scale).dividing(by: $0) })
    }

    /// The base-2 logarithm.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func log2() throws -> Tensor {
        let scale = 1 / Scalar.log(2)
        return try map({ Scalar.log2($0) }, operation: "log2", derivative: { x, _ in scale / x },
                   recordedSlope: .recorded { try Tensor(scale).dividing(by: $0) })
    }

    /// log(1 + x), accurate for small x.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func log1p() throws -> Tensor {
        try map({ Scalar.log(onePlus: $0) }, operation: "log1p", derivative: { x, _ in 1 / (1 + x) },
            recordedSlope: .recorded { try Tensor(1).dividing(by: $0.adding(Tensor(1))) })
    }

    /// eˣ − 1, accurate for small x.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func expm1() throws -> Tensor {
        try map({ Scalar.expMinusOne($0) }, operation: "expm1", derivative: { x, _ in Scalar.exp(x) },
            recordedSlope: .recorded { try $0.exp() })
    }
}
