/// The layout of a tensor around one axis: `outer` blocks of `size` rows of
/// `inner` contiguous elements.
struct AxisLayout {
    let outer: Int, size: Int, inner: Int

    init(shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        size = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// The offset of element `k` along the axis in lane (o, i).
    @inline(__always) func offset(_ o: Int, _ k: Int, _ i: Int) -> Int { (o * size + k) * inner + i }
}

extension Tensor {
    func reducedShape(axis: Int, keepingDimension: Bool) -> [Int] {
        var result = shape
        if keepingDimension { result[axis] = 1 } else { result.remove(at: axis) }
        return result
    }

    /// The sum of all elements.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum() -> Tensor {
        .result(shape: [], scalars: [Summation.sum(scalars)], parents: [self], operation: "sum", isDifferentiableTwice: true) {
            [shape, count] g in
            if GradientMode.isRecording { return [try g.broadcasted(toShape: shape)] }
            return [Tensor(uncheckedShape: shape, scalars: [Scalar](repeating: g.scalars[0], count: count))]
        }
    }

    /// The mean of all elements.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func mean() throws -> Tensor {
        guard count > 0 else { throw TensorError.invalidArgument(operation: "mean", reason: "the tensor is empty") }
        return try sum().dividing(by: Tensor(Scalar(count)))
    }

    /// Sums along one axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sum(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let axis = try Shape.normalize(axis: axis, rank: rank)
        let layout = AxisLayout(shape: shape, axis: axis)
        let values = Self.sumLanes(scalars, layout)
        let keptShape = reducedShape(axis: axis, keepingDimension: true)
        return .result(
            shape: reducedShape(axis: axis, keepingDimension: keepingDimension), scalars: values, parents: [self],
            operation: "sum", isDifferentiableTwice: true
        ) { [shape] g in
            if GradientMode.isRecording { return [try g.reshaped(to: keptShape).broadcasted(toShape: shape)] }
            return [Tensor(uncheckedShape: shape, scalars: Self.spreadLanes(g.scalars, layout))]
        }
    }

    /// For each lane (o, i), the sum over the axis.
    static func sumLanes(_ x: [Scalar], _ layout: AxisLayout) -> [Scalar] {
        let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
        return x.withUnsafeBufferPointer { px in
            [Scalar](unsafeUninitializedCapacity: outer * inner) { out, initialized in
                initialized = outer * inner
                guard let x = px.baseAddress, let out = out.baseAddress, size > 0 else {
                    for lane in 0..<(outer * inner) { out[lane] = 0 }
                    return
                }
                // Both ways sum pairwise (`Summation`), in order within blocks.
                for o in 0..<outer {
                    let block = x + o * size * inner
                    if inner < 16 {
                        // Narrow lanes (a bias of 1 or 3 outputs) summed in a
                        // register: adding row by row into `out` would chain
                        // every add through a store.
                        for i in 0..<inner { out[o * inner + i] = Summation.sum(block + i, count: size, stride: inner) }
                    } else {
                        Summation.sumRows(block, rows: size, width: inner, into: out + o * inner)
                    }
                }
            }
        }
    }

    /// Each lane's value repeated along the axis (the sum's backward).
    static func spreadLanes(_ g: [Scalar], _ layout: AxisLayout) -> [Scalar] {
        let (outer, size, inner) = (layout.outer, layout.size, layout.inner)
        return g.withUnsafeBufferPointer { pg in
            [Scalar](unsafeUninitializedCapacity: outer * size * inner) { out, initialized in
                for o in 0..<outer {
                    for k in 0..<size {
                        let row = (o * size + k) * inner
                        for i in 0..<inner { out[row + i] = pg[o * inner + i] }
                    }
                }
                initialized = outer * size * inner
            }
        }
    }

    /// Means along one axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func mean(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        guard shape[resolved] > 0 else { throw TensorError.invalidArgument(operation: "mean", reason: "axis \(axis) is empty") }
        return try sum(alongAxis: resolved, keepingDimension: keepingDimension).dividing(by: Tensor(Scalar(shape[resolved])))
    }

    /// The largest element; the gradient goes to its first occurrence.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func max() throws -> Tensor { try extreme(alongAxis: nil, keepingDimension: false, largest: true) }
    /// The smallest element; the gradient goes to its first occurrence.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func min() throws -> Tensor { try extreme(alongAxis: nil, keepingDimension: false, largest: false) }

    /// Maxima along one axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func max(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        try extreme(alongAxis: axis, keepingDimension: keepingDimension, largest: true)
    }

    /// Minima along one axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func min(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        try extreme(alongAxis: axis, keepingDimension: keepingDimension, largest: false)
    }

    /// The index of the largest element of the flattened tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmax() throws -> Int {
        guard count > 0 else { throw TensorError.invalidArgument(operation: "argmax", reason: "the tensor is empty") }
        var best = 0
        for i in scalars.indices where scalars[i] > scalars[best] || (scalars[best].isNaN && !scalars[i].isNaN) { best = i }
        return best
    }

    /// Indices of the largest elements along one axis (no gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argmax(alongAxis axis: Int, keepingDimension: Bool = false) throws -> Tensor {
        let axis = try Shape.normalize(axis: axis, rank: rank)
        let positions = try extremePositions(axis: axis, largest: true)
        let layout = AxisLayout(shape: shape, axis: axis)
        let values = positions.enumerated().map { lane, offset in
            Scalar((offset - (lane / layout.inner) * layout.size * layout.inner - lane % layout.inner) / layout.inner)
        }
        return Tensor(uncheckedShape: reducedShape(axis: axis, keepingDimension: keepingDimension), scalars: values)
    }

    private func extreme(alongAxis axis: Int?, keepingDimension: Bool, largest: Bool) throws -> Tensor {
        let operation = largest ? "max" : "min"
        guard count > 0 else { throw TensorError.invalidArgument(operation: operation, reason: "the tensor is empty") }
        let flat = axis == nil
        let source = flat ? try reshaped(to: [count]) : self
        let resolved = try Shape.normalize(axis: axis ?? 0, rank: source.rank)
        guard source.shape[resolved] > 0 else {
            throw TensorError.invalidArgument(operation: operation, reason: "axis \(resolved) is empty")
        }
        let positions = try source.extremePositions(axis: resolved, largest: largest)
        let outShape = flat ? [] : source.reducedShape(axis: resolved, keepingDimension: keepingDimension)
        return .result(shape: outShape, scalars: positions.map { scalars[$0] }, parents: [self], operation: operation, isDifferentiableTwice: true) {
            [shape, count] g in
            // Each lane's gradient goes to its extreme element: the choice is
            // a constant, so the scatter, recorded, is right to any order.
            if GradientMode.isRecording { return [try g.scattered(toOffsets: positions, shape: shape)] }
            var spread = [Scalar](repeating: 0, count: count)
            for (lane, position) in positions.enumerated() { spread[position] += g.scalars[lane] }
            return [Tensor(uncheckedShape: shape, scalars: spread)]
        }
    }

    /// For each lane along `axis`, the flat offset of its extreme element
    /// (the first one; NaN counts as extreme, as in NumPy).
    private func extremePositions(axis: Int, largest: Bool) throws -> [Int] {
        let layout = AxisLayout(shape: shape, axis: axis)
        guard layout.size > 0 else { throw TensorError.invalidArgument(operation: "argmax", reason: "axis \(axis) is empty") }
        var positions = [Int]()
        positions.reserveCapacity(layout.outer * layout.inner)
        for o in 0..<layout.outer {
            for i in 0..<layout.inner {
                var best = layout.offset(o, 0, i)
                for k in 1..<Swift.max(layout.size, 1) {
                    let at = layout.offset(o, k, i)
                    let (x, y) = (scalars[at], scalars[best])
                    if y.isNaN { break }
                    if x.isNaN || (largest ? x > y : x < y) { best = at }
                }
                positions.append(best)
            }
        }
        return positions
    }
}
