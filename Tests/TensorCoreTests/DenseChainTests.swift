import Testing
@testable import TensorCore

@Suite("Dense chains")
struct DenseChainTests {
    /// 3 → 5 (ReLU) → 4 (ReLU) → 2, with fixed random parameters.
    static func stages(seed: UInt32 = 3) throws -> [DenseStage<Double>] {
        let widths = [3, 5, 4, 2]
        return try (0..<3).map { index in
            let weight = try sample([widths[index], widths[index + 1]], seed: seed + UInt32(index))
            let bias = try sample([widths[index + 1]], seed: seed + 10 + UInt32(index))
            weight.requiresGradient = true
            bias.requiresGradient = true
            return DenseStage(weight: weight, bias: bias, relu: index < 2)
        }
    }

    /// The same stages as separate `affine` and `affineReLU` operations.
    static func layerByLayer(_ x: T64, _ stages: [DenseStage<Double>]) throws -> T64 {
        try stages.reduce(x) { input, stage in
            try stage.relu ? input.affineReLU(stage.weight, stage.bias) : input.affine(stage.weight, stage.bias)
        }
    }

    /// Each parameter's gradient after `backward()` of the weighted sum of `output`.
    static func gradients(of output: T64, _ stages: [DenseStage<Double>]) throws -> [[Double]] {
        try output.multiplying(sample(output.shape, seed: 77)).sum().backward()
        let parameters = stages.flatMap { [$0.weight, $0.bias] }
        defer { parameters.forEach { $0.zeroGradient() } }
        return parameters.map { $0.gradient?.scalars ?? [] }
    }

    @Test func valuesAndGradientsMatchLayerByLayer() throws {
        let stages = try Self.stages()
        let chain = try DenseChain(stages)
        let x = try sample([7, 3], seed: 5)
        #expect(try chain(x).shape == [7, 2])
        try Self.expectSameAsLayerByLayer(chain, x, stages)
    }

    /// The chain's values, its parameters' gradients and x's gradient are
    /// those of the same layers as separate operations.
    static func expectSameAsLayerByLayer(_ chain: DenseChain<Double>, _ x: T64, _ stages: [DenseStage<Double>]) throws {
        x.requiresGradient = true
        let fused = try chain(x)
        let separate = try layerByLayer(x, stages)
        #expect(fused.scalars == separate.scalars)
        let fusedGradients = try gradients(of: fused, stages)
        let fusedInput = x.gradient?.scalars
        x.zeroGradient()
        #expect(fusedGradients == (try gradients(of: separate, stages)))
        #expect(fusedInput != nil && fusedInput == x.gradient?.scalars)
    }

    /// Stages of the given widths taking gradients, weights from seeds
    /// `seed`, `seed + 1`, …, biases in ±0.2 from `seed + 10`, …; a ReLU
    /// after each stage `relu` accepts.
    static func sampledStages(_ widths: [Int], seed: UInt32, relu: (Int) -> Bool) throws -> [DenseStage<Double>] {
        try (0..<widths.count - 1).map { index in
            let weight = try sample([widths[index], widths[index + 1]], seed: seed + UInt32(index))
            let bias = try sample([widths[index + 1]], seed: seed + 10 + UInt32(index), low: -0.2, high: 0.2)
            weight.requiresGradient = true
            bias.requiresGradient = true
            return DenseStage(weight: weight, bias: bias, relu: relu(index))
        }
    }

    /// Widths the thin-shape kernels take, where the chain's products add
    /// the bias and clamp, and mask the gradient by the ReLU, as they store
    /// (ThinProduct.Epilogue): the same bits as the separate passes of
    /// layer-by-layer operations.
    @Test func thinShapesMatchLayerByLayer() throws {
        let stages = try Self.sampledStages([40, 100, 63, 20, 10], seed: 40, relu: { $0 < 3 })
        try Self.expectSameAsLayerByLayer(DenseChain(stages), sample([300, 40], seed: 6), stages)
    }

    /// A batch of several blocks of the backward pass (the last one
    /// short), with a hidden stage without ReLU and x with and without a
    /// gradient: the same bits as the layers' whole-batch products.
    @Test func backwardByBlocksMatchesLayerByLayer() throws {
        let stages = try Self.sampledStages([40, 70, 33, 17, 10], seed: 60, relu: { $0 != 1 && $0 < 3 })
        let rows = 3 * DenseChain<Double>.backwardBlockRows + 41
        // Blocks are taken on one thread only.
        _ = try Parallelism.withThreads(1) {
            try Self.expectSameAsLayerByLayer(DenseChain(stages), sample([rows, 40], seed: 7), stages)
            let data = try sample([rows, 40], seed: 8)
            let chain = try DenseChain(stages)
            #expect(try Self.gradients(of: chain(data), stages) == (try Self.gradients(of: Self.layerByLayer(data, stages), stages)))
        }
    }

