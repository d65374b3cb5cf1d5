extension Tensor {
    /// The same elements with another shape; one size may be -1 (inferred).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        if unknown.count > 1 { throw TensorError.invalidShape(newShape, reason: "only one size may be -1") }
        if let axis = unknown.first {
            let known = newShape.enumerated().filter { $0.offset != axis }.map(\.element)
            let product = try Shape.elementCount(known)
            guard product > 0, count % product == 0 else {
                throw TensorError.invalidShape(newShape, reason: "cannot hold \(count) elements")
            }
            resolved[axis] = count / product
        }
        guard try Shape.elementCount(resolved) == count else {
            throw TensorError.invalidShape(newShape, reason: "cannot hold the \(count) elements of a tensor of shape \(Shape.describe(shape))")
        }
        if resolved == shape { return self }
        return .result(shape: resolved, scalars: scalars, parents: [self], operation: "reshape", isDifferentiableTwice: true) {
            [shape] g in
            if GradientMode.isRecording { return [try g.reshaped(to: shape)] }
            return [Tensor(uncheckedShape: shape, scalars: g.scalars)]
        }
    }

    /// The tensor with its axes reordered: axis i of the result is axis
    /// `axes[i]` of this tensor.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func permuted(_ axes: [Int]) throws -> Tensor {
        let resolved = try axes.map { try Shape.normalize(axis: $0, rank: rank) }
        guard resolved.count == rank, Set(resolved).count == rank else {
            throw TensorError.invalidArgument(operation: "permute", reason: "\(axes) is not a permutation of the \(rank) axes")
        }
        if resolved == Array(0..<rank) { return self }
        let outShape = resolved.map { shape[$0] }
        try Self.requireRoom(elements: count, for: "permute")
        let sourceStrides = Shape.strides(shape)
        let values = Self.gather(scalars, shape: outShape, strides: resolved.map { sourceStrides[$0] })
        var inverse = [Int](repeating: 0, count: rank)
        for (i, axis) in resolved.enumerated() { inverse[axis] = i }
        return .result(shape: outShape, scalars: values, parents: [self], operation: "permute", isDifferentiableTwice: true) {
            g in [try g.permuted(inverse)]
        }
    }

    /// The matrix transpose: the last two axes swapped (a rank-1 tensor is
    /// returned as it is).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func transposed() throws -> Tensor {
        guard rank >= 2 else { return self }
        var axes = Array(0..<rank)
        axes.swapAt(rank - 1, rank - 2)
        return try permuted(axes)
    }

    /// Elements read from `source` at `strides` for every multi-index of `shape`.
    static func gather(_ source: [Scalar], shape: [Int], strides: [Int], base: Int = 0) -> [Scalar] {
        let count = shape.reduce(1, *)
        var out = [Scalar]()
        out.reserveCapacity(count)
        guard count > 0 else { return out }
        guard let innerSize = shape.last, let innerStride = strides.last else { return [source[base]] }
        var index = [Int](repeating: 0, count: shape.count)
        var offset = base
        source.withUnsafeBufferPointer { source in
            for _ in 0..<(count / innerSize) {
                var at = offset
                for _ in 0..<innerSize { out.append(source[at]); at += innerStride }
                var axis = shape.count - 2
                while axis >= 0 {
                    index[axis] += 1
                    offset += strides[axis]
                    if index[axis] < shape[axis] { break }
                    offset -= strides[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        return out
    }

    /// Tensors joined along an existing axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(operation: "concatenate", reason: "needs at least one tensor")
        }
        let axis = try Shape.normalize(axis: axis, rank: first.rank)
        for t in tensors where t.rank != first.rank || (0..<first.rank).contains(where: { $0 != axis && t.shape[$0] != first.shape[$0] }) {
            throw TensorError.shapeMismatch(operation: "concatenate", first.shape, t.shape)
        }
        var outShape = first.shape
        outShape[axis] = tensors.reduce(0) { $0 + $1.shape[axis] }
        _ = try Self.resultCount(outShape, for: "concat")
        let outer = first.shape[..<axis].reduce(1, *)
        let blocks = tensors.map { $0.shape[axis...].reduce(1, *) }
        var values = [Scalar]()
        values.reserveCapacity(outShape.reduce(1, *))
        for o in 0..<outer {
            for (t, block) in zip(tensors, blocks) { values.append(contentsOf: t.scalars[(o * block)..<((o + 1) * block)]) }
        }
        return .result(shape: outShape, scalars: values, parents: tensors, operation: "concatenate", isDifferentiableTwice: true) { g in
            var start = 0
            return try tensors.map { t in
                defer { start += t.shape[axis] }
                return try g.slice(Array(repeating: .all, count: axis) + [.range(start, start + t.shape[axis], 1)])
            }
        }
    }

    /// Tensors of one shape stacked along a new axis.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func stack(_ tensors: [Tensor], alongAxis axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument(operation: "stack", reason: "needs at least one tensor")
        }
        let axis = try Shape.normalize(axis: axis, rank: first.rank + 1)
        var expanded = first.shape
        expanded.insert(1, at: axis)
        let parts = try tensors.map { t in
            guard t.shape == first.shape else { throw TensorError.shapeMismatch(operation: "stack", first.shape, t.shape) }
            return try t.reshaped(to: expanded)
        }
        return try concatenate(parts, alongAxis: axis)
    }
}
