import Testing
import TensorCore
@testable import NeuralNet

@Suite("Losses")
struct LossTests {
    @Test func squaredErrors() throws {
        let p = Tensor<Float>([1, 2, 3]), t = Tensor<Float>([1, 0, 0])
        #expect(try Losses.leastSquares(p, t).scalarValue() == 13)
        #expect(close([try Losses.meanSquaredError(p, t).scalarValue()], [13 / 3]))
        // Predictions [N, 1] against targets [N] are compared row by row, never broadcast.
        let column = try Tensor<Float>(shape: [3, 1], scalars: [1, 2, 3])
        #expect(try Losses.leastSquares(column, t).scalarValue() == 13)
        #expect(errorText { _ = try Losses.meanSquaredError(Tensor<Float>.zeros([4, 2]), Tensor.zeros([4])) }
            == "mse: predictions of shape (4, 2) and targets of shape (4,) do not match")
    }

    @Test func binaryCrossEntropyIsStable() throws {
        let value = try Losses.binaryCrossEntropy(logits: Tensor<Float>([0, 2, -3]), targets: Tensor([1, 0, 0]))
        #expect(close([try value.scalarValue()], [(0.693147 + 2.126928 + 0.048587) / 3]))
        let extreme = try Losses.binaryCrossEntropy(logits: Tensor<Float>([100, -100]), targets: Tensor([1, 1]), reduction: .sum)
        #expect(try extreme.scalarValue() == 100)
    }

    @Test func crossEntropyFromLogits() throws {
        let logits = try Tensor<Float>(rows: [[1, 2, 3], [1, 2, 3]])
        #expect(close([try Losses.crossEntropy(logits: logits, targets: Tensor([2, 0])).scalarValue()], [1.40760596]))
        #expect(close([try Losses.crossEntropy(logits: logits, targets: Tensor([2, 0]), reduction: .sum).scalarValue()], [2.81521192]))
        // Huge logits do not overflow.
        let huge = try Tensor<Float>(rows: [[1000, 0]])
        #expect(try Losses.crossEntropy(logits: huge, targets: Tensor([1])).scalarValue() == 1000)
        #expect(errorText { _ = try Losses.crossEntropy(logits: logits, targets: Tensor([3, 0])) }
            == "cross_entropy: label 3.0 of sample 0 is not a class number in 0…2")
        #expect(errorText { _ = try Losses.crossEntropy(logits: logits, targets: Tensor([0.5, 0])) }
            == "cross_entropy: label 0.5 of sample 0 is not a class number in 0…2")
    }

    @Test func fusedCrossEntropyMatchesTheComposedOne() throws {
        let logits = try sample([5, 4], seed: 2, low: -3, high: 3)
        let labels = T64([0, 3, 1, 1, 2])
        try checkGradients([logits]) { try Losses.crossEntropy(logits: logits, targets: labels) }
        logits.zeroGradient()
        try Losses.crossEntropy(logits: logits, targets: labels).backward()
        let fusedGradient = logits.gradient?.scalars ?? []
        logits.zeroGradient()
        let composed = try Losses.negativeLogLikelihood(logProbabilities: logits.logSoftmax(alongAxis: 1), labels: labels)
        try composed.backward()
        #expect(close(fusedGradient, logits.gradient?.scalars ?? [], 1e-12))
        let fused = try Losses.crossEntropy(logits: logits, targets: labels)
        #expect(abs(try fused.scalarValue() - composed.scalarValue()) < 1e-12)
        // Soft targets (probabilities) give the same loss as the matching one-hot rows.
        let oneHot = try T64(shape: [5, 4], scalars: [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        #expect(abs(try Losses.crossEntropy(logits: logits, targets: oneHot).scalarValue() - fused.scalarValue()) < 1e-12)
    }

    @Test func likelihoodsAndHinge() throws {
        let logp = try Tensor<Float>(rows: [[-0.1, -2.3], [-1.2, -0.4]])
        #expect(close([try Losses.negativeLogLikelihood(logProbabilities: logp, labels: Tensor([0, 1])).scalarValue()], [0.25]))
        let gaussian = try Losses.gaussianNegativeLogLikelihood(Tensor<Float>([1]), Tensor([3]), sigma: 2)
        #expect(close([try gaussian.scalarValue()], [2.1120857]))
        let hinge = try Losses.hinge(Tensor<Float>([2, 0.5, -1]), Tensor([1, 0, 1]))
        #expect(close([try hinge.scalarValue()], [3.5 / 3]))
        #expect(errorText { _ = try Losses.gaussianNegativeLogLikelihood(Tensor<Float>([1]), Tensor([3]), sigma: 0) }
            == "gaussian_nll: σ must be a finite number > 0, got 0.0")
    }

    @Test func lossGradientsMatchFiniteDifferences() throws {
        let p = try sample([6, 1], seed: 5, low: -2, high: 2)
        let y = T64([0, 1, 1, 0, 1, 0])
        try checkGradients([p]) { try Losses.meanSquaredError(p, y) }
        try checkGradients([p]) { try Losses.leastSquares(p, y) }
        // Targets that require a gradient take the unfused path and get one too.
        let q = try sample([6, 1], seed: 7, low: -2, high: 2)
        try checkGradients([p, q]) { try Losses.meanSquaredError(p, q) }
        try checkGradients([p]) { try Losses.binaryCrossEntropy(logits: p, targets: y) }
        try checkGradients([p]) { try Losses.gaussianNegativeLogLikelihood(p, y, sigma: 0.7, reduction: .sum) }
        let scores = T64([0.3, -0.2, 2.5, 0.1, -1.7, 0.6])
        try checkGradients([scores]) { try Losses.hinge(scores, y) }
        let logp = try sample([3, 4], seed: 6, low: -3, high: 0)
        try checkGradients([logp]) { try Losses.negativeLogLikelihood(logProbabilities: logp, labels: T64([3, 0, 2])) }
    }

    @Test func lossesCombineWithRegularisation() throws {
        let network = try Network<Float>(layers: [Dense(1, 2), Dense(2, 1)])
        try network.layers[0].replaceParameter(named: "weight", with: Tensor([1, 2]))
        try network.layers[0].replaceParameter(named: "bias", with: Tensor([5, 5]))
        try network.layers[1].replaceParameter(named: "weight", with: Tensor([3, 4]))
        #expect(try Losses.l2(network).scalarValue() == 30)
        let loss = Loss<Float>.meanSquaredError + 0.01 * Loss<Float>.l2
        #expect(loss.description == "mse + 0.01 * l2")
        let value = try loss(Tensor([1, 2]), Tensor([1, 0]), network: network)
        #expect(close([try value.scalarValue()], [2 + 0.3]))
        #expect(errorText { _ = try Loss<Float>.l2(Tensor([1]), Tensor([1])) } == "l2: needs the network whose weights it measures")
        #expect(try Loss<Float>.named("cross_entropy").expectsLabels)
        #expect(errorText { _ = try Loss<Float>.named("mae") }?.hasPrefix("mae: is not a loss") == true)
    }
}

@Suite("Metrics")
struct MetricTests {
    @Test func accuracyFromScoresAndFromOneLogit() throws {
        let scores = try Tensor<Float>(rows: [[2, 1], [0, 3], [1, 0]])
        #expect(close([try Metrics.accuracy(scores, Tensor([0, 1, 1]))], [2.0 / 3]))
        #expect(close([try Metrics.accuracy(Tensor<Float>([0.5, -1, 2]), Tensor([1, 1, 1]))], [2.0 / 3]))
        #expect(errorText { _ = try Metrics.accuracy(scores, Tensor([0, 1])) }
            == "accuracy: expects one label per sample: outputs (3, 2), targets (2,)")
    }

    @Test func confusionMatrixCountsTrueAgainstPredicted() throws {
        let scores = try Tensor<Float>(rows: [[2, 1, 0], [0, 3, 1], [1, 0, 4], [0, 5, 1]])
        let matrix = try Metrics.confusionMatrix(scores, Tensor([0, 1, 1, 2]))
        #expect(matrix.counts == [[1, 0, 0], [0, 1, 1], [0, 1, 0]])
        #expect(matrix.accuracy == 0.5)
        #expect(matrix.tensor(as: Float.self).shape == [3, 3])
    }
}
