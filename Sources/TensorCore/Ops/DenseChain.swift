/// One layer of a dense chain: y = x @ weight + bias, clamped at 0 when
/// `relu` is set.
public struct DenseStage<Scalar: TensorScalar> {
    public let weight: Tensor<Scalar>
    public let bias: Tensor<Scalar>
    public let relu: Bool

    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>, relu: Bool) {
        self.weight = weight
        self.bias = bias
        self.relu = relu
    }
}

/// Dense layers applied one after another to a batch x [N, in], recorded as
/// one operation.
///
/// The arithmetic is that of `affine` and `affineReLU` layer by layer, in
/// the same order, so the values are the same; what goes is the bookkeeping
/// in between, which for the lecture's small networks costs more than the
/// arithmetic. For the same reason the chain keeps its working memory from
/// one step to the next: hidden activations, masked slopes and the
/// parameters' gradient tensors are overwritten in place once the previous
/// step's graph is gone. A graph still alive keeps its own memory, and the
/// next step takes new memory instead.
///
/// The weights and biases must stay the same tensor objects (layers assign
/// new values into them).
public final class DenseChain<Scalar: TensorScalar> {
    public let stages: [DenseStage<Scalar>]
    /// Each stage's weight and bias: the recorded operation's parents (after
    /// x, when x takes a gradient too).
    private let parameters: [Tensor<Scalar>]
    /// The stages' output widths added up: activations per sample.
    private let activationWidth: Int
    /// The latest small step's memory, reused when no graph holds it any more.
    private var latest: Workspace

    /// One step's working memory, by stage.
    final class Workspace {
        /// Each stage's output [N, out] (the last one belongs to the result).
        var outputs: [[Scalar]]
        /// The gradient at each stage's output, masked by its ReLU.
        var masked: [[Scalar]]
        /// The gradient at each stage's input [N, in].
        var inputGradients: [[Scalar]]
        /// The gradient tensors handed out for each weight and bias.
        var parameterGradients: [Tensor<Scalar>?]
        /// The parameters' gradients as handed to `backward()`.
        var gradients: [Tensor<Scalar>?]
        /// The result's shape, kept while N stays the same.
        var outputShape: [Int] = []
        /// A block's gradients between stages when the backward pass goes
        /// by blocks of rows (`blockedGradients`): two halves, for even and
        /// odd stages.
        var blockSlopes: [Scalar] = []
        /// Each stage's weight transposed, for the blocks' input gradients.
        var transposedWeights: [Scalar] = []

        init(stages: Int) {
            outputs = Array(repeating: [], count: stages)
            masked = Array(repeating: [], count: stages)
            inputGradients = Array(repeating: [], count: stages)
            parameterGradients = Array(repeating: nil, count: 2 * stages)
            gradients = Array(repeating: nil, count: 2 * stages)
        }

        /// The tensor for the gradient of parameter `slot`: last step's, when
        /// nothing outside the workspace holds it any more.
        func parameterGradient(_ slot: Int, shape: [Int]) -> Tensor<Scalar> {
            if isKnownUniquelyReferenced(&parameterGradients[slot]), let tensor = parameterGradients[slot] { return tensor }
            let tensor = Tensor<Scalar>(uncheckedShape: shape, scalars: [])
            parameterGradients[slot] = tensor
            return tensor
        }
    }

    /// The chain of `stages`, after checking that each weight is a matrix
    /// taking the outputs of the stage before and each bias fits its weight.
    public init(_ stages: [DenseStage<Scalar>]) throws {
        var width: Int?
        for stage in stages {
            let (weight, bias) = (stage.weight.shape, stage.bias.shape)
            guard weight.count == 2, width.map({ $0 == weight[0] }) ?? true else {
                throw TensorError.shapeMismatch(operation: "@", [width ?? 0], weight)
            }
            guard bias == [weight[1]] else { throw TensorError.shapeMismatch(operation: "+", [weight[1]], bias) }
            width = weight[1]
        }
        guard width != nil else { throw TensorError.invalidArgument(operation: "dense chain", reason: "it has no stages") }
        self.stages = stages
        parameters = stages.flatMap { [$0.weight, $0.bias] }
        activationWidth = stages.reduce(0) { $0 + $1.weight.shape[1] }
        latest = Workspace(stages: stages.count)
    }

    /// The number of inputs per sample.
    public var inputWidth: Int { stages[0].weight.shape[0] }

