extension Tensor {
    /// The elements selected by `indices` under NumPy's rules, tensors of
    /// positions and masks included (`m[:, [0, 2]]`, `p[y, arange(n)]`,
    /// `x[x > 0]`). A subscript of basic entries only is `slice`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func indexed(_ indices: [AdvancedIndex]) throws -> Tensor {
        if let basic = Self.basicIndices(indices) { return try slice(basic) }
        let plan = try indexPlan(indices)
        let width = plan.blockWidth
        var values = [Scalar]()
        values.reserveCapacity(plan.blockOffsets.count &* width)
        for start in plan.blockOffsets { values.append(contentsOf: scalars[start..<(start + width)]) }
        return .result(shape: plan.shape, scalars: values, parents: [self], operation: "index", isDifferentiableTwice: true) {
            [shape, count] g in
            if GradientMode.isRecording { return [try g.scattered(toOffsets: plan.elementOffsets, shape: shape)] }
            // Positions may repeat: their gradients add up (scatter-add).
            var spread = [Scalar](repeating: 0, count: count)
            for (block, start) in plan.blockOffsets.enumerated() {
                for j in 0..<width { spread[start + j] += g.scalars[block * width + j] }
            }
            return [Tensor(uncheckedShape: shape, scalars: spread)]
        }
    }

    /// A copy with the elements selected by `indices` (as in `indexed`)
    /// replaced by `value`, broadcast to the selection's shape. Where positions
    /// repeat, the last write wins (as in NumPy), and only it gets a gradient.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func replacing(_ indices: [AdvancedIndex], with value: Tensor) throws -> Tensor {
        if let basic = Self.basicIndices(indices) { return try replacing(basic, with: value) }
        let plan = try indexPlan(indices)
        let filled = try value.broadcastValues(to: plan.shape)
        try Self.requireRoom(elements: count, for: "index assignment")
        var values = scalars
        let width = plan.blockWidth
        for (block, start) in plan.blockOffsets.enumerated() {
            values.replaceSubrange(start..<(start + width), with: filled[(block * width)..<((block + 1) * width)])
        }
        let written = Self.lastWrites(plan.blockOffsets)
        return .result(shape: shape, scalars: values, parents: [self, value], operation: "index assignment", isDifferentiableTwice: true) {
            g in [try g.keepingUnwritten(plan), try g.pickingWritten(written, plan).reduced(toShape: value.shape)]
        }
    }

    /// The basic indices, when `indices` has no advanced entry.
    private static func basicIndices(_ indices: [AdvancedIndex]) -> [TensorIndex]? {
        var basic: [TensorIndex] = []
        for index in indices {
            guard case let .basic(entry) = index else { return nil }
            basic.append(entry)
        }
        return basic
    }

    /// This tensor's elements broadcast to `target`, which must be the shape
    /// they broadcast to (a value assigned to a selection cannot widen it).
    private func broadcastValues(to target: [Int]) throws -> [Scalar] {
        try Self.requireRoom(elements: try Shape.elementCount(target) &* 2, for: "index assignment")
        let zeros = [Scalar](repeating: 0, count: try Shape.elementCount(target))
        let (fitted, filled) = try Broadcasting.apply(zeros, target, scalars, shape, operation: "index assignment") { $1 }
        guard fitted == target else { throw TensorError.shapeMismatch(operation: "index assignment", target, shape) }
        return filled
    }

    /// `offsets` with each one that a later block writes again replaced by -1.
    private static func lastWrites(_ offsets: [Int]) -> [Int] {
        var seen = Set<Int>()
        var result = offsets
        for i in offsets.indices.reversed() where !seen.insert(offsets[i]).inserted { result[i] = -1 }
        return result
    }

    /// This gradient with the plan's selection zeroed: what flows to the
    /// tensor assigned into.
    private func keepingUnwritten(_ plan: IndexPlan) throws -> Tensor {
        var kept = [Scalar](repeating: 1, count: count)
        for start in plan.blockOffsets { for j in 0..<plan.blockWidth { kept[start + j] = 0 } }
        if GradientMode.isRecording { return try multiplying(Tensor(uncheckedShape: shape, scalars: kept)) }
        return Tensor(uncheckedShape: shape, scalars: zip(scalars, kept).map { $1 == 0 ? 0 : $0 })
    }

    /// This gradient at the blocks that were written last (0 at overwritten
    /// ones), in the selection's shape: what flows to the assigned value.
    private func pickingWritten(_ written: [Int], _ plan: IndexPlan) throws -> Tensor {
        let width = plan.blockWidth
        if GradientMode.isRecording {
            let offsets = written.flatMap { start in start < 0 ? Array(repeating: -1, count: width) : Array(start..<(start + width)) }
            return try gathered(atOffsets: offsets, shape: plan.shape)
        }
        var picked = [Scalar](repeating: 0, count: written.count * width)
        for (block, start) in written.enumerated() where start >= 0 {
            for j in 0..<width { picked[block * width + j] = scalars[start + j] }
        }
        return Tensor(uncheckedShape: plan.shape, scalars: picked)
    }
}
