/// Elementwise kernels that apply NumPy broadcasting.
enum Broadcasting {
    /// `op` applied to `a` and `b` broadcast to a common shape.
    static func apply<T>(
        _ a: [T], _ aShape: [Int], _ b: [T], _ bShape: [Int], operation: String,
        _ op: (T, T) -> T
    ) throws -> (shape: [Int], scalars: [T]) {
        if aShape == bShape {
            return (aShape, zip(a, b).map(op))
        }
        let shape = try Shape.broadcast(aShape, bShape, operation: operation)
        let count = try Shape.elementCount(shape)
        if b.count == 1 {
            let y = b[0]
            if count == a.count { return (shape, a.map { op($0, y) }) }
        }
        if a.count == 1 {
            let x = a[0]
            if count == b.count { return (shape, b.map { op(x, $0) }) }
        }
        let aStrides = Shape.broadcastStrides(aShape, to: shape)
        let bStrides = Shape.broadcastStrides(bShape, to: shape)
        var out = [T]()
        out.reserveCapacity(count)
        guard count > 0 else { return (shape, out) }
        let rank = shape.count
        let inner = shape[rank - 1]
        let (aInner, bInner) = (aStrides[rank - 1], bStrides[rank - 1])
        var index = [Int](repeating: 0, count: rank)
        var (aOffset, bOffset) = (0, 0)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for _ in 0..<(count / max(inner, 1)) {
                    var (i, j) = (aOffset, bOffset)
                    for _ in 0..<inner {
                        out.append(op(a[i], b[j]))
                        i += aInner
                        j += bInner
                    }
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
        }
        return (shape, out)
    }
}

extension Tensor {
    /// This gradient summed over the axes along which `shape` was broadcast,
    /// so that it has `shape` again.
    func reduced(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let extra = rank - target.count
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
