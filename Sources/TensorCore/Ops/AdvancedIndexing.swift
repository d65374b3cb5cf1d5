/// One entry of a subscript with NumPy's advanced indexing: a basic index
/// (a position, a slice, a whole axis), a tensor of positions along one axis
/// (any shape), or a mask of booleans covering as many axes as it has.
public enum AdvancedIndex: Equatable, Sendable {
    case basic(TensorIndex)
    /// Whole-number positions (negative ones count from the end), row-major.
    case positions([Int], shape: [Int])
    /// Booleans, row-major; its shape must equal the sizes of the axes it covers.
    case mask([Bool], shape: [Int])

    /// How many axes of the indexed tensor the entry covers.
    var coveredAxes: Int {
        if case let .mask(_, shape) = self { return shape.count }
        return 1
    }

    var isBasic: Bool {
        if case .basic = self { return true }
        return false
    }
}

/// Where the elements of an advanced subscript's result come from: blocks of
/// `blockWidth` consecutive source elements (the trailing axes the subscript
/// leaves whole), starting at `blockOffsets`, in the result's order.
struct IndexPlan {
    var shape: [Int]
    var blockOffsets: [Int]
    var blockWidth: Int

    /// The source offset of every result element; only recorded (higher-order)
    /// passes need them one by one.
    var elementOffsets: [Int] { blockOffsets.flatMap { start in start..<(start + blockWidth) } }
}

/// What a subscript selects along one axis of the source.
private enum AxisSelection {
    /// Positions kept as an axis of the result (a slice or a whole axis).
    case basic([Int])
    /// Positions that broadcast with the other advanced entries.
    case advanced([Int], shape: [Int])
}

extension Tensor {
    /// The plan of `indices` (holding at least one advanced entry) for this tensor.
    func indexPlan(_ indices: [AdvancedIndex]) throws -> IndexPlan {
        try IndexPlanner(shape: shape) { try Self.requireRoom(elements: $0, for: "index") }.plan(indices)
    }
}

/// Makes the plans of subscripts of tensors of one shape. It depends on the
/// shape alone, so it is not generic over the element type (which also keeps
/// it fast in debug builds).
private struct IndexPlanner {
    let shape: [Int]
    /// Checks that the memory budget has room for so many more elements.
    let requireRoom: (Int) throws -> Void

    var rank: Int { shape.count }

    /// The plan of `indices`. NumPy's rules: the advanced entries (whole
    /// numbers among them) broadcast together; their shape replaces the axes
    /// they index when those are adjacent, and comes first otherwise.
    func plan(_ indices: [AdvancedIndex]) throws -> IndexPlan {
        let selections = try axisSelections(indices)
        let advancedAxes = selections.indices.filter { if case .advanced = selections[$0] { return true } else { return false } }
        guard let firstAdvanced = advancedAxes.first, let lastAdvanced = advancedAxes.last else {
            throw TensorError.invalidArgument(operation: "index", reason: "no tensor of positions or mask in the subscript")
        }
        let (broadcastShape, advancedOffsets) = try broadcastAdvanced(selections)
        let wholeTail = trailingWholeAxes(selections, after: lastAdvanced)
        let cut = rank - wholeTail
        let blockWidth = shape[cut...].reduce(1, *)
        let strides = Shape.strides(shape)
        func basicAxes(_ range: Range<Int>) -> (lists: [[Int]], sizes: [Int]) {
            let axes = range.filter { if case .basic = selections[$0] { return true } else { return false } }
            let lists = axes.map { axis in basicPositions(selections[axis]).map { $0 * strides[axis] } }
            return (lists, lists.map(\.count))
        }
        let isAdjacent = advancedAxes.count == lastAdvanced - firstAdvanced + 1
        let before = basicAxes(isAdjacent ? 0..<firstAdvanced : 0..<0)
        let after = basicAxes(isAdjacent ? (lastAdvanced + 1)..<cut : 0..<cut)
        let outShape = before.sizes + broadcastShape + after.sizes + shape[cut...]
        // The result, and its block offsets (an Int each, two elements' worth).
        let outCount = try Shape.elementCount(outShape)
        try requireRoom(outCount &+ outCount / Swift.max(blockWidth, 1) &* 2)
        let offsets = Self.sums(of: before.lists + [advancedOffsets] + after.lists)
        return IndexPlan(shape: outShape, blockOffsets: offsets, blockWidth: blockWidth)
    }

    /// Each axis's selection, the axes the subscript leaves out taken whole.
    private func axisSelections(_ indices: [AdvancedIndex]) throws -> [AxisSelection] {
        let covered = indices.reduce(0) { $0 + $1.coveredAxes }
        guard covered <= rank else {
            throw TensorError.invalidArgument(operation: "index", reason: "the subscript covers \(covered) axes of a tensor of rank \(rank)")
        }
        var selections: [AxisSelection] = []
        for index in indices {
            let axis = selections.count
            switch index {
            case let .basic(.at(position)):
                // With tensors of positions around, a whole number is one more (of shape ()).
                selections.append(.advanced([try Tensor<Double>.resolve(index: position, axis: axis, size: shape[axis])], shape: []))
            case .basic(.all):
                selections.append(.basic(Array(0..<shape[axis])))
            case let .basic(.range(start, stop, step)):
                selections.append(.basic(try Tensor<Double>.slicePositions(start: start, stop: stop, step: step ?? 1, size: shape[axis])))
            case let .positions(values, positionsShape):
                try Self.checkElementCount(values.count, positionsShape)
                let resolved = try values.map { try Tensor<Double>.resolve(index: $0, axis: axis, size: shape[axis]) }
                selections.append(.advanced(resolved, shape: positionsShape))
            case let .mask(bits, maskShape):
                try Self.checkElementCount(bits.count, maskShape)
                selections += try maskSelections(bits, shape: maskShape, fromAxis: axis)
            }
        }
        return selections + (selections.count..<rank).map { .basic(Array(0..<shape[$0])) }
    }

