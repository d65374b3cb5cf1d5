import Testing
import NeuralNet
@testable import TensorCore

/// Cross-entropy works by blocks of rows when large; its loss and gradient
/// have the same bits on 1, 2 and 3 threads. The thread count is set for
/// this test's thread only (`withThreads`).
@Suite("Cross-entropy on any thread count")
struct CrossEntropyThreadTests {
    @Test func lossAndGradientAreBitIdentical() throws {
        func run(threads: Int) throws -> (bits: [UInt32], splits: Int) {
            var generator = RandomGenerator(seed: 11)
            let logits = try Tensor<Float>.normal([20000, 10], generator: &generator)
            let labels = try Tensor<Float>(shape: [20000], scalars: (0..<20000).map { Float($0 % 10) })
            logits.requiresGradient = true
            let (loss, splits) = try Parallelism.withThreads(threads) {
                let loss = try Losses.crossEntropy(logits: logits, targets: labels)
                try loss.backward()
                return loss
            }
            let values = loss.scalars + (logits.gradient?.scalars ?? [])
            return (values.map(\.bitPattern), splits.count)
        }
        let one = try run(threads: 1)
        #expect(one.splits > 0, "the pass was not cut into blocks: nothing was compared")
        for threads in [2, 3] {
            let other = try run(threads: threads)
            let differing = zip(one.bits, other.bits).enumerated().filter { $0.element.0 != $0.element.1 }
            #expect(other.bits.count == one.bits.count)
            #expect(differing.isEmpty, """
                \(differing.count) values differ on \(threads) threads, the first at \
                \(differing.first.map { "index \($0.offset): 0x\(String($0.element.0, radix: 16)) against 0x\(String($0.element.1, radix: 16))" } ?? "")
                """)
        }
    }
}