    /// The chain applied to x [N, inputWidth].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: Tensor<Scalar>) throws -> Tensor<Scalar> {
        guard x.rank == 2, x.shape[1] == inputWidth else {
            throw TensorError.shapeMismatch(operation: "@", x.shape, stages[0].weight.shape)
        }
        let m = x.shape[0]
        let workspace = workspace(rows: m)
        let last = stages.count - 1
        for (index, stage) in stages.enumerated() {
            let (k, n) = (stage.weight.shape[0], stage.weight.shape[1])
            let input = index == 0 ? x.scalars : workspace.outputs[index - 1]
            // The result gets memory of its own: it may outlive the step.
            if index == last { workspace.outputs[index] = [] }
            try ScalarBuffer.overwrite(&workspace.outputs[index], count: try Tensor<Scalar>.resultCount([m, n], for: "dense layer")) { y in
                guard let y else { return }
                try Tensor.affineValues(input, stage.weight.scalars, stage.bias.scalars, m: m, k: k, n: n, relu: stage.relu, into: y)
            }
        }
        if workspace.outputShape.first != m { workspace.outputShape = [m, stages[last].weight.shape[1]] }
        // Data (x without a gradient) is no parent: the parents are then the
        // chain's own array, and nothing but the graph holds on to x.
        let parents = x.requiresGradient ? [x] + parameters : parameters
        // First order only: the backward pass runs fused kernels on raw
        // numbers (and reuses their memory between steps).
        return .result(
            shape: workspace.outputShape, scalars: workspace.outputs[last], parents: parents,
            operation: "a network's dense layers (one fused operation)", isDifferentiableTwice: false
        ) { [self] g in
            let gradients = try gradients(g.scalars, x: x, rows: m, workspace)
            return x.requiresGradient ? [gradients.input] + gradients.parameters : gradients.parameters
        }
    }

    /// The most activations (rows × the stages' widths) whose memory the
    /// chain keeps between steps: beyond it, allocating costs little beside
    /// the arithmetic, and a trained network should not hold a large batch's
    /// buffers for the rest of the session.
    static var retainedElements: Int { 1 << 20 }

    /// Last step's memory when it is free and small enough to keep; a new
    /// workspace otherwise (kept only by the graph when large).
    private func workspace(rows m: Int) -> Workspace {
        let (elements, overflow) = m.multipliedReportingOverflow(by: activationWidth)
        guard !overflow, elements <= Self.retainedElements else { return Workspace(stages: stages.count) }
        if !isKnownUniquelyReferenced(&latest) { latest = Workspace(stages: stages.count) }
        return latest
    }

    /// The elements of activation memory kept for the next step (tests).
    var retainedActivationCount: Int { latest.outputs.reduce(0) { $0 + $1.count } }

    /// The gradients for x (when it takes one) and for each stage's weight
    /// and bias, from the gradient g of the chain's output.
    private func gradients(
        _ g: [Scalar], x: Tensor<Scalar>, rows m: Int, _ workspace: Workspace
    ) throws -> (input: Tensor<Scalar>?, parameters: [Tensor<Scalar>?]) {
        // Last step's list, emptied first: the tensors it held are free
        // again once `backward()` has let go of the list.
        for slot in workspace.gradients.indices { workspace.gradients[slot] = nil }
        if let blocked = try blockedGradients(g, x: x, rows: m, workspace) { return blocked }
        var slope = g
        // Whether `slope` is already masked by this stage's ReLU (the
        // product that made it applied the mask as it stored).
        var masked = false
        for index in stages.indices.reversed() {
            let stage = stages[index]
            let (k, n) = (stage.weight.shape[0], stage.weight.shape[1])
            if stage.relu && !masked {
                try ScalarBuffer.overwrite(&workspace.masked[index], count: m * n) { masked in
                    if let masked { try Tensor.reluMask(workspace.outputs[index], slope, m: m, n: n, into: masked) }
                }
                slope = workspace.masked[index]
            }
            let input = index > 0 ? workspace.outputs[index - 1] : x.scalars
            let needsInput = index > 0 || x.requiresGradient
            let weightGradient = stage.weight.requiresGradient ? workspace.parameterGradient(2 * index, shape: stage.weight.shape) : nil
            let gate = index > 0 && stages[index - 1].relu ? workspace.outputs[index - 1] : nil
            let biasGradient = stage.bias.requiresGradient ? workspace.parameterGradient(2 * index + 1, shape: stage.bias.shape) : nil
            let done = try Self.productGradients(x: input, stage.weight.scalars, slope, m: m, k: k, n: n,
                                                 dx: &workspace.inputGradients[index], needsInput: needsInput,
                                                 dw: weightGradient, gate: gate, db: biasGradient)
            masked = done.gated
            workspace.gradients[2 * index] = weightGradient
            if let biasGradient {
                if !done.summed {
                    try ScalarBuffer.overwrite(&biasGradient.scalars, count: n) { sums in
                        if let sums { try Tensor.columnSums(slope, rows: m, columns: n, into: sums) }
                    }
                }
                workspace.gradients[2 * index + 1] = biasGradient
            }
            guard needsInput else { break }
            slope = workspace.inputGradients[index]
        }
        let input = x.requiresGradient ? Tensor(uncheckedShape: x.shape, scalars: slope) : nil
        return (input, workspace.gradients)
    }

    /// g·wᵀ into `dx` when `needsInput` (masked by `gate` > 0 when the
    /// result says so), xᵀ·g into `dw` when given, and g's column sums into
    /// `db` when given and the result says so.
    private static func productGradients(
        x: [Scalar], _ w: [Scalar], _ g: [Scalar], m: Int, k: Int, n: Int,
        dx: inout [Scalar], needsInput: Bool, dw: Tensor<Scalar>?, gate: [Scalar]?, db: Tensor<Scalar>?
    ) throws -> (gated: Bool, summed: Bool) {
        var done = (gated: false, summed: false)
        try ScalarBuffer.overwrite(&dx, count: needsInput ? m * k : 0) { dx in
            guard let dw else {
                done = try Tensor.productGradients(x: x, w, g, m: m, k: k, n: n, dx: dx, dw: nil, gate: gate)
                return
            }
            try ScalarBuffer.overwrite(&dw.scalars, count: k * n) { dw in
                guard let db else {
                    done = try Tensor.productGradients(x: x, w, g, m: m, k: k, n: n, dx: dx, dw: dw, gate: gate)
                    return
                }
                try ScalarBuffer.overwrite(&db.scalars, count: n) { sums in
                    done = try Tensor.productGradients(x: x, w, g, m: m, k: k, n: n, dx: dx, dw: dw, gate: gate, db: sums)
                }
            }
        }
        return (done.gated && needsInput, done.summed)
    }
}
