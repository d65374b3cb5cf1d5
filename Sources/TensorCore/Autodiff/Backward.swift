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
        try GradientMode.withoutGradients {
            var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): start]
            for node in topologicalOrder().reversed() {
                guard let gradient = gradients.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                guard let record = node.record else {
                    if node.requiresGradient { node.accumulate(gradient) }
                    continue
                }
                let parentGradients = try record.backward(gradient)
                for (parent, g) in zip(record.parents, parentGradients) where parent.requiresGradient {
                    guard let g else { continue }
                    let key = ObjectIdentifier(parent)
                    gradients[key] = try gradients[key].map { try $0.adding(g) } ?? g
                }
            }
        }
    }

    private func accumulate(_ g: Tensor) {
        if let existing = gradient, let sum = try? existing.adding(g) {
            gradient = sum
        } else {
            gradient = g.detached()
        }
    }

    /// Every recorded tensor this one depends on, inputs before results;
    /// computed without recursion so long graphs cannot overflow the stack.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var stack: [(Tensor, Int)] = [(self, 0)]
        while let (node, next) = stack.popLast() {
            let parents = node.record?.parents ?? []
            if next < parents.count {
                stack.append((node, next + 1))
                let parent = parents[next]
                if parent.requiresGradient, visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
