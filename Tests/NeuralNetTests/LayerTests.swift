import Testing
import TensorCore
@testable import NeuralNet

@Suite("Layers")
struct LayerTests {
    @Test func denseComputesXTimesWPlusB() throws {
        let dense = try Dense<Float>(2, 3, activation: .relu)
        try dense.replaceParameter(named: "weight", with: Tensor(rows: [[1, -1, 0.5], [2, 0, -1]]))
        try dense.replaceParameter(named: "bias", with: Tensor([0.5, 0, -3]))
        let y = try dense(Tensor(rows: [[1, 1], [0, 2]]))
        // Row 1: [1+2+0.5, -1+0, 0.5-1-3] → relu → [3.5, 0, 0]; row 2: [4.5, 0, -5] → [4.5, 0, 0].
        #expect(y.shape == [2, 3])
        #expect(y.scalars == [3.5, 0, 0, 4.5, 0, 0])
        #expect(dense.description == "dense 2 → 3, relu")
        #expect(dense.parameterCount == 9)
    }

    @Test func replacingAParameterChecksTheShapeAndKeepsTheTensor() throws {
        let dense = try Dense<Float>(1, 3)
        let weight = dense.weight
        try dense.replaceParameter(named: "weight", with: Tensor([-1, 1.8, 0.65]))  // a vector for a one-row matrix
        #expect(dense.weight === weight && weight.shape == [1, 3] && weight.scalars == [-1, 1.8, 0.65])
        #expect(errorText { try dense.replaceParameter(named: "weight", with: Tensor([1, 2])) }
            == "dense 1 → 3 weight must have shape (1, 3), got (2,)")
        #expect(errorText { try dense.replaceParameter(named: "weigth", with: Tensor([1, 2, 3])) }
            == "dense 1 → 3 has no parameter 'weigth' (it has weight, bias)")
    }

    @Test func convolutionMatchesAHandComputedWindow() throws {
        let conv = try Conv2D<Float>(1, 1, kernel: 2)
        try conv.replaceParameter(named: "weight", with: Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1]))
        try conv.replaceParameter(named: "bias", with: Tensor([10]))
        let x = try Tensor<Float>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let y = try conv(x)
        // Each output is x[i][j] − x[i+1][j+1] + 10 = −4 + 10.
        #expect(y.shape == [1, 1, 2, 2] && y.scalars == [6, 6, 6, 6])
        let padded = try Conv2D<Float>(1, 6, kernel: 3, padding: 1, activation: .relu)
        #expect(padded.description == "conv2d 1 → 6, kernel: 3, pad: 1, relu")
        #expect(try padded.outputShape(for: [1, 8, 8]) == [6, 8, 8])
        #expect(try Conv2D<Float>(3, 4, kernel: 3, stride: 2).outputShape(for: [3, 9, 9]) == [4, 4, 4])
        #expect(padded.parameterCount == 6 * 9 + 6)
    }

    @Test func poolingAndFlattening() throws {
        let x = try Tensor<Float>(shape: [1, 1, 4, 4], scalars: (0..<16).map(Float.init))
        let pool = try MaxPool2D<Float>(2)
        let pooled = try pool(x)
        #expect(pooled.shape == [1, 1, 2, 2] && pooled.scalars == [5, 7, 13, 15])
        #expect(pool.description == "maxpool 2")
        #expect(try MaxPool2D<Float>(3, stride: 1).outputShape(for: [2, 4, 4]) == [2, 2, 2])
        let flat = try Flatten<Float>()(pooled)
        #expect(flat.shape == [1, 4] && flat.scalars == [5, 7, 13, 15])
    }

    @Test func activationsComputeTheirFunctions() throws {
        let z = Tensor<Float>([-2, -0.5, 0, 1.5])
        func apply(_ f: ActivationFunction<Float>) throws -> [Float] { try Activation(f)(z).scalars }
        #expect(try apply(.relu) == [0, 0, 0, 1.5])
        #expect(try apply(.step) == [0, 0, 1, 1])
        #expect(try apply(.identity) == [-2, -0.5, 0, 1.5])
        #expect(try apply(.leakyRelu(slope: 0.1)) == [-0.2, -0.05, 0, 1.5])
        #expect(close(try apply(.sigmoid), [0.11920292, 0.37754067, 0.5, 0.81757448]))
        #expect(close(try apply(.tanh), [-0.96402758, -0.46211716, 0, 0.90514825]))
        #expect(close(try apply(.softplus), [0.12692801, 0.47407698, 0.69314718, 1.70141328]))
        #expect(try ActivationFunction<Float>.named("leaky_relu").name == "leaky_relu")
        #expect(errorText { _ = try ActivationFunction<Float>.named("rulu") }?.contains("'rulu' is unknown") == true)
    }

    @Test func customActivationsPassGradients() throws {
        // A user function built from differentiable tensor operations.
        let clamp = ActivationFunction<Double>(name: "clamp") { try $0.clamped(lower: 0, upper: 1) }
        let layer = Activation(clamp)
        let x = T64([-0.5, 0.25, 0.75, 2])
        try checkGradients([x]) { try layer(x) }
        #expect(layer.description == "clamp")
        let shrinking = ActivationFunction<Float>(name: "total") { $0.sum() }
        #expect(errorText { _ = try shrinking(Tensor([1, 2])) }
            == "activation total must return a tensor of its input's shape (2,), got ()")
    }

    @Test func denseAndConvolutionGradientsMatchFiniteDifferences() throws {
        var generator = RandomGenerator(seed: 3)
        let dense = try Dense<Double>(3, 2, activation: .tanh, weightInitializer: .glorot, biasInitializer: .uniform(low: -1, high: 1),
                                      generator: &generator)
        let x = try sample([4, 3])
        try checkGradients([x, dense.weight, dense.bias!]) { try dense(x) }

        let conv = try Conv2D<Double>(2, 3, kernel: 3, stride: 2, padding: 1, activation: .softplus,
                                      weightInitializer: .he, biasInitializer: .normal(mean: 0, deviation: 1), generator: &generator)
        let image = try sample([2, 2, 5, 5], seed: 4)
        try checkGradients([image, conv.weight, conv.bias!]) { try MaxPool2D<Double>(2)(conv(image)) }
    }
}

