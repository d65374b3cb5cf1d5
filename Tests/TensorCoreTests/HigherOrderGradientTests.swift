import RealModule
import Testing
@testable import TensorCore

/// `f` one derivative order up: xs ↦ Σᵢ ∇ᵢf(xs)·vᵢ, with the gradients
/// recorded (`createGraph: true`) so that the result can be differentiated
/// again. Its gradient is the Hessian of f times v.
private func directionalDerivative(
    _ f: @escaping ([T64]) throws -> T64, along directions: [T64]
) -> ([T64]) throws -> T64 {
    { xs in
        let gradients = try T64.gradients(of: f(xs), withRespectTo: xs, createGraph: true)
        var total = T64(0)
        for (gradient, direction) in zip(gradients, directions) {
            total = try total.adding(gradient.multiplying(direction).sum())
        }
        return total
    }
}

/// Checks `gradients(of:withRespectTo:)` of the scalar function `f` at
/// `inputs` against central finite differences of f's values.
private func checkScalarGradient(
    _ inputs: [T64], tolerance: Double = 1e-6, step: Double = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ f: ([T64]) throws -> T64
) throws {
    let analytic = try T64.gradients(of: f(inputs), withRespectTo: inputs, createGraph: false)
    for (n, input) in inputs.enumerated() {
        for i in 0..<input.count {
            let original = input.scalars[i]
            input.scalars[i] = original + step
            let up = try f(inputs).scalarValue()
            input.scalars[i] = original - step
            let down = try f(inputs).scalarValue()
            input.scalars[i] = original
            let numeric = (up - down) / (2 * step)
            #expect(
                numeric.isApproximatelyEqual(to: analytic[n].scalars[i], absoluteTolerance: tolerance, relativeTolerance: tolerance),
                "input \(n) element \(i): numeric \(numeric), analytic \(analytic[n].scalars[i])", sourceLocation: sourceLocation)
        }
    }
}

/// Checks the derivatives of `function` of orders 2 to `order` at
/// `inputs`: the function is reduced to a number by fixed random weights,
/// lifted k − 1 times by `directionalDerivative` along fixed random
/// directions, and the lifted function's gradient compared with finite
/// differences, for each k. A backward pass that treats part of its slope
/// as a constant gives a wrong Hessian, and fails. (Each order is checked:
/// a wrong second derivative can make the lifted function of the next
/// order identically 0, whose check then passes.)
func checkHigherOrder(
    _ inputs: [T64], order: Int = 2, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: @escaping ([T64]) throws -> T64
) throws {
    for input in inputs { input.requiresGradient = true }
    let weights = try sample(function(inputs).shape, seed: 31, low: 0.5, high: 1.5)
    var lifted: ([T64]) throws -> T64 = { xs in try function(xs).multiplying(weights).sum() }
    for level in 1..<order {
        let directions = try inputs.enumerated().map { n, input in try sample(input.shape, seed: UInt32(40 + 10 * level + n)) }
        lifted = directionalDerivative(lifted, along: directions)
        try checkScalarGradient(inputs, tolerance: tolerance, sourceLocation: sourceLocation, lifted)
    }
}

/// The single number of a one-element tensor, or NaN.
private func value(_ tensor: T64) -> Double { (try? tensor.scalarValue()) ?? .nan }

@Suite("Higher-order gradients")
struct HigherOrderGradientTests {
    @Test func cubeHasExactDerivativesToTheFourthOrder() throws {
        let x = T64(2)
        x.requiresGradient = true
        let y = try x.raised(to: T64(3))
        let first = try T64.gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        let second = try T64.gradients(of: first, withRespectTo: [x], createGraph: true)[0]
        let third = try T64.gradients(of: second, withRespectTo: [x], createGraph: true)[0]
        let fourth = try T64.gradients(of: third, withRespectTo: [x], createGraph: true)[0]
        #expect(value(first) == 12)
        #expect(value(second) == 12)
        #expect(value(third) == 6)
        #expect(value(fourth) == 0)
    }

    @Test func productOfItselfGivesTheSameDerivativesAsThePower() throws {
        let x = T64(2)
        x.requiresGradient = true
        let y = try x.multiplying(x).multiplying(x)
        let first = try T64.gradients(of: y, withRespectTo: [x], createGraph: true)[0]
        let second = try T64.gradients(of: first, withRespectTo: [x], createGraph: true)[0]
        let third = try T64.gradients(of: second, withRespectTo: [x], createGraph: false)[0]
        #expect([value(first), value(second), value(third)] == [12, 12, 6])
    }

