/// The backward pass by blocks of rows.
///
/// Each stage's weight gradient xᵀ·G and input gradient G·Wᵀ read the
/// same two matrices, the stage's input x and the gradient G at its output,
/// which for a full batch are megabytes. Going down the stages one block of
/// rows at a time, a block's G and x are read from the cache by both
/// products, and the input gradient it makes, the next stage's G, is still
/// there when that stage reads it. In alternating depth epochs (4000 rows,
/// one thread) this took 2–4 % off the four networks together and up to a
/// fifth off 40-298-10, whose 4000 × 298 gradient no longer goes to L3.
///
/// The bits are those of the whole-batch pass: the thin-shape kernels
/// continue each weight gradient element's chain of multiply-adds, and each
/// bias gradient's sum, from one block to the next, in the order of the
/// rows. So this runs only when every product goes to those kernels.
extension DenseChain {
    /// Rows per block: a block's x and G for a stage of 100 inputs and
    /// outputs take 200 KiB, well inside a core's L2.
    static var backwardBlockRows: Int { 256 }

    /// The gradients as `gradients` makes them, by blocks of rows; nil
    /// (nothing written) on several threads, when some product would not go
    /// to the thin-shape kernels, a parameter takes no gradient, or the
    /// batch is one block.
    func blockedGradients(
        _ g: [Scalar], x: Tensor<Scalar>, rows m: Int, _ workspace: Workspace
    ) throws -> (input: Tensor<Scalar>?, parameters: [Tensor<Scalar>?])? {
        guard m > Self.backwardBlockRows, goesByBlocks(rows: m, x: x) else { return nil }
        let gradients = try parameterGradients(workspace)
        var inputGradient: [Scalar] = []
        try withBlockMemory(workspace) { memory in
            try ScalarBuffer.overwrite(&inputGradient, count: x.requiresGradient ? x.count : 0) { inputGradient in
                try g.withUnsafeBufferPointer { g in
                    guard let g = g.baseAddress else { return }
                    for first in stride(from: 0, to: m, by: Self.backwardBlockRows) {
                        let rows = first..<Swift.min(first + Self.backwardBlockRows, m)
                        for index in stages.indices.reversed() {
                            let (k, n) = (stages[index].weight.shape[0], stages[index].weight.shape[1])
                            let slope = index == stages.count - 1 ? g + first * n : UnsafePointer(memory.slopes(atInputOf: index + 1))
                            let into = index > 0 ? memory.slopes(atInputOf: index) : inputGradient.map { $0 + first * k }
                            try backward(stage: index, rows: rows, slope: slope, x: x, workspace, into: into,
                                         transposedWeight: memory.transposedWeight(index),
                                         gradients: (gradients.weights[index], gradients.biases[index]))
                        }
                    }
                }
            }
        }
        for index in stages.indices {
            workspace.gradients[2 * index] = gradients.weights[index]
            workspace.gradients[2 * index + 1] = gradients.biases[index]
        }
        let input = x.requiresGradient ? Tensor(uncheckedShape: x.shape, scalars: inputGradient) : nil
        return (input, workspace.gradients)
    }

    /// The blocked pass's scratch memory, kept in the workspace between steps.
    struct BlockMemory {
        /// Two halves: a block's gradient at the input of an even stage, and of an odd one.
        let slopes: UnsafeMutablePointer<Scalar>, half: Int
        /// Each stage's weight transposed, one after another from `offsets`.
        let transposed: UnsafePointer<Scalar>, offsets: [Int]

        func slopes(atInputOf stage: Int) -> UnsafeMutablePointer<Scalar> { slopes + stage % 2 * half }
        func transposedWeight(_ stage: Int) -> UnsafePointer<Scalar> { transposed + offsets[stage] }
    }

