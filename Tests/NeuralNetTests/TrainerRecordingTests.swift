import Testing
import TensorCore
@testable import NeuralNet

/// Full-batch training takes each record's loss from the next step's forward
/// pass instead of a pass of its own: the history must be what measuring
/// after every update gives, bit for bit, and stopping and cancelling must
/// see the same records at the same moments.
@Suite("Trainer records from the next step")
struct TrainerRecordingTests {
    /// y = sin(2πx) on 50 points, as in the lecture's tiny regression.
    func wave() throws -> Dataset<Float> {
        let x = try Tensor<Float>.linspace(0, 1, count: 50).reshaped(to: [50, 1])
        return try Dataset<Float>(inputs: x, targets: x.multiplying(Tensor(6.28)).sin())
    }

    /// Two interleaved classes in 2-D, for accuracy.
    func classes() throws -> Dataset<Float> {
        let points = (0..<24).map { i -> [Float] in [Float(i % 6) / 5, Float(i / 6) / 3] }
        return try Dataset<Float>(inputs: Tensor(rows: points), targets: Tensor(points.map { $0[0] + $0[1] > 1 ? 1 : 0 }))
    }

    func network(_ widths: [Int], activation: ActivationFunction<Float>, seed: UInt32) throws -> Network<Float> {
        var layers: [any Layer<Float>] = []
        for (index, (inputs, outputs)) in zip(widths, widths.dropFirst()).enumerated() {
            layers.append(try Dense(inputs, outputs, activation: index < widths.count - 2 ? activation : nil))
        }
        let network = try Network<Float>(layers: layers)
        var generator = RandomGenerator(seed: seed)
        try network.initialize(weights: .he, generator: &generator)
        return network
    }

    /// The history of the same training written out: measure, step, measure, …
    func measuredAfterEveryStep(_ network: Network<Float>, _ data: Dataset<Float>, _ loss: Loss<Float>, test: Dataset<Float>? = nil,
                                metrics: [Metric], epochs: Int, learningRate: Float) throws -> [[String: Double]] {
        let optimizer = GradientDescent<Float>(learningRate: learningRate)
        func measure() throws -> [String: Double] {
            var values = try Evaluation.measure(network, on: data, loss: loss, metrics: metrics)
            if let test { values.merge(try Evaluation.measure(network, on: test, loss: loss, metrics: metrics, prefix: "test_")) { a, _ in a } }
            return values
        }
        var history = [try measure()]
        for _ in 0..<epochs {
            try loss(network.forward(data.inputs), data.targets, network: network).backward()
            optimizer.step(network.parameterTensors)
            history.append(try measure())
        }
        return history
    }

    func recorded(_ run: TrainingRun) -> [[String: Double]] {
        run.history.epochs.indices.map { i in
            Dictionary(uniqueKeysWithValues: run.history.names.map { ($0, run.history[$0]![i]) })
        }
    }

    @Test func aDenseChainsHistoryIsTheSeparatelyMeasuredOne() throws {
        let data = try wave()
        let expected = try measuredAfterEveryStep(network([1, 3, 1], activation: .relu, seed: 0), data, .meanSquaredError,
                                                  metrics: [.loss], epochs: 200, learningRate: 0.05)
        let run = try Trainer(network: network([1, 3, 1], activation: .relu, seed: 0), data: data, loss: .meanSquaredError,
                              optimizer: GradientDescent<Float>(learningRate: 0.05),
                              configuration: TrainingConfiguration<Float>(epochs: 200)).run()
        #expect(run.history.epochs == Array(0...200))
        #expect(recorded(run) == expected)
        #expect(run.finalMetrics?.values == expected.last)
    }

    @Test func layersOneByOneWithAccuracyAndATestSetToo() throws {
        let data = try classes()
        let test = try data.subset([1, 4, 7, 22])
        let loss = Loss<Float>.binaryCrossEntropy + 0.001 * Loss<Float>.l2
        let expected = try measuredAfterEveryStep(network([2, 5, 1], activation: .tanh, seed: 3), data, loss, test: test,
                                                  metrics: [.loss, .accuracy], epochs: 60, learningRate: 0.3)
        let configuration = TrainingConfiguration<Float>(epochs: 60, metrics: [.loss, .accuracy], testData: test)
        let run = try Trainer(network: network([2, 5, 1], activation: .tanh, seed: 3), data: data, loss: loss,
                              optimizer: GradientDescent<Float>(learningRate: 0.3), configuration: configuration).run()
        #expect(run.history.names == ["loss", "accuracy", "test_loss", "test_accuracy"])
        #expect(recorded(run) == expected)
    }

