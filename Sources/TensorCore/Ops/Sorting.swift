extension Tensor {
    /// For each lane along `axis`, its positions in stable sorted order
    /// (equal elements keep their order), laid out as the tensor is.
    func sortedPositions(axis: Int) -> [Int] {
        let layout = AxisLayout(shape: shape, axis: axis)
        var positions = [Int](repeating: 0, count: count)
        for start in layout.laneStarts {
            let lane = Self.stableOrder((0..<layout.size).map { scalars[start + $0 * layout.inner] })
            for (k, position) in lane.enumerated() { positions[start + k * layout.inner] = position }
        }
        return positions
    }

    /// The positions of `values` in ascending order, NaN last, ties in
    /// their original order.
    static func stableOrder(_ values: [Scalar]) -> [Int] {
        // Numbers sorted as (value, position) pairs, which compare without
        // indirection; NaNs appended in order.
        var numbers = [(Scalar, Int)]()
        numbers.reserveCapacity(values.count)
        var nans = [Int]()
        for (position, value) in values.enumerated() {
            if value.isNaN { nans.append(position) } else { numbers.append((value, position)) }
        }
        numbers.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return numbers.map(\.1) + nans
    }

    /// The elements sorted along an axis, ascending, NaN last. The gradient
    /// goes back to where each element came from (a recorded gather, so
    /// differentiable to any order).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func sorted(alongAxis axis: Int = -1) throws -> Tensor {
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        let inner = AxisLayout(shape: shape, axis: resolved).inner
        let positions = sortedPositions(axis: resolved)
        // Element (o, k, i) of the result is element (o, positions[…], i) here.
        let offsets = positions.enumerated().map { at, position in
            let k = (at / inner) % shape[resolved]
            return at + (position - k) * inner
        }
        return try gathered(atOffsets: offsets, shape: shape)
    }

    /// The positions that sort each lane along an axis (stable: equal
    /// elements keep their order; NaN last), as numbers. No gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func argsort(alongAxis axis: Int = -1) throws -> Tensor {
        let resolved = try Shape.normalize(axis: axis, rank: rank)
        try Self.checkIndicesRepresentable(upTo: shape[resolved], operation: "argsort")
        return Tensor(uncheckedShape: shape, scalars: sortedPositions(axis: resolved).map { Scalar($0) })
    }

    /// The distinct elements of the flattened tensor, ascending, as a
    /// rank-1 tensor; all NaNs count as one, placed last (NumPy ≥ 1.21).
    /// No gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func unique() -> Tensor {
        var distinct = [Scalar]()
        for x in scalars.filter({ !$0.isNaN }).sorted() where distinct.last != x { distinct.append(x) }
        if let nan = scalars.first(where: { $0.isNaN }) { distinct.append(nan) }
        return Tensor(uncheckedShape: [distinct.count], scalars: distinct)
    }
}