    /// `body` with the scratch memory, each weight transposed into it:
    /// each block's G·Wᵀ reads Wᵀ as stored, since packing it from W for
    /// every block cost more than the blocks saved.
    private func withBlockMemory(_ workspace: Workspace, _ body: (BlockMemory) throws -> Void) throws {
        var (slopes, transposed) = (workspace.blockSlopes, workspace.transposedWeights)
        (workspace.blockSlopes, workspace.transposedWeights) = ([], [])
        defer { (workspace.blockSlopes, workspace.transposedWeights) = (slopes, transposed) }
        let half = Self.backwardBlockRows * stages.dropFirst().reduce(0) { Swift.max($0, $1.weight.shape[0]) }
        let offsets = stages.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.weight.count) }
        try ScalarBuffer.overwrite(&transposed, count: offsets[stages.count]) { transposed in
            guard let transposed else { return }
            for (index, stage) in stages.enumerated() { transpose(stage.weight, into: transposed + offsets[index]) }
        }
        try ScalarBuffer.overwrite(&slopes, count: 2 * half) { slopes in
            try transposed.withUnsafeBufferPointer { transposed in
                guard let slopes, let transposed = transposed.baseAddress else { return }
                try body(BlockMemory(slopes: slopes, half: half, transposed: transposed, offsets: offsets))
            }
        }
    }

    /// Whether the engine runs on one thread, every product of the backward
    /// pass, for blocks of rows and for the whole batch, goes to the
    /// thin-shape kernels, and every parameter takes a gradient. On more
    /// threads the whole-batch pass runs the two products of a stage side
    /// by side; cut into blocks, each product was too small to share (the
    /// harness's 2-thread depth epochs got 10–40 % slower).
    private func goesByBlocks(rows m: Int, x: Tensor<Scalar>) -> Bool {
        // A last stage with a ReLU would need a masking pass of its own.
        guard Parallelism.threads == 1, let last = stages.last, !last.relu else { return false }
        let block = Self.backwardBlockRows
        let lastBlock = m % block == 0 ? block : m % block
        return stages.indices.allSatisfy { index in
            let stage = stages[index]
            let (k, n) = (stage.weight.shape[0], stage.weight.shape[1])
            guard stage.weight.requiresGradient, stage.bias.requiresGradient else { return false }
            return [block, lastBlock, m].allSatisfy { rows in
                Tensor<Scalar>.takesFused(transposeA: true, transposeB: false, m: k, n: n, k: rows, sums: true)
                    && (index == 0 && !x.requiresGradient
                        || Tensor<Scalar>.takesFused(transposeA: false, transposeB: false, m: rows, n: k, k: n)
                            && Tensor<Scalar>.takesFused(transposeA: false, transposeB: true, m: rows, n: k, k: n))
            }
        }
    }

    /// Each stage's weight and bias gradient tensors, sized, the bias sums
    /// zeroed (the first block overwrites the weight gradients).
    private func parameterGradients(_ workspace: Workspace) throws -> (weights: [Tensor<Scalar>], biases: [Tensor<Scalar>]) {
        var weights: [Tensor<Scalar>] = [], biases: [Tensor<Scalar>] = []
        for (index, stage) in stages.enumerated() {
            let weight = workspace.parameterGradient(2 * index, shape: stage.weight.shape)
            let bias = workspace.parameterGradient(2 * index + 1, shape: stage.bias.shape)
            try ScalarBuffer.overwrite(&weight.scalars, count: stage.weight.count) { _ in }
            try ScalarBuffer.overwrite(&bias.scalars, count: stage.bias.count) { $0?.update(repeating: 0, count: stage.bias.count) }
            weights.append(weight)
            biases.append(bias)
        }
        return (weights, biases)
    }

    /// One stage's share of one block of rows, from the block's gradient at
    /// its output (`slope`, rows × n): xᵀ·G added into the weight gradient
    /// and G's column sums into the bias gradient, then G·Wᵀ, masked by the
    /// ReLU that made x, `into` the block's gradient at its input.
    private func backward(
        stage index: Int, rows: Range<Int>, slope: UnsafePointer<Scalar>, x: Tensor<Scalar>, _ workspace: Workspace,
        into: UnsafeMutablePointer<Scalar>?, transposedWeight: UnsafePointer<Scalar>,
        gradients: (weight: Tensor<Scalar>, bias: Tensor<Scalar>)
    ) throws {
        let stage = stages[index]
        let (k, n) = (stage.weight.shape[0], stage.weight.shape[1])
        let gated = index > 0 && stages[index - 1].relu
        let input = index > 0 ? workspace.outputs[index - 1] : x.scalars
        var taken = true
        try input.withUnsafeBufferPointer { input in
            guard let input = input.baseAddress.map({ $0 + rows.lowerBound * k }) else { return }
            try gradients.weight.scalars.withUnsafeMutableBufferPointer { dw in
                try gradients.bias.scalars.withUnsafeMutableBufferPointer { db in
                    guard let dw = dw.baseAddress, let db = db.baseAddress else { return }
                    taken = try Tensor.fusedGemm(
                        transposeA: true, transposeB: false, m: k, n: n, k: rows.count, a: input, lda: k, b: slope, ldb: n,
                        accumulate: rows.lowerBound > 0, c: dw, ldc: n, epilogue: nil, bColumnSums: db)
                }
            }
            guard taken, let into else { return }
            taken = try Tensor.fusedGemm(
                transposeA: false, transposeB: false, m: rows.count, n: k, k: n, a: slope, lda: n, b: transposedWeight,
                ldb: k, c: into, ldc: k, epilogue: gated ? .reluGate(gate: input, ld: k) : nil)
        }
        // `goesByBlocks` checked every shape against the same rule.
        guard taken else {
            throw TensorError.invalidArgument(operation: "backward", reason: "a dense layer's product left the thin-shape kernels mid-pass")
        }
    }

    /// `weight` [k, n] transposed into `out` [n, k].
    private func transpose(_ weight: Tensor<Scalar>, into out: UnsafeMutablePointer<Scalar>) {
        let (k, n) = (weight.shape[0], weight.shape[1])
        weight.scalars.withUnsafeBufferPointer { w in
            for row in 0..<k {
                for column in 0..<n { out[column * k + row] = w[row * n + column] }
            }
        }
    }
}
