import ResourceLimits

/// Elementwise kernels that apply NumPy broadcasting.
enum Broadcasting {
    /// `op` applied to `a` and `b` broadcast to a common shape.
    ///
    /// The result is filled through raw buffers, innermost axis in one
    /// tight loop, so that the loop vectorises for contiguous operands
    /// (same shape, a scalar, or a bias row repeated over a batch).
    @inline(__always)
    static func apply<T>(
        _ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], operation: String,
        _ op: (T, T) -> T
    ) throws -> (shape: [Int], scalars: [T]) {
        let shape = aShape == bShape ? aShape : try Shape.broadcast(aShape, bShape, operation: operation)
        let count = try Shape.elementCount(shape)
        guard count > 0 else { return (shape, []) }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        try MemoryBudget.shared.requireRoom(overflow ? Int.max : bytes, for: operation)
        let aStrides = Shape.broadcastStrides(aShape, to: shape)
        let bStrides = Shape.broadcastStrides(bShape, to: shape)
        let values = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                [T](unsafeUninitializedCapacity: count) { out, initialized in
                    fill(out, count: count, shape: shape, pa, aStrides, pb, bStrides, op)
                    initialized = count
                }
            }
        }
        return (shape, values)
    }

    @inline(__always)
    private static func fill<T>(
        _ out: UnsafeMutableBufferPointer<T>, count: Int, shape: [Int],
        _ a: UnsafeBufferPointer<T>, _ aStrides: [Int], _ b: UnsafeBufferPointer<T>, _ bStrides: [Int],
        _ op: (T, T) -> T
    ) {
        if a.count == count, b.count == count {
            for i in 0..<count { out[i] = op(a[i], b[i]) }
            return
        }
        if b.count == 1, a.count == count {
            let y = b[0]
            for i in 0..<count { out[i] = op(a[i], y) }
            return
        }
        if a.count == 1, b.count == count {
            let x = a[0]
            for i in 0..<count { out[i] = op(x, b[i]) }
            return
        }
        let rank = shape.count
        let inner = shape[rank - 1]
        let (aStep, bStep) = (aStrides[rank - 1], bStrides[rank - 1])
        var index = [Int](repeating: 0, count: rank)
        var (aOffset, bOffset, position) = (0, 0, 0)
        while position < count {
            if aStep == 1, bStep == 1 {
                for k in 0..<inner { out[position + k] = op(a[aOffset + k], b[bOffset + k]) }
            } else if aStep == 1, bStep == 0 {
                let y = b[bOffset]
                for k in 0..<inner { out[position + k] = op(a[aOffset + k], y) }
            } else if aStep == 0, bStep == 1 {
                let x = a[aOffset]
                for k in 0..<inner { out[position + k] = op(x, b[bOffset + k]) }
            } else {
                for k in 0..<inner { out[position + k] = op(a[aOffset + k * aStep], b[bOffset + k * bStep]) }
            }
            position += inner
            // Advance the multi-index over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                aOffset += aStrides[axis]
                bOffset += bStrides[axis]
                if index[axis] < shape[axis] { break }
                aOffset -= aStrides[axis] * shape[axis]
                bOffset -= bStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// `op` applied to every element.
    @inline(__always)
    static func map<T>(_ x: [T], _ op: (T) -> T) -> [T] {
        x.withUnsafeBufferPointer { px in
            [T](unsafeUninitializedCapacity: px.count) { out, initialized in
                for i in 0..<px.count { out[i] = op(px[i]) }
                initialized = px.count
            }
        }
    }

    /// `op` applied to pairs of elements of two arrays of one length.
    @inline(__always)
    static func zipMap<T>(_ x: [T], _ y: [T], _ op: (T, T) -> T) -> [T] {
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                let count = Swift.min(px.count, py.count)
                return [T](unsafeUninitializedCapacity: count) { out, initialized in
                    for i in 0..<count { out[i] = op(px[i], py[i]) }
                    initialized = count
                }
            }
        }
    }
}

extension Tensor {
    /// This tensor repeated along the axes of `target` it was broadcast to
    /// (NumPy's `broadcast_to`), as a recorded operation: the recorded
    /// backward pass of sums uses it to spread a gradient, so that the
    /// spread gradient stays a function of the gradient.
    func broadcasted(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        guard try Shape.broadcast(shape, target, operation: "broadcast") == target else {
            throw TensorError.shapeMismatch(operation: "broadcast", shape, target)
        }
        try Self.requireRoom(elements: try Shape.elementCount(target), for: "broadcast")
        let values = Self.gather(scalars, shape: target, strides: Shape.broadcastStrides(shape, to: target))
        return .result(shape: target, scalars: values, parents: [self], operation: "broadcast", isDifferentiableTwice: true) {
            [shape] g in [try g.reduced(toShape: shape)]
        }
    }

    /// This gradient summed over the axes along which `shape` was broadcast,
    /// so that it has `shape` again.
    func reduced(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let extra = rank - target.count
        // A bias row broadcast over a batch: one pass summing rows.
        if extra == 1, Array(shape.dropFirst()) == target {
            return try sum(alongAxis: 0)
        }
        var axes: [Int] = Array(0..<Swift.max(extra, 0))
        for (i, size) in target.enumerated() where size == 1 && shape[i + extra] != 1 {
            axes.append(i + extra)
        }
        var result = self
        for axis in axes.reversed() {
            result = try result.sum(alongAxis: axis, keepingDimension: true)
        }
        return try result.reshaped(to: target)
    }
}
