extension Tensor {
    /// The product of all elements (1 for an empty tensor).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func prod() throws -> Tensor {
        try reshaped(to: [count]).prod(alongAxis: 0).reshaped(to: [])
    }

    /// Products along one axis (1 along an empty axis). The gradient is
    /// the product of the other elements of the lane, exact where elements
    /// are 0 (no division); it comes from a kernel, so only first
    /// derivatives go through it.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func prod(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let axis = try Shape.normalize(axis: axis, rank: rank)
        let layout = AxisLayout(shape: shape, axis: axis)
        let x = scalars
        let values: [Scalar] = try ScalarBuffer.filled(count: layout.outer * layout.inner) { out in
            for (lane, start) in layout.laneStarts.enumerated() {
                var product: Scalar = 1
                for k in 0..<layout.size { product *= x[start + k * layout.inner] }
                out[lane] = product
            }
        }
        return .result(
            shape: reducedShape(axis: axis, keepingDimension: keepingDimension), scalars: values, parents: [self],
            operation: "prod", isDifferentiableTwice: false
        ) { [shape] g in
            [Tensor(uncheckedShape: shape, scalars: Self.productGradient(x, g.scalars, layout))]
        }
    }

    /// g · Π_{i≠k} x_i for each element: the products before and after it.
    static func productGradient(_ x: [Scalar], _ g: [Scalar], _ layout: AxisLayout) -> [Scalar] {
        ScalarBuffer.filledLikeInput(count: x.count) { out in
            let step = layout.inner
            for (lane, start) in layout.laneStarts.enumerated() {
                var after: Scalar = g[lane]
                for k in laneOrder(layout.size, reversed: true) {
                    out[start + k * step] = after
                    after *= x[start + k * step]
                }
                var before: Scalar = 1
                for k in 0..<layout.size {
                    out[start + k * step] *= before
                    before *= x[start + k * step]
                }
            }
        }
    }

    /// The variance of all elements: Σ(x − mean)² / (n − ddof).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func variance(ddof: Int = 0) throws -> Tensor {
        try reshaped(to: [count]).variance(alongAxis: 0, ddof: ddof).reshaped(to: [])
    }

    /// Variances along one axis: Σ(x − mean)² / (n − ddof), with n the
    /// axis's size (ddof = 1 for the unbiased estimate). Made of recorded
    /// operations (two passes: the mean, then the squared deviations), so
    /// differentiable to any order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func variance(alongAxis axis: Int, ddof: Int = 0, keepingDimension: Bool = false) throws -> Tensor {
        try variance(alongAxis: axis, ddof: ddof, keepingDimension: keepingDimension, operation: "var")
    }

    func variance(alongAxis axis: Int, ddof: Int, keepingDimension: Bool, operation: String) throws -> Tensor {
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        let n = shape[resolved]
        guard ddof >= 0, ddof < n else {
            throw TensorError.invalidArgument(
                operation: operation, reason: "needs more than ddof = \(ddof) elements (ddof ≥ 0) along axis \(axis), which has \(n)")
        }
        let deviations = try subtracting(mean(alongAxis: resolved, keepingDimension: true))
        let squares = try deviations.multiplying(deviations).sum(alongAxis: resolved, keepingDimension: keepingDimension)
        return try squares.dividing(by: Tensor(Scalar(n - ddof)))
    }

    /// The standard deviation of all elements: √variance(ddof:).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func standardDeviation(ddof: Int = 0) throws -> Tensor {
        try reshaped(to: [count]).standardDeviation(alongAxis: 0, ddof: ddof).reshaped(to: [])
    }

    /// Standard deviations along one axis: √variance. Its gradient is
    /// infinite or NaN where the deviation is 0 (as in PyTorch).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func standardDeviation(alongAxis axis: Int, ddof: Int = 0, keepingDimension: Bool = false) throws -> Tensor {
        try variance(alongAxis: axis, ddof: ddof, keepingDimension: keepingDimension, operation: "std").sqrt()
    }

    /// The index of the smallest element of the flattened tensor (the
    /// first one; NaN counts as smallest, as in NumPy).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmin() throws -> Int {
        guard count > 0 else { throw TensorError.invalidArgument(operation: "argmin", reason: "the tensor is empty") }
        try Self.checkIndicesRepresentable(upTo: count, operation: "argmin")
        return Int(try reshaped(to: [count]).argmin(alongAxis: 0).scalars[0])
    }

    /// Indices of the smallest elements along one axis (no gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmin(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        guard shape[resolved] > 0 else { throw TensorError.invalidArgument(operation: "argmin", reason: "axis \(axis) is empty") }
        try Self.checkIndicesRepresentable(upTo: shape[resolved], operation: "argmin")
        // −x's first maximum is x's first minimum; NaN stays NaN.
        return try GradientMode.withoutGradients { try negated().argmax(alongAxis: resolved, keepingDimension: keepingDimension) }
    }

    /// Throws when positions below `size` cannot all be told apart as
    /// `Scalar`s (past 2^24 in Float).
    static func checkIndicesRepresentable(upTo size: Int, operation: String) throws {
        let limit = 1 << (Scalar.significandBitCount + 1)
        guard size <= limit else {
            throw TensorError.invalidArgument(
                operation: operation, reason: "an axis of \(size) elements has positions that \(Scalar.dtypeName) cannot hold exactly (past \(limit))")
        }
    }
}
