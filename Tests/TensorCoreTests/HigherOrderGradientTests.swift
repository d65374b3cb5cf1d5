import Testing
@testable import TensorCore

@Suite("Fast path fingerprint")
struct FastPathFingerprintTests {
    /// A few training steps of a small Float32 network that goes through
    /// most operations, with `backward()` and plain gradient descent.
    static func trainingFingerprint() throws -> UInt64 {
        var generator = RandomGenerator(seed: 21)
        let x = try Tensor<Float>.uniform([6, 3], low: -1, high: 1, generator: &generator)
        let target = try Tensor<Float>.uniform([6, 3], low: 0, high: 1, generator: &generator)
        let w1 = try Tensor<Float>.normal([3, 4], generator: &generator)
        let b1 = try Tensor<Float>.uniform([4], low: -0.1, high: 0.1, generator: &generator)
        let w2 = try Tensor<Float>.normal([4, 3], generator: &generator)
        let b2 = try Tensor<Float>.zeros([3])
        let w3 = try Tensor<Float>.normal([3, 3], generator: &generator)
        let chainWeight = try Tensor<Float>.normal([3, 2], generator: &generator)
        let chainBias = try Tensor<Float>.zeros([2])
        let parameters = [w1, b1, w2, b2, w3, chainWeight, chainBias]
        for p in parameters { p.requiresGradient = true }
        let chain = try DenseChain([DenseStage(weight: chainWeight, bias: chainBias, relu: true)])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ values: [Float]) {
            for v in values { hash = (hash ^ UInt64(v.bitPattern)) &* 0x100_0000_01b3 }
        }
        for _ in 0..<3 {
            let h = try x.affineReLU(w1, b1)
            let z = try h.matmul(w2).adding(b2)
            let squared = try z.tanh().sigmoid().subtracting(target).raised(to: Tensor(2)).mean()
            let crossEntropy = try z.logSoftmax(alongAxis: -1).multiplying(target).sum().negated() / 6
            let elementary = try z.softplus().exp().log().sum().multiplying(Tensor(0.01))
                .adding(z.abs().adding(Tensor(1)).sqrt().mean())
                .adding(z.sin().cos().mean())
                .adding(z.max(alongAxis: 1).sum() * 0.1)
                .adding(z.slice([.range(1, nil, 2), .all]).leakyRelu().sum())
            let batched = try z.reshaped(to: [2, 3, 3]).matmul(w3).softmax(alongAxis: 1).multiplying(target.reshaped(to: [2, 3, 3])).mean()
            let chained = try chain(z).relu().sum(alongAxis: 0).raised(to: Tensor(1.5)).sum()
            let fused = try z.scalar(0, withGradient: z.scalars.map { $0 * 0.5 })
            let loss = try squared.adding(crossEntropy).adding(elementary).adding(batched)
                .adding(chained * 0.1).adding(fused).adding(z.divide(byScalarOf: w3))
            try loss.backward()
            #expect(loss.scalars[0].isFinite)
            mix(loss.scalars)
            for p in parameters {
                guard let g = p.gradient else { continue }
                mix(g.scalars)
                p.update { values in for i in values.indices { values[i] -= 0.05 * g.scalars[i] } }
                p.zeroGradient()
            }
        }
        for p in parameters { mix(p.scalars) }
        return hash
    }

    @Test func trainingStepsAreBitIdenticalToTheFirstOrderEngine() throws {
        // Recorded with the engine as it was before second derivatives
        // (commit 0778c88): every loss, gradient and updated parameter, bit
        // for bit. Any change of operation or order in a backward closure's
        // fast path changes it.
        #expect(try Self.trainingFingerprint() == 17_062_123_144_882_346_551)
    }
}

extension Tensor {
    /// self / (1 + w[0, 0]²): a division by a tensor that requires a gradient.
    fileprivate func divide(byScalarOf w: Tensor) throws -> Tensor {
        try sum().dividing(by: w.slice([.at(0), .at(0)]).raised(to: Tensor(2)).adding(Tensor(1))) * 0.01
    }
}