    @Test func powerWithATensorExponent() throws {
        let base = try sample([2, 3], seed: 3, low: 0.5, high: 2)
        let exponent = try sample([3], seed: 4, low: -2, high: 3)
        try checkHigherOrder([base, exponent], order: 2) { try $0[0].raised(to: $0[1]) }
        try checkHigherOrder([base, exponent], order: 3, tolerance: 1e-5) { try $0[0].raised(to: $0[1]) }
        let negative = try sample([4], seed: 5, low: -2, high: -0.5)
        try checkHigherOrder([negative], order: 3) { try $0[0].raised(to: T64(3)) }
    }

    @Test func elementaryFunctions() throws {
        let x = try sample([3, 4], seed: 5, low: -2, high: 2)
        let positive = try sample([3, 4], seed: 6, low: 0.2, high: 3)
        try checkHigherOrder([x], order: 3) { try $0[0].exp() }
        try checkHigherOrder([positive], order: 3) { try $0[0].log() }
        try checkHigherOrder([positive], order: 3) { try $0[0].sqrt() }
        try checkHigherOrder([x], order: 3) { try $0[0].sin() }
        try checkHigherOrder([x], order: 3) { try $0[0].cos() }
        try checkHigherOrder([x], order: 3) { try $0[0].tanh() }
        try checkHigherOrder([x], order: 3) { try $0[0].sigmoid() }
        try checkHigherOrder([x], order: 3) { try $0[0].softplus() }
        try checkHigherOrder([x, positive]) { try $0[0].dividing(by: $0[1]).negated() }
    }

    @Test func piecewiseLinearFunctionsPassTheGradientThroughTheirMask() throws {
        // Away from the kinks: the second derivative comes from the cube.
        let x = try T64(shape: [6], scalars: [-1.5, -0.7, -0.2, 0.3, 0.8, 1.4])
        let cube: (T64) throws -> T64 = { try $0.raised(to: T64(3)) }
        try checkHigherOrder([x]) { try cube($0[0].relu()) }
        try checkHigherOrder([x]) { try cube($0[0].abs()) }
        try checkHigherOrder([x]) { try cube($0[0].leakyRelu(slope: 0.1)) }
        try checkHigherOrder([x]) { try cube($0[0].clamped(lower: -1, upper: 1)) }
        try checkHigherOrder([x]) { try $0[0].multiplying(cube($0[0]).step()).raised(to: T64(2)) }
        let condition = try T64(shape: [6], scalars: [1, 0, 1, 0, 0, 1])
        let y = try sample([6], seed: 8)
        try checkHigherOrder([x, y]) { try cube(T64.select(condition, $0[0], $0[1].multiplying($0[0]))) }
    }

