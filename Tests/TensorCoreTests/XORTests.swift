import Testing
@testable import TensorCore

@Suite("Convergence")
struct XORTests {
    /// A 2-4-1 tanh network learns XOR by plain gradient descent.
    @Test func xorIsLearnedByGradientDescent() throws {
        let x = try Tensor<Float>(rows: [[0, 0], [0, 1], [1, 0], [1, 1]])
        let y = try Tensor<Float>(shape: [4, 1], scalars: [0, 1, 1, 0])
        var generator = RandomGenerator(seed: 0)
        let w1 = try Tensor<Float>.normal([2, 4], generator: &generator)
        let b1 = try Tensor<Float>.zeros([4])
        let w2 = try Tensor<Float>.normal([4, 1], generator: &generator)
        let b2 = try Tensor<Float>.zeros([1])
        let parameters = [w1, b1, w2, b2]
        for p in parameters { p.requiresGradient = true }
        func predict() throws -> Tensor<Float> {
            try x.matmul(w1).adding(b1).tanh().matmul(w2).adding(b2).sigmoid()
        }
        for _ in 0..<2000 {
            let loss = try predict().subtracting(y).raised(to: Tensor(2)).mean()
            try loss.backward()
            for p in parameters {
                guard let g = p.gradient else { continue }
                p.update { values in for i in values.indices { values[i] -= 1.0 * g.scalars[i] } }
                p.zeroGradient()
            }
        }
        let rounded = try GradientMode.withoutGradients { try predict() }.scalars.map { $0.rounded() }
        #expect(rounded == [0, 1, 1, 0])
    }
}