    @Test func everyFewEpochsRecordsTheSameNumbers() throws {
        let data = try wave()
        let expected = try measuredAfterEveryStep(network([1, 8, 8, 1], activation: .relu, seed: 1), data, .meanSquaredError,
                                                  metrics: [.loss], epochs: 100, learningRate: 0.02)
        let run = try Trainer(network: network([1, 8, 8, 1], activation: .relu, seed: 1), data: data, loss: .meanSquaredError,
                              optimizer: GradientDescent<Float>(learningRate: 0.02),
                              configuration: TrainingConfiguration<Float>(epochs: 100, recordEvery: 30)).run()
        #expect(run.history.epochs == [0, 30, 60, 90, 100])
        #expect(recorded(run) == [0, 30, 60, 90, 100].map { expected[$0] })
    }

    @Test func theStopConditionStopsBeforeTheNextUpdate() throws {
        let data = try wave()
        let reference = try network([1, 3, 1], activation: .relu, seed: 0)
        let expected = try measuredAfterEveryStep(reference, data, .meanSquaredError, metrics: [.loss], epochs: 400, learningRate: 0.05)
        let threshold = expected[137]["loss"]!
        let stopEpoch = expected.firstIndex { $0["loss"]! <= threshold }!
        let net = try network([1, 3, 1], activation: .relu, seed: 0)
        let run = try Trainer(network: net, data: data, loss: .meanSquaredError, optimizer: GradientDescent<Float>(learningRate: 0.05),
                              configuration: TrainingConfiguration<Float>(epochs: 400, stopCondition: { $0.loss! <= threshold })).run()
        #expect(run.stopReason == .conditionMet(epoch: stopEpoch))
        #expect(run.epochsCompleted == stopEpoch && run.stepsCompleted == stopEpoch)
        #expect(run.finalMetrics?.loss == threshold)
        let again = try network([1, 3, 1], activation: .relu, seed: 0)
        _ = try measuredAfterEveryStep(again, data, .meanSquaredError, metrics: [.loss], epochs: stopEpoch, learningRate: 0.05)
        #expect(net.parameterTensors.map(\.scalars) == again.parameterTensors.map(\.scalars))
    }

    @Test func cancellingKeepsTheRecordOfTheLastCompletedEpoch() throws {
        let data = try wave()
        let net = try network([1, 3, 1], activation: .relu, seed: 0)
        var cancelled = false
        let run = try Trainer(network: net, data: data, loss: .meanSquaredError, optimizer: GradientDescent<Float>(learningRate: 0.05),
                              configuration: TrainingConfiguration<Float>(epochs: 50))
            .run(isCancelled: { cancelled }) { progress in if progress.epoch == 3 { cancelled = true } }
        let expected = try measuredAfterEveryStep(network([1, 3, 1], activation: .relu, seed: 0), data, .meanSquaredError,
                                                  metrics: [.loss], epochs: 3, learningRate: 0.05)
        #expect(run.stopReason == .interrupted(epoch: 4, step: 1))
        #expect(run.history.epochs == [0, 1, 2, 3] && recorded(run) == expected)
        #expect(run.finalMetrics?.epoch == 3 && run.finalMetrics?.values == expected.last)
    }

    @Test func aStopConditionHoldingAtCancellationStillCounts() throws {
        var cancelled = false
        let run = try Trainer(network: network([1, 3, 1], activation: .relu, seed: 0), data: wave(), loss: .meanSquaredError,
                              optimizer: GradientDescent<Float>(learningRate: 0.05),
                              configuration: TrainingConfiguration<Float>(epochs: 50, stopCondition: { $0.epoch == 3 }))
            .run(isCancelled: { cancelled }) { progress in if progress.epoch == 3 { cancelled = true } }
        #expect(run.stopReason == .conditionMet(epoch: 3))
        #expect(run.history.epochs == [0, 1, 2, 3])
    }
}