    @Test func hessianVectorProductOfASquaredMatrixProduct() throws {
        // f = Σ (W x)²: ∇ₓf = 2 WᵀW x, so the Hessian times v is 2 WᵀW v.
        let w = try sample([3, 4], seed: 11)
        let x = try sample([4], seed: 12)
        let v = try sample([4], seed: 13)
        w.requiresGradient = true
        x.requiresGradient = true
        let f = try w.matmul(x).raised(to: T64(2)).sum()
        let gradient = try T64.gradients(of: f, withRespectTo: [x], createGraph: true)[0]
        let hessianTimesV = try T64.gradients(of: gradient.multiplying(v).sum(), withRespectTo: [x], createGraph: false)[0]
        let expected = try GradientMode.withoutGradients { try w.transposed().matmul(w.matmul(v)) * 2 }
        for (a, b) in zip(hessianTimesV.scalars, expected.scalars) { #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12)) }
        try checkHigherOrder([w, x], order: 3) { try $0[0].matmul($0[1]).raised(to: T64(2)) }
        let batch = try sample([2, 3, 4], seed: 14), matrix = try sample([4, 2], seed: 15)
        try checkHigherOrder([batch, matrix]) { try $0[0].matmul($0[1]).tanh() }
        let rows = try sample([5, 4], seed: 16)
        try checkHigherOrder([rows, matrix]) { try $0[0].matmul($0[1]).sin() }
    }

    @Test func reductions() throws {
        let x = try sample([3, 4, 2], seed: 9)
        let square: (T64) throws -> T64 = { try $0.raised(to: T64(2)) }
        try checkHigherOrder([x], order: 3) { try square($0[0].sum()).multiplying($0[0].sum()) }
        try checkHigherOrder([x]) { try square($0[0].mean()) }
        try checkHigherOrder([x]) { try square($0[0].max()).multiplying($0[0].min()) }
        for axis in [0, 2] {
            try checkHigherOrder([x]) { try square($0[0].sum(alongAxis: axis)).sin() }
            try checkHigherOrder([x]) { try square($0[0].mean(alongAxis: axis, keepingDimension: true)).multiplying($0[0]) }
            try checkHigherOrder([x]) { try square($0[0].max(alongAxis: axis)) }
        }
        try checkHigherOrder([x], order: 3) { try $0[0].logSumExp(alongAxis: 1) }
        try checkHigherOrder([x], order: 3) { try $0[0].softmax(alongAxis: -1) }
        try checkHigherOrder([x]) { try $0[0].logSoftmax(alongAxis: 0) }
    }

    @Test func broadcasting() throws {
        let shapes: [([Int], [Int])] = [([2, 3], [3]), ([4, 1], [1, 5]), ([2, 3], []), ([3, 1, 2], [4, 1])]
        for (a, b) in shapes {
            let x = try sample(a, seed: 1), y = try sample(b, seed: 2, low: 0.5, high: 2)
            try checkHigherOrder([x, y]) { try $0[0].adding($0[1]).multiplying($0[0].subtracting($0[1])).multiplying($0[1]) }
            try checkHigherOrder([x, y]) { try $0[0].dividing(by: $0[1]).exp() }
        }
    }

    @Test func shapeOperationsAndIndexing() throws {
        let x = try sample([2, 3, 4], seed: 17)
        let y = try sample([2, 3, 4], seed: 18)
        let cube: (T64) throws -> T64 = { try $0.raised(to: T64(3)) }
        try checkHigherOrder([x]) { try cube($0[0].reshaped(to: [6, -1])) }
        try checkHigherOrder([x]) { try cube($0[0].permuted([2, 0, 1])).multiplying($0[0].transposed().transposed().permuted([2, 0, 1])) }
        try checkHigherOrder([x]) { try cube($0[0].slice([.at(1), .range(nil, nil, -2), .range(1, 3, nil)])) }
        try checkHigherOrder([x, y]) { try cube(T64.concatenate([$0[0], $0[1]], alongAxis: 1)) }
        try checkHigherOrder([x, y]) { try cube(T64.stack([$0[0], $0[1].sin()], alongAxis: 0)) }
        try checkHigherOrder([x]) { try cube($0[0].gathering(rows: [1, 0, 1])) }
        let value = try sample([3], seed: 19)
        try checkHigherOrder([x, value]) { try cube($0[0].replacing([.at(0), .all, .at(2)], with: $0[1].multiplying($0[1]))) }
    }

    @Test func denseLayersAndPooling() throws {
        let x = try sample([5, 3], seed: 20), w = try sample([3, 4], seed: 21), b = try sample([4], seed: 22)
        try checkHigherOrder([x, w, b]) { try $0[0].affine($0[1], $0[2]).tanh() }
        try checkHigherOrder([x, w, b]) { try $0[0].affineReLU($0[1], $0[2]).raised(to: T64(3)) }
        let image = try sample([1, 2, 4, 4], seed: 23)
        try checkHigherOrder([image]) { try $0[0].maxPooled2D(size: 2).raised(to: T64(3)) }
    }

    @Test func gradientWithRespectToAnIntermediateTensor() throws {
        let x = try sample([5], seed: 24)
        x.requiresGradient = true
        let y = try x.multiplying(x)
        let z = try y.sin().sum().adding(x.sum())
        let dy = try T64.gradients(of: z, withRespectTo: [y], createGraph: false)[0]
        #expect(dy.scalars == y.scalars.map { Double.cos($0) })
        let dx = try T64.gradients(of: z, withRespectTo: [x], createGraph: false)[0]
        for (computed, expected) in zip(dx.scalars, zip(x.scalars, y.scalars).map { 2 * $0 * Double.cos($1) + 1 }) {
            #expect(computed.isApproximatelyEqual(to: expected, relativeTolerance: 1e-14))
        }
        #expect(x.gradient == nil && y.gradient == nil)
    }

    @Test func nestedGradientIsAnExactFunctionOfTheInput() throws {
        // h(x) = ∇ Σ x³/3 = x², so f(x) = Σ h(x)·x = Σ x³ and ∇f = 3x².
        let x = try T64(shape: [4], scalars: [-2, -0.5, 1, 3])
        x.requiresGradient = true
        let h = try T64.gradients(of: x.raised(to: T64(3)).sum() / 3, withRespectTo: [x], createGraph: true)[0]
        #expect(h.scalars == [4, 0.25, 1, 9])
        let f = try h.multiplying(x).sum()
        let outer = try T64.gradients(of: f, withRespectTo: [x], createGraph: true)[0]
        #expect(outer.scalars == [12, 0.75, 3, 27])
        let outerSecond = try T64.gradients(of: outer.sum(), withRespectTo: [x], createGraph: false)[0]
        #expect(outerSecond.scalars == [-12, -3, 6, 18])
    }

    @Test func inputsTheOutputDoesNotDependOnGetZeros() throws {
        let x = try sample([2, 3], seed: 25), unused = try sample([4], seed: 26)
        x.requiresGradient = true
        unused.requiresGradient = true
        let gradients = try T64.gradients(of: x.exp().sum(), withRespectTo: [unused, x], createGraph: true)
        #expect(gradients[0].shape == [4] && gradients[0].scalars == [0, 0, 0, 0])
        #expect(gradients[1].scalars == x.scalars.map { Double.exp($0) })
        let data = try sample([3], seed: 27)
        #expect(throws: TensorError.self) { try T64.gradients(of: x.sum(), withRespectTo: [data], createGraph: false) }
    }

    @Test func withoutCreateGraphTheResultIsWhatBackwardGives() throws {
        let x = try sample([4, 3], seed: 28), w = try sample([3, 2], seed: 29)
        x.requiresGradient = true
        w.requiresGradient = true
        let loss = try x.matmul(w).tanh().logSoftmax(alongAxis: 1).raised(to: T64(2)).mean()
        let returned = try T64.gradients(of: loss, withRespectTo: [x, w], createGraph: false)
        #expect(!returned[0].requiresGradient && !returned[1].requiresGradient)
        #expect(x.gradient == nil && w.gradient == nil)
        try loss.backward()
        #expect(returned[0].scalars == x.gradient?.scalars)
        #expect(returned[1].scalars == w.gradient?.scalars)
    }

    @Test func fusedOperationsRefuseSecondDerivatives() throws {
        let stages = try DenseChainTests.stages()
        let chain = try DenseChain(stages)
        let x = try sample([7, 3], seed: 5)
        x.requiresGradient = true
        let output = try chain(x).sum()
        #expect(throws: TensorError.higherOrderUnsupported(operation: "a network's dense layers (one fused operation)")) {
            try T64.gradients(of: output, withRespectTo: [x], createGraph: true)
        }
        // First derivatives through it are still right.
        let first = try T64.gradients(of: output, withRespectTo: [x], createGraph: false)[0]
        let separate = try T64.gradients(of: DenseChainTests.layerByLayer(x, stages).sum(), withRespectTo: [x], createGraph: false)[0]
        for (a, b) in zip(first.scalars, separate.scalars) { #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-12)) }

        let squares = try x.scalar(x.scalars.reduce(0) { $0 + $1 * $1 }, withGradient: x.scalars.map { 2 * $0 }, operation: "squared error")
        #expect(throws: TensorError.higherOrderUnsupported(operation: "squared error")) {
            try T64.gradients(of: squares, withRespectTo: [x], createGraph: true)
        }
        let image = try sample([1, 1, 4, 4], seed: 30), filters = try sample([2, 1, 3, 3], seed: 31)
        image.requiresGradient = true
        #expect(throws: TensorError.higherOrderUnsupported(operation: "conv2d")) {
            try T64.gradients(of: image.convolved2D(with: filters).sum(), withRespectTo: [image], createGraph: true)
        }
        let message = TensorError.higherOrderUnsupported(operation: "dense chain").description
        #expect(message.hasPrefix("dense chain: second derivatives") && message.contains("not supported"))
    }

    @Test func aFusedOperationOffThePathDoesNotRefuse() throws {
        let stages = try DenseChainTests.stages()
        let data = try sample([7, 3], seed: 5)
        let x = T64(2)
        x.requiresGradient = true
        let loss = try DenseChain(stages)(data).sum().adding(x.raised(to: T64(3)))
        let first = try T64.gradients(of: loss, withRespectTo: [x], createGraph: true)[0]
        #expect(try T64.gradients(of: first, withRespectTo: [x], createGraph: false)[0].scalarValue() == 12)
    }

    @Test func aGradientThatCannotBeAddedIsAnError() throws {
        let x = try sample([3], seed: 32)
        x.requiresGradient = true
        x.gradient = try sample([2], seed: 33)
        #expect(throws: TensorError.shapeMismatch(operation: "+", [2], [3])) { try x.exp().sum().backward() }
    }
}

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
