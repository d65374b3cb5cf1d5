/// One axis of a subscript: a single position (the axis disappears), a
/// range with optional bounds and step (NumPy slice semantics), or all.
public enum TensorIndex: Equatable, Sendable {
    case at(Int)
    case range(Int?, Int?, Int?)
    case all
}

extension Tensor {
    /// The positions each axis keeps, and the resulting shape.
    private func selection(_ indices: [TensorIndex]) throws -> (positions: [[Int]], shape: [Int]) {
        guard indices.count <= rank else {
            throw TensorError.invalidArgument(operation: "index", reason: "\(indices.count) indices for a tensor of rank \(rank)")
        }
        var positions: [[Int]] = []
        var outShape: [Int] = []
        for axis in 0..<rank {
            let size = shape[axis]
            switch axis < indices.count ? indices[axis] : .all {
            case let .at(index):
                positions.append([try Self.resolve(index: index, axis: axis, size: size)])
            case .all:
                positions.append(Array(0..<size))
                outShape.append(size)
            case let .range(start, stop, step):
                let kept = try Self.slicePositions(start: start, stop: stop, step: step ?? 1, size: size)
                positions.append(kept)
                outShape.append(kept.count)
            }
        }
        return (positions, outShape)
    }

    /// NumPy's rules: negative bounds count from the end, bounds are clamped.
    static func slicePositions(start: Int?, stop: Int?, step: Int, size: Int) throws -> [Int] {
        guard step != 0 else { throw TensorError.invalidArgument(operation: "slice", reason: "the step must not be 0") }
        func clamp(_ bound: Int, low: Int, high: Int) -> Int { Swift.min(Swift.max(bound < 0 ? bound + size : bound, low), high) }
        if step > 0 {
            let from = start.map { clamp($0, low: 0, high: size) } ?? 0
            let to = stop.map { clamp($0, low: 0, high: size) } ?? size
            return Array(stride(from: from, to: to, by: step))
        }
        let from = start.map { clamp($0, low: -1, high: size - 1) } ?? size - 1
        let to = stop.map { clamp($0, low: -1, high: size - 1) } ?? -1
        return Array(stride(from: from, to: to, by: step))
    }

    /// Offsets in this tensor of every selected element, in row-major order.
    private func offsets(of positions: [[Int]]) -> [Int] {
        let strides = Shape.strides(shape)
        var offsets = [0]
        for (axis, kept) in positions.enumerated() {
            offsets = offsets.flatMap { base in kept.map { base + $0 * strides[axis] } }
        }
        return offsets
    }

