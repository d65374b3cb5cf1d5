extension AxisLayout {
    /// The offset of each lane's first element, lanes in row-major order;
    /// a lane's elements are `inner` apart.
    var laneStarts: [Int] {
        var starts = [Int]()
        starts.reserveCapacity(outer * inner)
        for o in 0..<outer {
            for i in 0..<inner { starts.append(o * size * inner + i) }
        }
        return starts
    }
}

extension Tensor {
    /// This tensor and the axis a scan runs along: nil flattens the tensor
    /// first (NumPy's default for `cumsum`).
    func scanSource(alongAxis axis: Int?) throws -> (source: Tensor, axis: Int) {
        guard let axis else { return (try reshaped(to: [count]), 0) }
        return (self, try Shape.normalize(axis: axis, rank: rank))
    }

    /// Running sums along an axis (`cumsum`); nil flattens the tensor first.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cumulativeSum(alongAxis axis: Int? = nil) throws -> Tensor {
        let (source, resolved) = try scanSource(alongAxis: axis)
        return source.runningSum(axis: resolved, reversed: false)
    }

    /// Running sums from the first element, or from the last when
    /// `reversed`: each is the other's backward pass (linear, so it is
    /// twice differentiable).
    func runningSum(axis: Int, reversed: Bool) -> Tensor {
        let layout = AxisLayout(shape: shape, axis: axis)
        let values: [Scalar] = ScalarBuffer.filledLikeInput(count: count) { out in
            scalars.withUnsafeBufferPointer { x in
                for start in layout.laneStarts {
                    var total: Scalar = 0
                    for k in Self.laneOrder(layout.size, reversed: reversed) {
                        let at = start + k * layout.inner
                        total += x[at]
                        out[at] = total
                    }
                }
            }
        }
        return .result(shape: shape, scalars: values, parents: [self], operation: "cumsum", isDifferentiableTwice: true) { g in
            [g.runningSum(axis: axis, reversed: !reversed)]
        }
    }

    static func laneOrder(_ size: Int, reversed: Bool) -> StrideTo<Int> {
        reversed ? stride(from: size - 1, to: -1, by: -1) : stride(from: 0, to: size, by: 1)
    }

    /// Running products along an axis (`cumprod`); nil flattens the tensor
    /// first. The gradient is exact where elements are 0 (no division); it
    /// comes from a kernel, so only first derivatives go through it.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func cumulativeProduct(alongAxis axis: Int? = nil) throws -> Tensor {
        let (source, resolved) = try scanSource(alongAxis: axis)
        let layout = AxisLayout(shape: source.shape, axis: resolved)
        let x = source.scalars
        let values: [Scalar] = try ScalarBuffer.filled(count: x.count) { out in
            for start in layout.laneStarts {
                var product: Scalar = 1
                for k in 0..<layout.size {
                    product *= x[start + k * layout.inner]
                    out[start + k * layout.inner] = product
                }
            }
        }
        return .result(shape: source.shape, scalars: values, parents: [source], operation: "cumprod", isDifferentiableTwice: false) {
            [shape = source.shape] g in
            [Tensor(uncheckedShape: shape, scalars: Self.cumulativeProductGradient(x, g.scalars, layout))]
        }
    }

    /// ∂/∂x_k of Σ_j g_j·Π_{i≤j} x_i in each lane: (Π_{i<k} x_i)·S_k with
    /// S_k = g_k + x_{k+1}·S_{k+1}, so no division by a zero element.
    static func cumulativeProductGradient(_ x: [Scalar], _ g: [Scalar], _ layout: AxisLayout) -> [Scalar] {
        ScalarBuffer.filledLikeInput(count: x.count) { out in
            let step = layout.inner
            for start in layout.laneStarts {
                var tail: Scalar = 0
                for k in laneOrder(layout.size, reversed: true) {
                    let next = k + 1 < layout.size ? x[start + (k + 1) * step] : 0
                    tail = g[start + k * step] + next * tail
                    out[start + k * step] = tail
                }
                var head: Scalar = 1
                for k in 0..<layout.size {
                    out[start + k * step] *= head
                    head *= x[start + k * step]
                }
            }
        }
    }

    /// The n-th differences along an axis (`diff`): x[1:] − x[:-1], n
    /// times; each removes one element from the axis, down to none. Made
    /// of slices and a subtraction, so differentiable to any order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func differences(alongAxis axis: Int = -1, order: Int = 1) throws -> Tensor {
        guard order >= 0 else {
            throw TensorError.invalidArgument(operation: "diff", reason: "the order must be at least 0, got \(order)")
        }
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        let leading = [TensorIndex](repeating: .all, count: resolved)
        var result = self
        // Past the axis's size every further difference is empty again.
        for _ in 0..<Swift.min(order, shape[resolved] + 1) {
            let later = try result.slice(leading + [.range(1, nil, nil)])
            let earlier = try result.slice(leading + [.range(nil, -1, nil)])
            result = try later.subtracting(earlier)
        }
        return result
    }
}
