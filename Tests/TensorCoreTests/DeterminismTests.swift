import Testing
@testable import TensorCore

/// Results are bit-identical on 1, 2 and 3 threads: the engine cuts work by
/// the shape alone, and threads only share out the blocks. Each case checks
/// that its work really was cut, so a pass cannot come from never splitting.
/// The thread count is set for the test's own thread (`withThreads`), so
/// tests running beside it keep theirs.
@Suite("Thread-count determinism")
struct DeterminismTests {
    @Test func tallProductAndItsGradients() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            try productAndGradients(m: 1000, k: 300, n: 200, generator: &generator)
        }
    }

    @Test func wideProductAndItsGradients() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            try productAndGradients(m: 150, k: 300, n: 1000, generator: &generator)
        }
    }

    /// Both operands through BLAS's transpose flags (the gradients above
    /// use one flag at a time).
    @Test func transposedOperands() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let a = try Tensor<Float>.uniform([400, 700], generator: &generator)
            let b = try Tensor<Float>.uniform([300, 400], generator: &generator)
            let tall = try Tensor<Float>.product(a.scalars, transposed: true, b.scalars, transposed: true, m: 700, n: 300, k: 400)
            let wide = try Tensor<Float>.product(b.scalars, transposed: true, a.scalars, transposed: true, m: 400, n: 400, k: 300)
            return [widened(tall), widened(wide)]
        }
    }

    /// A batch's convolution is one product (all samples' patches side by
    /// side), cut by its shape like any other.
    @Test func convolutionForwardAndBackward() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Float>.uniform([256, 2, 5, 8], generator: &generator) - 0.5
            let w = try Tensor<Float>.uniform([32, 2, 3, 3], generator: &generator) - 0.5
            let signal = try Tensor<Float>.uniform([256, 4, 40], generator: &generator) - 0.5
            let w1 = try Tensor<Float>.uniform([16, 4, 5], generator: &generator) - 0.5
            for tensor in [x, w, signal, w1] { tensor.requiresGradient = true }
            let y = try x.convolved2D(with: w, padding: 1, dilation: SpatialPair(1, 2))
            let z = try signal.convolved1D(with: w1, padding: 2)
            try y.backward(seed: try Tensor<Float>.uniform(y.shape, generator: &generator))
            try z.backward(seed: try Tensor<Float>.uniform(z.shape, generator: &generator))
            return [widened(y.scalars), widened(z.scalars)] + gradients(of: [x, w, signal, w1])
        }
    }

    @Test func denseLayerForwardAndBackward() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Float>.uniform([1000, 300], generator: &generator) - 0.5
            let w = try Tensor<Float>.uniform([300, 200], generator: &generator) - 0.5
            let b = try Tensor<Float>.uniform([200], generator: &generator) - 0.5
            for tensor in [x, w, b] { tensor.requiresGradient = true }
            let y = try x.affineReLU(w, b)
            let z = try y.matmul(w.transposed())
            try z.backward(seed: try Tensor<Float>.uniform(z.shape, generator: &generator))
            return [widened(y.scalars), widened(z.scalars)] + gradients(of: [x, w, b])
        }
    }

    @Test func denseChainForwardAndBackward() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Float>.uniform([2000, 64], generator: &generator) - 0.5
            let stages = try [(64, 256, true), (256, 128, true), (128, 10, false)].map { inputs, outputs, relu in
                let weight = try Tensor<Float>.uniform([inputs, outputs], generator: &generator) - 0.5
                let bias = try Tensor<Float>.uniform([outputs], generator: &generator) - 0.5
                for tensor in [weight, bias] { tensor.requiresGradient = true }
                return DenseStage(weight: weight, bias: bias, relu: relu)
            }
            x.requiresGradient = true
            let y = try DenseChain(stages)(x)
            try y.backward(seed: try Tensor<Float>.uniform(y.shape, generator: &generator))
            return [widened(y.scalars)] + gradients(of: [x] + stages.flatMap { [$0.weight, $0.bias] })
        }
    }

    /// Double goes through `dgemm`, whose kernels differ from `sgemm`'s.
    @Test func doubleProduct() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let a = try Tensor<Double>.uniform([600, 300], generator: &generator)
            let b = try Tensor<Double>.uniform([300, 500], generator: &generator)
            return [try a.matmul(b).scalars]
        }
    }

    /// x @ w, then the gradients of x and w for a random seed.
    private func productAndGradients(m: Int, k: Int, n: Int, generator: inout RandomGenerator) throws -> [[Double]] {
        let x = try Tensor<Float>.uniform([m, k], generator: &generator)
        let w = try Tensor<Float>.uniform([k, n], generator: &generator)
        for tensor in [x, w] { tensor.requiresGradient = true }
        let z = try x.matmul(w)
        try z.backward(seed: try Tensor<Float>.uniform(z.shape, generator: &generator))
        return [widened(z.scalars)] + gradients(of: [x, w])
    }

    private func gradients(of tensors: [Tensor<Float>]) -> [[Double]] {
        tensors.map { widened($0.gradient?.scalars ?? []) }
    }
}