    private static func checkElementCount(_ count: Int, _ shape: [Int]) throws {
        guard try Shape.elementCount(shape) == count else {
            throw TensorError.invalidShape(shape, reason: "needs \(try Shape.elementCount(shape)) elements, got \(count)")
        }
    }

    /// A mask's true positions as one tensor of positions per axis it covers
    /// (NumPy's `nonzero`).
    private func maskSelections(_ bits: [Bool], shape maskShape: [Int], fromAxis axis: Int) throws -> [AxisSelection] {
        let covered = Array(shape[axis..<(axis + maskShape.count)])
        guard maskShape == covered else {
            let axes = maskShape.count == 1 ? "axis \(axis) of size \(covered[0])"
                : "axes \(axis) to \(axis + maskShape.count - 1) of sizes \(Shape.describe(covered))"
            throw TensorError.invalidArgument(operation: "index", reason: "a mask of shape \(Shape.describe(maskShape)) does not match \(axes)")
        }
        let trueCount = bits.lazy.filter { $0 }.count
        try requireRoom(trueCount &* maskShape.count &* 2)
        var coordinates = [[Int]](repeating: [], count: maskShape.count)
        let strides = Shape.strides(maskShape)
        // Index loops: enumerated sequences cost a metadata lookup per element in debug builds.
        for offset in 0..<bits.count where bits[offset] {
            for k in 0..<strides.count { coordinates[k].append(offset / strides[k] % maskShape[k]) }
        }
        return coordinates.map { .advanced($0, shape: [trueCount]) }
    }

    private func basicPositions(_ selection: AxisSelection) -> [Int] {
        if case let .basic(positions) = selection { return positions }
        return []
    }

    /// The advanced entries' common shape, and for each of its elements the
    /// source offset their positions add up to.
    private func broadcastAdvanced(_ selections: [AxisSelection]) throws -> (shape: [Int], offsets: [Int]) {
        let strides = Shape.strides(shape)
        let entries = selections.enumerated().compactMap { axis, selection -> (positions: [Int], shape: [Int], stride: Int)? in
            if case let .advanced(positions, entryShape) = selection { return (positions, entryShape, strides[axis]) }
            return nil
        }
        var common: [Int] = []
        for entry in entries {
            guard let next = try? Shape.broadcast(common, entry.shape, operation: "index") else {
                let shapes = entries.map { Shape.describe($0.shape) }.joined(separator: ", ")
                throw TensorError.invalidArgument(operation: "index", reason: "the index tensors' shapes \(shapes) do not broadcast together")
            }
            common = next
        }
        let count = try Shape.elementCount(common)
        try requireRoom(count &* 2)
        var offsets = [Int](repeating: 0, count: count)
        for entry in entries {
            // Most entries (a mask's coordinates, a lone tensor of positions) need no broadcasting.
            if entry.shape == common {
                for i in 0..<entry.positions.count { offsets[i] += entry.positions[i] * entry.stride }
                continue
            }
            Self.forEachBroadcastPosition(entry.positions, entry.shape, to: common) { i, position in
                offsets[i] += position * entry.stride
            }
        }
        return (common, offsets)
    }

    /// Calls `body` with each element index of `target` and the element of
    /// `values` (of `shape`, broadcast to `target`) that lands there.
    private static func forEachBroadcastPosition(_ values: [Int], _ shape: [Int], to target: [Int], _ body: (Int, Int) -> Void) {
        let strides = Shape.broadcastStrides(shape, to: target)
        var counter = [Int](repeating: 0, count: target.count)
        var source = 0
        let total = target.reduce(1, *)
        for i in 0..<total {
            body(i, values[source])
            // Advance the odometer from the last axis, keeping the source offset in step.
            var axis = target.count - 1
            while axis >= 0 {
                counter[axis] += 1
                source += strides[axis]
                if counter[axis] < target[axis] { break }
                source -= strides[axis] * counter[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }

    /// How many axes at the end, past `lastAdvanced`, the subscript keeps whole
    /// (copied as contiguous blocks).
    private func trailingWholeAxes(_ selections: [AxisSelection], after lastAdvanced: Int) -> Int {
        var count = 0
        for axis in stride(from: rank - 1, to: lastAdvanced, by: -1) {
            guard case let .basic(positions) = selections[axis], positions.elementsEqual(0..<shape[axis]) else { break }
            count += 1
        }
        return count
    }

    /// Every sum of one element from each list, the first list varying slowest.
    static func sums(of lists: [[Int]]) -> [Int] {
        lists.reduce([0]) { partial, list in partial.flatMap { base in list.map { base + $0 } } }
    }
}
