extension Tensor {
    /// Computes the gradient of this tensor with respect to every tensor it
    /// was computed from that requires one, and adds it to their `gradient`.
    ///
    /// - Parameter seed: the gradient of the final quantity with respect to
    ///   this tensor; by default this tensor must hold one number and the
    ///   seed is 1.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(seed: Tensor? = nil) throws {
        let start: Tensor
        if let seed {
            guard seed.shape == shape else { throw TensorError.shapeMismatch(operation: "backward", shape, seed.shape) }
            start = seed
        } else {
            guard count == 1 else {
                throw TensorError.invalidArgument(
                    operation: "backward", reason: "the tensor has shape \(Shape.describe(shape)); backward needs a single number or a seed")
            }
            start = Tensor(uncheckedShape: shape, scalars: [1])
        }
        // Gradients in flight live on the nodes (`pendingGradient`): per
        // step this saves a dictionary and a set keyed by object identity,
        // which cost more than the arithmetic for small networks.
        let order = topologicalOrder()
        defer { for node in order { node.pendingGradient = nil } }
        pendingGradient = start
        try GradientMode.withoutGradients {
            for node in order.reversed() {
                guard let gradient = node.pendingGradient else { continue }
                node.pendingGradient = nil
                guard let record = node.record else {
                    if node.requiresGradient { node.accumulate(gradient, seed: start) }
                    continue
                }
                let parentGradients = try record.backward(gradient)
                for (parent, g) in zip(record.parents, parentGradients) where parent.requiresGradient {
                    guard let g else { continue }
                    parent.pendingGradient = try parent.pendingGradient.map { try $0.adding(g) } ?? g
                }
            }
        }
    }

    /// Adds `g` to the gradient. A first gradient is kept as it is: the
    /// tensors backward functions return are new, or are passed on from
    /// the gradient they were given, and no one changes them in place
    /// (`DenseChain` reuses its gradient tensors only once no one else
    /// holds them). The seed is the caller's own tensor, so it is copied.
    private func accumulate(_ g: Tensor, seed: Tensor) {
        if let existing = gradient, let sum = try? existing.adding(g) {
            gradient = sum
        } else {
            gradient = g === seed ? g.detached() : g
        }
    }

    /// Every recorded tensor this one depends on, inputs before results;
    /// computed without recursion so long graphs cannot overflow the stack.
    /// Marks nodes through `isVisited` and clears the marks before returning.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var stack: [(Tensor, Int)] = [(self, 0)]
        // Room for a small graph up front: growing by doubling from one
        // element costs several allocations per step of a small network.
        order.reserveCapacity(16)
        stack.reserveCapacity(16)
        isVisited = true
        while let (node, next) = stack.popLast() {
            if let parents = node.record?.parents, next < parents.count {
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