    /// The elements selected by `indices` (`a[1:, 0]` is `[.range(1, nil, nil), .at(0)]`).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func slice(_ indices: [TensorIndex]) throws -> Tensor {
        let (positions, outShape) = try selection(indices)
        // The offsets (an Int each) and the values.
        try Self.requireRoom(elements: try Shape.elementCount(outShape) &* 2, for: "index")
        let offsets = offsets(of: positions)
        return .result(shape: outShape, scalars: offsets.map { scalars[$0] }, parents: [self], operation: "index", isDifferentiableTwice: true) {
            [shape, count] g in
            if GradientMode.isRecording { return [try g.scattered(toOffsets: offsets, shape: shape)] }
            var spread = [Scalar](repeating: 0, count: count)
            for (value, offset) in zip(g.scalars, offsets) { spread[offset] += value }
            return [Tensor(uncheckedShape: shape, scalars: spread)]
        }
    }

    /// A copy with the elements selected by `indices` replaced by `value`
    /// (broadcast to the selection's shape).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func replacing(_ indices: [TensorIndex], with value: Tensor) throws -> Tensor {
        let (positions, outShape) = try selection(indices)
        let offsets = offsets(of: positions)
        let zeros = [Scalar](repeating: 0, count: offsets.count)
        let (fitted, filled) = try Broadcasting.apply(zeros, outShape, value.scalars, value.shape, operation: "index assignment") { $1 }
        guard fitted == outShape else { throw TensorError.shapeMismatch(operation: "index assignment", outShape, value.shape) }
        var values = scalars
        for (offset, x) in zip(offsets, filled) { values[offset] = x }
        return .result(shape: shape, scalars: values, parents: [self, value], operation: "index assignment", isDifferentiableTwice: true) {
            g in
            if GradientMode.isRecording {
                var keptMask = [Scalar](repeating: 1, count: g.count)
                for offset in offsets { keptMask[offset] = 0 }
                let picked = try g.gathered(atOffsets: offsets, shape: outShape)
                return [try g.multiplying(Tensor(uncheckedShape: g.shape, scalars: keptMask)), try picked.reduced(toShape: value.shape)]
            }
            var kept = g.scalars
            for offset in offsets { kept[offset] = 0 }
            let picked = Tensor(uncheckedShape: outShape, scalars: offsets.map { g.scalars[$0] })
            return [Tensor(uncheckedShape: g.shape, scalars: kept), try picked.reduced(toShape: value.shape)]
        }
    }

    /// The sub-tensors at `positions` along axis 0 (rows of a matrix, samples
    /// of a batch), in that order; positions may repeat.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gathering(rows positions: [Int]) throws -> Tensor {
        guard rank >= 1 else { throw TensorError.invalidArgument(operation: "gather", reason: "a scalar has no rows") }
        let rows = try positions.map { try Self.resolve(index: $0, axis: 0, size: shape[0]) }
        let width = shape.dropFirst().reduce(1, *)
        try Self.requireRoom(elements: try Shape.elementCount([rows.count, width]), for: "gather")
        var values = [Scalar]()
        values.reserveCapacity(rows.count * width)
        for r in rows { values.append(contentsOf: scalars[(r * width)..<((r + 1) * width)]) }
        let outShape = [rows.count] + shape.dropFirst()
        return .result(shape: outShape, scalars: values, parents: [self], operation: "gather", isDifferentiableTwice: true) {
            [shape, count] g in
            if GradientMode.isRecording {
                let offsets = rows.flatMap { r in (r * width)..<((r + 1) * width) }
                return [try g.scattered(toOffsets: offsets, shape: shape)]
            }
            var spread = [Scalar](repeating: 0, count: count)
            for (i, r) in rows.enumerated() {
                for j in 0..<width { spread[r * width + j] += g.scalars[i * width + j] }
            }
            return [Tensor(uncheckedShape: shape, scalars: spread)]
        }
    }
}

extension Tensor {
    /// The elements at `offsets` (0 for a negative offset) as a tensor of
    /// `shape`, recorded: the recorded backward pass of `scattered`.
    func gathered(atOffsets offsets: [Int], shape outShape: [Int]) throws -> Tensor {
        guard try Shape.elementCount(outShape) == offsets.count else {
            throw TensorError.invalidShape(outShape, reason: "needs \(offsets.count) elements")
        }
        let values = offsets.map { $0 >= 0 ? scalars[$0] : 0 }
        return .result(shape: outShape, scalars: values, parents: [self], operation: "gather", isDifferentiableTwice: true) {
            [shape] g in [try g.scattered(toOffsets: offsets, shape: shape)]
        }
    }

    /// A zero tensor of `shape` with each element of this one added at its
    /// offset (skipped where the offset is negative), recorded: how the
    /// recorded backward passes of indexing, `max` and pooling send a
    /// gradient to the elements they picked.
    func scattered(toOffsets offsets: [Int], shape outShape: [Int]) throws -> Tensor {
        guard offsets.count == count else {
            throw TensorError.invalidArgument(operation: "scatter", reason: "\(offsets.count) offsets for \(count) elements")
        }
        var values = [Scalar](repeating: 0, count: try Self.resultCount(outShape, for: "index"))
        for (value, offset) in zip(scalars, offsets) where offset >= 0 { values[offset] += value }
        return .result(shape: outShape, scalars: values, parents: [self], operation: "scatter", isDifferentiableTwice: true) {
            [shape] g in [try g.gathered(atOffsets: offsets, shape: shape)]
        }
    }
}
