extension Tensor {
    /// Computes the gradient of this tensor with respect to every tensor it
    /// was computed from that requires one, and adds it to their `gradient`.
    ///
    /// The backward pass records nothing: this is the optimisers' fast path.
    /// For gradients that can be differentiated again, see
    /// `gradients(of:withRespectTo:seed:createGraph:)`.
    ///
    /// - Parameter seed: the gradient of the final quantity with respect to
    ///   this tensor; by default this tensor must hold one number and the
    ///   seed is 1.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(seed: Tensor? = nil) throws {
        try backward(seed: seed, order: topologicalOrder())
    }

    /// `backward()`, returning the trainable tensors it gave a gradient
    /// (`trainableLeaves()`), found in the same walk of the graph; when
    /// there are none it returns them without running the pass.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backwardToTrainableLeaves() throws -> [Tensor] {
        let order = topologicalOrder()
        // Reserved once: `filter` grows its result by reallocating, two or
        // three times for a small network's parameters on every step.
        var leaves: [Tensor] = []
        leaves.reserveCapacity(order.count)
        for node in order where node.isTrainable { leaves.append(node) }
        if !leaves.isEmpty { try backward(seed: nil, order: order) }
        return leaves
    }

    /// The backward pass over `order`, this tensor's `topologicalOrder()`.
    private func backward(seed: Tensor?, order: [Tensor]) throws {
        let start = try startingGradient(seed: seed, operation: "backward")
        // Gradients in flight live on the nodes (`pendingGradient`): per
        // step this saves a dictionary and a set keyed by object identity,
        // which cost more than the arithmetic for small networks.
        defer { for node in order { node.pendingGradient = nil } }
        pendingGradient = start
        try GradientMode.withoutGradients {
            for node in order.reversed() {
                guard let gradient = node.pendingGradient else { continue }
                node.pendingGradient = nil
                guard let record = node.record else {
                    if node.requiresGradient { try node.accumulate(gradient, seed: start) }
                    continue
                }
                try Self.requireRoomForGradients(of: record)
            let parentGradients = try record.backward(gradient)
                for (parent, g) in zip(record.parents, parentGradients) where parent.requiresGradient {
                    guard let g else { continue }
                    parent.pendingGradient = try parent.pendingGradient.map { try $0.adding(g) } ?? g
                }
            }
        }
    }

    /// The gradient of `output` with respect to each of `inputs`, returned
    /// rather than added to their `gradient` (PyTorch's `torch.autograd.grad`).
    ///
    /// The inputs are the points of differentiation even when they were
    /// themselves computed by recorded operations: the pass stops at them.
    /// An input `output` does not depend on gets zeros of its shape.
    ///
    /// - Parameters:
    ///   - seed: the gradient of the final quantity with respect to
    ///     `output`; by default `output` must hold one number and the seed is 1.
    ///   - createGraph: whether to record the backward pass, so that the
    ///     gradients are themselves differentiable functions of the inputs
    ///     (and of anything else that requires a gradient): a gradient of a
    ///     gradient, to any order. Without it nothing is recorded, as in
    ///     `backward()`.
    /// - Throws: `TensorError.higherOrderUnsupported` when `createGraph` is
    ///   set and the pass would go through an operation whose gradient only
    ///   a fused kernel computes; `invalidArgument` when an input does not
    ///   require a gradient (nothing made from it was recorded).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func gradients(
        of output: Tensor, withRespectTo inputs: [Tensor], seed: Tensor? = nil, createGraph: Bool
    ) throws -> [Tensor] {
        for (index, input) in inputs.enumerated() where !input.requiresGradient {
            throw TensorError.invalidArgument(
                operation: "gradients",
                reason: "input \(index + 1) does not require a gradient, so nothing computed from it was recorded; "
                    + "set requiresGradient before computing the output")
        }
        let start = try output.startingGradient(seed: seed, operation: "gradients")
        for input in inputs { input.isDifferentiationPoint = true }
        let order = output.topologicalOrder()
        defer {
            for node in order { node.pendingGradient = nil; node.leadsToDifferentiationPoint = false }
            for input in inputs { input.pendingGradient = nil; input.isDifferentiationPoint = false }
        }
        markNodesLeadingToDifferentiationPoints(order)
        output.pendingGradient = start
        if createGraph {
            try GradientMode.withRecording { try propagateToDifferentiationPoints(order, recording: true) }
        } else {
            try GradientMode.withoutGradients { try propagateToDifferentiationPoints(order, recording: false) }
        }
        return try inputs.map { input in try input.pendingGradient ?? Tensor.zeros(input.shape) }
    }

    /// Checks that the memory budget has room for the gradients a node's
    /// backward function is about to make, one per parent that needs one.
    @inline(__always)
    private static func requireRoomForGradients(of record: GradientRecord<Scalar>) throws {
        var elements = 0
        for parent in record.parents where parent.requiresGradient { elements &+= parent.count }
        try Self.requireRoom(elements: elements, for: "the gradient of '\(record.operation)'")
    }

    /// The gradient a backward pass starts from: `seed`, or 1 for a tensor
    /// holding one number.
    private func startingGradient(seed: Tensor?, operation: String) throws -> Tensor {
        if let seed {
            guard seed.shape == shape else { throw TensorError.shapeMismatch(operation: operation, shape, seed.shape) }
            return seed
        }
        guard count == 1 else {
            throw TensorError.invalidArgument(
                operation: operation, reason: "the tensor has shape \(Shape.describe(shape)); \(operation) needs a single number or a seed")
        }
        return Tensor(uncheckedShape: shape, scalars: [1])
    }

    /// Marks the nodes of `order` (inputs before results) from which a
    /// differentiation point can be reached: only their gradients are
    /// needed, so no other node's backward runs — not even one that could
    /// not run while recording.
    private static func markNodesLeadingToDifferentiationPoints(_ order: [Tensor]) {
        for node in order {
            node.leadsToDifferentiationPoint = node.isDifferentiationPoint
                || (node.record?.parents.contains { $0.leadsToDifferentiationPoint } ?? false)
        }
    }

    /// Runs the backward functions of the marked nodes in reverse order,
    /// leaving each differentiation point's gradient in `pendingGradient`.
    private static func propagateToDifferentiationPoints(_ order: [Tensor], recording: Bool) throws {
        for node in order.reversed() where node.leadsToDifferentiationPoint && !node.isDifferentiationPoint {
            guard let gradient = node.pendingGradient, let record = node.record else { continue }
            node.pendingGradient = nil
            if recording, !record.isDifferentiableTwice {
                throw TensorError.higherOrderUnsupported(operation: record.operation)
            }
            try Self.requireRoomForGradients(of: record)
            let parentGradients = try record.backward(gradient)
            for (parent, g) in zip(record.parents, parentGradients) where parent.leadsToDifferentiationPoint {
                guard let g else { continue }
                parent.pendingGradient = try parent.pendingGradient.map { try $0.adding(g) } ?? g
            }
        }
    }

    /// Adds `g` to the gradient. A first gradient is kept as it is: the
    /// tensors backward functions return are new, or are passed on from
    /// the gradient they were given, and no one changes them in place
    /// (`DenseChain` reuses its gradient tensors only once no one else
    /// holds them). The seed is the caller's own tensor, so it is copied.
    /// A sum that cannot be formed is an error, never a replaced gradient.
    private func accumulate(_ g: Tensor, seed: Tensor) throws {
        if let existing = gradient {
            gradient = try existing.adding(g)
        } else {
            gradient = g === seed ? g.detached() : g
        }
    }

    /// Every recorded tensor this one depends on, inputs before results;
    /// computed without recursion so long graphs cannot overflow the stack.
    /// Marks nodes through `isVisited` and clears the marks before returning.
    /// Does not look past differentiation points (`gradients(of:…)`).
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var stack: [(Tensor, Int)] = [(self, 0)]
        // Room for a small graph up front: growing by doubling from one
        // element costs several allocations per step of a small network.
        order.reserveCapacity(16)
        stack.reserveCapacity(16)
        isVisited = true
        while let (node, next) = stack.popLast() {
            if !node.isDifferentiationPoint, let parents = node.record?.parents, next < parents.count {
                stack.append((node, next + 1))
                let parent = parents[next]
                if parent.requiresGradient, !parent.isVisited {
                    parent.isVisited = true
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        for node in order { node.isVisited = false }
        return order
    }
}
