import Testing
import TensorCore
@testable import NeuralNet

@Suite("Convolution, pooling and upsampling layers")
struct ConvolutionLayerTests {
    @Test func conv1dMatchesAHandComputedWindow() throws {
        let conv = try Conv1D<Float>(1, 1, kernel: 2, dilation: 2)
        try conv.replaceParameter(named: "weight", with: Tensor([-1, 1]))
        try conv.replaceParameter(named: "bias", with: Tensor([10]))
        let y = try conv(Tensor(shape: [1, 1, 5], scalars: [1, 2, 4, 7, 11]))
        // x[i + 2] − x[i] + 10.
        #expect(y.shape == [1, 1, 3] && y.scalars == [13, 15, 17])
        #expect(conv.description == "conv1d 1 → 1, kernel: 2, dilation: 2")
        #expect(try Conv1D<Float>(3, 4, kernel: 5, stride: 2, padding: 2).outputShape(for: [3, 40]) == [4, 20])
        #expect(errorText { _ = try Conv1D<Float>(2, 4, kernel: 3).outputShape(for: [2, 5, 5]) }
            == "conv1d 2 → 4, kernel: 3 expects samples of shape (channels, length), got (2, 5, 5)")
        #expect(errorText { _ = try Conv1D<Float>(2, 4, kernel: 3, dilation: 3).outputShape(for: [2, 6]) }
            == "conv1d 2 → 4, kernel: 3, dilation: 3 has a kernel of 3 dilated by 3 that does not fit an input of 6 padded by 0")
        #expect(errorText { _ = try Conv1D<Float>(2, 4, kernel: 3, dilation: 0) } != nil)
    }

    @Test func conv2dTakesADilation() throws {
        let conv = try Conv2D<Float>(1, 2, kernel: 3, padding: 1, dilation: 2)
        #expect(conv.description == "conv2d 1 → 2, kernel: 3, pad: 1, dilation: 2")
        #expect(try conv.outputShape(for: [1, 8, 6]) == [2, 6, 4])
        #expect(try conv(Tensor.zeros([2, 1, 8, 6])).shape == [2, 2, 6, 4])
    }

    @Test func poolingAndUpsamplingTakeSignalsAndImages() throws {
        let pool = try AveragePool<Float>(2)
        #expect(try pool.outputShape(for: [3, 9]) == [3, 4] && pool.outputShape(for: [3, 5, 4]) == [3, 2, 2])
        #expect(try pool(Tensor(shape: [1, 1, 4], scalars: [1, 3, 5, 9])).scalars == [2, 7])
        #expect(try AveragePool<Float>(3, stride: 1, padding: 1).description == "avgpool 3, stride: 1, pad: 1")
        #expect(errorText { _ = try AveragePool<Float>(2, padding: 2) } != nil)
        #expect(errorText { _ = try pool.outputShape(for: [3]) }
            == "avgpool 2 expects samples of shape (channels, length) or (channels, height, width), got (3,)")
        let maxPool = try MaxPool2D<Float>(2)
        #expect(try maxPool.outputShape(for: [3, 9]) == [3, 4])
        #expect(try maxPool(Tensor(shape: [1, 1, 5], scalars: [1, 3, 9, 5, 7])).scalars == [3, 9])
        #expect(errorText { _ = try maxPool.outputShape(for: [3, 1]) } == "maxpool 2 has a 2 window that does not fit a 1 input")
        let upsample = try Upsample<Float>(2, mode: .linear)
        #expect(try upsample.outputShape(for: [2, 3]) == [2, 6] && upsample.outputShape(for: [2, 3, 1]) == [2, 6, 2])
        #expect(try upsample(Tensor(shape: [1, 1, 2], scalars: [0, 4])).scalars == [0, 1, 3, 4])
        #expect(errorText { _ = try Upsample<Float>(0) } == "upsample 0 needs a whole scale ≥ 1")
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = RandomGenerator(seed: 5)
        let conv = try Conv1D<Double>(2, 3, kernel: 3, stride: 2, padding: 2, dilation: 2, activation: .softplus)
        try conv.initialize(weights: .he, biases: .normal(mean: 0, deviation: 1), generator: &generator)
        let signal = try sample([2, 2, 9], seed: 6)
        let pool = try AveragePool<Double>(2), upsample = try Upsample<Double>(3, mode: .linear)
        try checkGradients([signal, conv.weight, conv.bias!]) { try upsample(pool(conv(signal))) }
    }
}