@Suite("Networks")
struct NetworkTests {
    func shallow() throws -> Network<Float> {
        try Network(name: "shallow", layers: [Dense(1, 3, activation: .relu), Dense(3, 1)])
    }

    @Test func printsAsDeclared() throws {
        let network = try shallow()
        #expect(network.description == "network shallow (10 parameters)\n  dense 1 → 3, relu\n  dense 3 → 1")
        #expect(network.parameterCount == 10)
        #expect(network.namedParameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        let lenet = try Network<Float>(name: "lenet", inputShape: [1, 8, 8], layers: [
            Conv2D(1, 6, kernel: 3, padding: 1, activation: .relu), MaxPool2D(2), Flatten(), Dense(96, 10),
        ])
        #expect(lenet.description.hasPrefix("network lenet (1030 parameters)\n  input 1, 8, 8\n  conv2d 1 → 6"))
        #expect(try lenet.outputShape(for: [1, 8, 8]) == [10])
    }

    @Test func reproducesTheLectureShallowNetwork() throws {
        let network = try shallow()
        try network.layers[0].replaceParameter(named: "weight", with: Tensor([-1.0, 1.8, 0.65]))
        try network.layers[0].replaceParameter(named: "bias", with: Tensor([0.3, -1.0, -0.5]))
        try network.layers[1].replaceParameter(named: "weight", with: Tensor([2.0, -1.0, 7.0]))
        try network.layers[1].replaceParameter(named: "bias", with: Tensor([-0.3]))
        let y = try network.predict(Tensor(shape: [1, 1], scalars: [0.5]))
        // h = relu([0.3 − 0.5, −1 + 0.9, −0.5 + 0.325]) = [0, 0, 0] → y = −0.3.
        #expect(y.scalars == [-0.3])
        let x = try Tensor<Float>(shape: [1, 1], scalars: [1])
        // h = relu([−0.7, 0.8, 0.15]) → y = −0.3 − 0.8 + 1.05 = −0.05.
        #expect(close(try network.predict(x).scalars, [-0.05]))
    }

    @Test func shapeErrorsNameTheLayer() throws {
        let network = try Network<Float>(layers: [Dense(40, 32, activation: .relu), Dense(64, 10)])
        #expect(errorText { _ = try network.outputShape(for: [40]) } == "layer 2 (dense 64 → 10) expects 64 inputs, got 32")
        #expect(errorText { _ = try network(Tensor.zeros([5, 40])) } == "layer 2 (dense 64 → 10) expects 64 inputs, got 32")
        #expect(errorText { _ = try Network<Float>(inputShape: [1, 8, 8], layers: [Dense(64, 10)]) }
            == "layer 1 (dense 64 → 10) expects 64 inputs per sample, got samples of shape (1, 8, 8); add a flatten layer before it")
        #expect(errorText { _ = try Network<Float>(inputShape: [3, 8, 8], layers: [Conv2D(1, 4, kernel: 3)]) }
            == "layer 1 (conv2d 1 → 4, kernel: 3) expects 1 input channels, got 3")
    }

    @Test(arguments: [
        ([40, 298, 10], 15_208), ([40, 100, 100, 10], 15_210), ([40, 75, 75, 75, 10], 15_235),
        ([40, 63, 63, 63, 63, 10], 15_319), ([1, 3, 1], 10),
    ])
    func parameterCounts(widths: [Int], expected: Int) throws {
        let layers: [any Layer<Float>] = try zip(widths, widths.dropFirst()).map { try Dense($0, $1, activation: .relu) }
        let counted = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 + $1.1 }
        #expect(try Network(layers: layers).parameterCount == expected)
        #expect(counted == expected)
    }

    @Test func initialisationIsSeededAndOrdered() throws {
        func make(seed: UInt32) throws -> Network<Float> {
            let network = try Network<Float>(layers: [Dense(4, 3, activation: .relu), Dense(3, 2)])
            var generator = RandomGenerator(seed: seed)
            try network.initialize(weights: .he, generator: &generator)
            return network
        }
        let (a, b, c) = (try make(seed: 7), try make(seed: 7), try make(seed: 8))
        #expect(a.parameterTensors.map(\.scalars) == b.parameterTensors.map(\.scalars))
        #expect(a.parameterTensors[0].scalars != c.parameterTensors[0].scalars)
        #expect(a.parameterTensors[1].scalars == [0, 0, 0])
        // Draw order: the first weight's 12 normals, then the second weight's 6.
        var generator = RandomGenerator(seed: 7)
        let first = (0..<12).map { _ in Float(Double(Float((2.0 / 4).squareRoot())) * generator.normal()) }
        let second = (0..<6).map { _ in Float(Double(Float((2.0 / 3).squareRoot())) * generator.normal()) }
        #expect(a.parameterTensors[0].scalars == first && a.parameterTensors[2].scalars == second)
    }

    @Test func initialisersFollowTheirDistributions() throws {
        var generator = RandomGenerator(seed: 1)
        let he: Tensor<Double> = try Initializer.he.tensor([200, 100], fanIn: 200, fanOut: 100, generator: &generator)
        let variance = he.scalars.map { $0 * $0 }.reduce(0, +) / Double(he.count)
        #expect(abs(variance - 0.01) < 0.001)
        let glorot: Tensor<Double> = try Initializer.glorot.tensor([50, 10], fanIn: 50, fanOut: 10, generator: &generator)
        let limit = (6.0 / 60).squareRoot()
        #expect(glorot.scalars.allSatisfy { abs($0) <= limit } && glorot.scalars.contains { abs($0) > 0.9 * limit })
        let constant: Tensor<Float> = try Initializer.constant(0.5).tensor([2], fanIn: 1, fanOut: 1, generator: &generator)
        #expect(constant.scalars == [0.5, 0.5])
        #expect(errorText { _ = try Initializer.uniform(low: 1, high: 0).tensor([1], fanIn: 1, fanOut: 1, generator: &generator) as Tensor<Float> }
            == "uniform needs finite bounds with low < high, got low 1.0, high 0.0")
    }
}