    /// By blocks on one thread, by the whole batch on three: the same bits.
    @Test func backwardByBlocksIsTheSameOnAnyThreadCount() throws {
        let stages = try Self.sampledStages([40, 100, 100, 10], seed: 80, relu: { $0 < 2 })
        let x = try sample([2 * DenseChain<Double>.backwardBlockRows + 100, 40], seed: 9)
        let results = try [1, 3].map { threads in
            try Parallelism.withThreads(threads) { try Self.gradients(of: DenseChain(stages)(x), stages) }.result
        }
        #expect(results[0] == results[1])
    }

    @Test func aGraphStillAliveKeepsItsOwnMemory() throws {
        let stages = try Self.stages()
        let chain = try DenseChain(stages)
        let (first, second) = (try sample([6, 3], seed: 8), try sample([6, 3], seed: 9))
        let early = try chain(first)
        let late = try chain(second)
        #expect(early.scalars == (try Self.layerByLayer(first, stages)).scalars)
        #expect(try Self.gradients(of: early, stages) == (try Self.gradients(of: Self.layerByLayer(first, stages), stages)))
        #expect(try Self.gradients(of: late, stages) == (try Self.gradients(of: Self.layerByLayer(second, stages), stages)))
    }

    @Test func stepsReuseMemoryWithoutChangingResults() throws {
        let stages = try Self.stages()
        let chain = try DenseChain(stages)
        for seed in 20..<25 as Range<UInt32> {
            // Each step's graph is gone before the next: the chain reuses its memory.
            let x = try sample([4 + Int(seed % 3), 3], seed: seed)
            let expected = try Self.gradients(of: Self.layerByLayer(x, stages), stages)
            #expect(try Self.gradients(of: chain(x), stages) == expected)
        }
    }

    @Test func gradientsAddUpUntilZeroed() throws {
        let stages = try Self.stages()
        let chain = try DenseChain(stages)
        let (first, second) = (try sample([5, 3], seed: 11), try sample([5, 3], seed: 12))
        let weights = try sample([5, 2], seed: 13)
        for x in [first, second] { try chain(x).multiplying(weights).sum().backward() }
        let summed = stages[0].weight.gradient?.scalars
        stages.forEach { $0.weight.zeroGradient(); $0.bias.zeroGradient() }
        for x in [first, second] { try Self.layerByLayer(x, stages).multiplying(weights).sum().backward() }
        #expect(summed != nil && summed == stages[0].weight.gradient?.scalars)
    }

    @Test func aGradientHeldByTheCallerKeepsItsValues() throws {
        let stages = try Self.stages()
        let chain = try DenseChain(stages)
        try chain(sample([5, 3], seed: 14)).sum().backward()
        let held = try #require(stages[2].weight.gradient)
        let values = held.scalars
        stages.forEach { $0.weight.zeroGradient(); $0.bias.zeroGradient() }
        try chain(sample([5, 3], seed: 15)).sum().backward()
        #expect(held.scalars == values)
        #expect(stages[2].weight.gradient?.scalars != values)
    }

    @Test func onlySmallStepsKeepTheirMemory() throws {
        let chain = try DenseChain(try Self.stages())
        _ = try chain(sample([6, 3]))
        #expect(chain.retainedActivationCount == 6 * (5 + 4 + 2))
        // Rows × widths (5 + 4 + 2 = 11) past the limit: the step's memory goes with its graph.
        let large = DenseChain<Double>.retainedElements / 11 + 1
        let output = try chain(T64.zeros([large, 3]))
        #expect(output.shape == [large, 2])
        #expect(chain.retainedActivationCount == 6 * (5 + 4 + 2))
    }

    @Test func stagesThatDoNotFitAreRejected() throws {
        let stages = try Self.stages()
        #expect(throws: TensorError.self) { try DenseChain([stages[0], stages[2]]) }
        #expect(throws: TensorError.self) { try DenseChain<Double>([]) }
        let chain = try DenseChain(stages)
        #expect(throws: TensorError.self) { try chain(sample([2, 4])) }
    }
}