/// Float results as Doubles (exactly, bit for bit distinct), so that one
/// comparison serves both element types.
func widened(_ values: [Float]) -> [Double] {
    values.map(Double.init)
}

/// Runs `compute` (fresh operands from the same seed each time) on 1, 2 and
/// 3 threads; expects some work to have been cut into several blocks, the
/// same plans each time and the same bits in every result.
func expectSameBitsOnAnyThreadCount(
    _ compute: (inout RandomGenerator) throws -> [[Double]], sourceLocation: SourceLocation = #_sourceLocation
) throws {
    func run(threads: Int) throws -> (results: [[Double]], splits: [BlockPlan]) {
        var generator = RandomGenerator(seed: 7)
        let (results, splits) = try Parallelism.withThreads(threads) { try compute(&generator) }
        return (results, splits.sorted { ($0.count, $0.blocks) < ($1.count, $1.blocks) })
    }
    let one = try run(threads: 1)
    #expect(!one.splits.isEmpty, "no work was cut into blocks: nothing was compared", sourceLocation: sourceLocation)
    for threads in [2, 3] {
        let other = try run(threads: threads)
        #expect(other.splits == one.splits, "the blocks differ on \(threads) threads", sourceLocation: sourceLocation)
        for (index, (expected, actual)) in zip(one.results, other.results).enumerated() {
            if let difference = BitDifference(expected, actual) {
                Issue.record("result \(index) on \(threads) threads against 1: \(difference)", sourceLocation: sourceLocation)
            }
        }
    }
}

/// How two arrays differ bit for bit, in a line: the count of differing
/// elements and the first of them — never the arrays themselves.
struct BitDifference: CustomStringConvertible {
    let differing: Int
    let firstIndex: Int
    let first: (expected: Double, actual: Double)?
    let counts: (expected: Int, actual: Int)

    /// Nil when both hold the same bits.
    init?(_ expected: [Double], _ actual: [Double]) {
        let indices = (0..<min(expected.count, actual.count)).filter { expected[$0].bitPattern != actual[$0].bitPattern }
        guard !indices.isEmpty || expected.count != actual.count else { return nil }
        differing = indices.count
        firstIndex = indices.first ?? min(expected.count, actual.count)
        first = indices.first.map { (expected[$0], actual[$0]) }
        counts = (expected.count, actual.count)
    }

    var description: String {
        let sizes = counts.expected == counts.actual ? "" : "sizes \(counts.expected) and \(counts.actual); "
        guard let first else { return sizes + "no element differs before the end of the shorter" }
        return sizes + "\(differing) elements differ, the first at index \(firstIndex): "
            + "\(first.expected) (0x\(String(first.expected.bitPattern, radix: 16))) against "
            + "\(first.actual) (0x\(String(first.actual.bitPattern, radix: 16)))"
    }
}
