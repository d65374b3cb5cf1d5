/// Stacks of matrices (NumPy's `[..., m, n]`): a matrix operation applied to
/// each matrix over the last two axes, the results stacked back under the
/// leading axes. Built from recorded slices and stacks, so the gradients are
/// those of the matrix operation.
extension Tensor {
    /// `body`'s outputs for each matrix of this stack (rank > 2), each stacked
    /// under the leading axes.
    func eachMatrix(_ body: (Tensor) throws -> [Tensor]) throws -> [Tensor] {
        let leading = Array(shape.dropLast(2))
        let matrices = try reshaped(to: [try Shape.elementCount(leading)] + shape.suffix(2))
        var outputs: [[Tensor]] = []
        for i in 0..<matrices.shape[0] { outputs.append(try body(matrices.slice([.at(i)]))) }
        guard let first = outputs.first else { return try emptyStackOutputs(leading: leading, body) }
        return try first.indices.map { j in
            try Tensor.stack(outputs.map { $0[j] }).reshaped(to: leading + first[j].shape)
        }
    }

    /// The outputs of an empty stack: empty, with the shapes the outputs of
    /// a well-conditioned matrix (ones on the diagonal) would have.
    private func emptyStackOutputs(leading: [Int], _ body: (Tensor) throws -> [Tensor]) throws -> [Tensor] {
        let (m, n) = (shape[rank - 2], shape[rank - 1])
        let diagonal = try Tensor(shape: [m, n], scalars: (0..<(m * n)).map { $0 / n == $0 % n ? 1 : 0 })
        return try GradientMode.withoutGradients { try body(diagonal) }.map { try Tensor.zeros(leading + $0.shape) }
    }

    /// X with A·X = B for stacks: A [..., n, n] with B [n] (one vector for
    /// every matrix) or [..., n, k], the leading axes broadcasting.
    static func solveStacks(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.rank >= 2 else { return try solve(a, b, operation: "solve") }  // names the shape
        if b.rank == 1 { return try a.eachMatrix { [try solve($0, b, operation: "solve")] }[0] }
        let n = a.shape[a.rank - 1]
        guard a.shape[a.rank - 2] == n, b.rank >= 2, b.shape[b.rank - 2] == n else {
            throw TensorError.shapeMismatch(operation: "solve", a.shape, b.shape)
        }
        guard let batch = try? Shape.broadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), operation: "solve") else {
            throw TensorError.shapeMismatch(operation: "solve", a.shape, b.shape)
        }
        let count = try Shape.elementCount(batch)
        let k = b.shape[b.rank - 1]
        let matrices = try a.broadcasted(toShape: batch + [n, n]).reshaped(to: [count, n, n])
        let columns = try b.broadcasted(toShape: batch + [n, k]).reshaped(to: [count, n, k])
        let solutions = try (0..<count).map { try solve(matrices.slice([.at($0)]), columns.slice([.at($0)]), operation: "solve") }
        guard !solutions.isEmpty else { return try Tensor.zeros(batch + [n, k]) }
        return try stack(solutions).reshaped(to: batch + [n, k])
    }
}
