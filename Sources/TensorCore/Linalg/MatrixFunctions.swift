extension Tensor {
    /// The Euclidean (Frobenius) norm of all elements: √Σx², computed
    /// without overflow or underflow. Its gradient x/‖x‖ is 0 where ‖x‖ = 0.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func norm() throws -> Tensor {
        try reshaped(to: [count]).norm(alongAxis: 0).reshaped(to: [])
    }

    /// Euclidean norms along one axis (0 along an empty axis).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func norm(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let axis = try Shape.normalize(axis: axis, rank: rank)
        let layout = AxisLayout(shape: shape, axis: axis)
        let x = scalars
        let values: [Scalar] = try ScalarBuffer.filled(count: layout.outer * layout.inner) { out in
            for (lane, start) in layout.laneStarts.enumerated() {
                out[lane] = Self.euclideanLength((0..<layout.size).lazy.map { x[start + $0 * layout.inner] })
            }
        }
        let keptShape = reducedShape(axis: axis, keepingDimension: true)
        return .result(
            shape: reducedShape(axis: axis, keepingDimension: keepingDimension), scalars: values, parents: [self],
            operation: "norm", isDifferentiableTwice: true
        ) { [self] g in
            let lengths = GradientMode.isRecording
                ? try self.norm(alongAxis: axis, keepingDimension: true) : Tensor(uncheckedShape: keptShape, scalars: values)
            return [try g.reshaped(to: keptShape).multiplying(Self.quotientOrZero(self, lengths))]
        }
    }

    /// √Σx² scaled by the largest |x|, so the squares neither overflow nor underflow.
    static func euclideanLength<Values: Collection<Scalar>>(_ values: Values) -> Scalar {
        var largest: Scalar = 0
        for x in values {
            if x.isNaN { return x }
            largest = Swift.max(largest, Swift.abs(x))
        }
        guard largest > 0, largest.isFinite else { return largest }
        var total: Scalar = 0
        for x in values { total += (x / largest) * (x / largest) }
        return largest * total.squareRoot()
    }

    /// The vector p-norm of all elements (NumPy's `norm(x.ravel(), ord)`):
    /// (Σ|x|^p)^(1/p) for p > 0, max |x| for +∞, min |x| for −∞, and the
    /// number of non-zero elements for 0 (no gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func norm(order p: Double) throws -> Tensor {
        let magnitudes = try reshaped(to: [count]).abs()
        if p.isInfinite, count == 0 {
            throw TensorError.invalidArgument(operation: "norm", reason: "the ∞-norms of an empty tensor are undefined")
        }
        switch p {
        case 2: return try norm()
        case 1: return magnitudes.sum()
        case .infinity: return try magnitudes.max()
        case -.infinity: return try magnitudes.min()
        case 0: return try GradientMode.withoutGradients { try compared(.notEqual, Tensor(0)).sum() }
        case let p where p > 0 && p.isFinite:
            return try magnitudes.raised(to: Tensor(Scalar(p))).sum().raised(to: Tensor(Scalar(1 / p)))
        default:
            throw TensorError.invalidArgument(operation: "norm", reason: "the order must be 0, positive or ±infinity, got \(p)")
        }
    }

    /// The sum of a matrix's diagonal (of its min(m, n) diagonal elements).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func trace() throws -> Tensor {
        let (rows, columns) = try matrixShape(operation: "trace")
        let diagonal = (0..<Swift.min(rows, columns)).map { $0 * columns + $0 }
        return try gathered(atOffsets: diagonal, shape: [diagonal.count]).sum()
    }

    /// The outer product of two tensors, flattened first: a[i]·b[j] at (i, j).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func outer(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        try a.reshaped(to: [a.count, 1]).multiplying(b.reshaped(to: [1, b.count]))
    }

    /// The Kronecker product (NumPy's `kron`): blocks a[i, j]·b, for any
    /// ranks (the shorter shape is padded with leading 1s).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func kron(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let rank = Swift.max(a.rank, b.rank)
        let aShape = [Int](repeating: 1, count: rank - a.rank) + a.shape
        let bShape = [Int](repeating: 1, count: rank - b.rank) + b.shape
        // a's axes interleaved with b's: element (i, k, j, l) is a[i, j]·b[k, l].
        let product = try a.reshaped(to: aShape.flatMap { [$0, 1] }).multiplying(b.reshaped(to: bShape.flatMap { [1, $0] }))
        return try product.reshaped(to: zip(aShape, bShape).map { $0 * $1 })
    }
}