@Suite("Declared networks")
struct LayerSpecTests {
    @Test func sizesEachLayerFromTheOneBefore() throws {
        let lenet = try Network<Float>(name: "lenet", inputShape: [1, 8, 8], specs: [
            .conv2d(outChannels: 6, kernel: 3, padding: 1, activation: .relu), .maxPool(size: 2), .flatten, .dense(outputs: 10),
        ])
        #expect(lenet.description == """
            network lenet (1030 parameters)
              input 1, 8, 8
              conv2d 1 → 6, kernel: 3, pad: 1, relu
              maxpool 2
              flatten
              dense 96 → 10
            """)
        let shallow = try Network<Float>(name: "shallow", inputShape: [1], specs: [.dense(outputs: 3, activation: .relu), .dense(outputs: 1)])
        #expect(shallow.parameterCount == 10)
        #expect(errorText { _ = try Network<Float>(inputShape: [1, 8, 8], specs: [.dense(outputs: 10)]) }
            == "layer 1 (dense 10) needs samples that are vectors, got samples of shape (1, 8, 8); add a flatten layer before it")
        #expect(errorText { _ = try Network<Float>(inputShape: [1, 4, 4], specs: [.maxPool(size: 2), .maxPool(size: 3)]) }
            == "layer 2 (maxpool 3) has a 3×3 window that does not fit a 2×2 input")
    }
}
