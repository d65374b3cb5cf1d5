import Foundation
import Testing
import TensorCore
@testable import NeuralNet

@Suite("Trainer")
struct TrainerTests {
    func xor() throws -> Dataset<Float> {
        try Dataset<Float>(inputs: Tensor(rows: [[0, 0], [0, 1], [1, 0], [1, 1]]), targets: Tensor([0, 1, 1, 0]))
    }

    func network(seed: UInt32, hidden: Int = 4) throws -> Network<Float> {
        let network = try Network<Float>(name: "xor", layers: [Dense(2, hidden, activation: .tanh), Dense(hidden, 1)])
        var generator = RandomGenerator(seed: seed)
        try network.initialize(weights: .glorot, generator: &generator)
        return network
    }

    /// A 1-D regression set: y = 3x − 1 on 40 points.
    func line() throws -> Dataset<Float> {
        let x = try Tensor<Float>.linspace(-1, 1, count: 40)
        return try Dataset<Float>(inputs: x.reshaped(to: [40, 1]), targets: Tensor(x.scalars.map { 3 * $0 - 1 }))
    }

    @Test func learnsXOR() throws {
        let net = try network(seed: 0)
        let trainer = Trainer(network: net, data: try xor(), loss: .binaryCrossEntropy, optimizer: Adam<Float>(learningRate: 0.1),
                              configuration: TrainingConfiguration<Float>(epochs: 1000, metrics: [.loss, .accuracy], stopCondition: { $0.loss! < 0.01 }))
        let run = try trainer.run()
        let outputs = try net.predict(xor().inputs).sigmoid()
        #expect(outputs.scalars.map { $0.rounded() } == [0, 1, 1, 0])
        #expect(run.finalMetrics?.accuracy == 1)
        guard case let .conditionMet(epoch) = run.stopReason else { Issue.record("stopped: \(run.stopReason)"); return }
        #expect(epoch < 1000 && run.history.epochs.last == epoch && run.history.loss.last! < 0.01)
    }

    @Test func sameSeedGivesTheSameWeightsBitForBit() throws {
        func train(shuffleSeed: UInt32) throws -> [[Float]] {
            let net = try network(seed: 42, hidden: 8)
            let config = TrainingConfiguration<Float>(epochs: 25, batchSize: 3, shuffleSeed: shuffleSeed, recordEvery: 5)
            _ = try Trainer(network: net, data: try xor(), loss: .binaryCrossEntropy,
                            optimizer: SGD<Float>(learningRate: 0.1, momentum: 0.9, nesterov: true), configuration: config).run()
            return net.parameterTensors.map(\.scalars)
        }
        let first = try train(shuffleSeed: 1)
        #expect(try train(shuffleSeed: 1) == first)
        #expect(try train(shuffleSeed: 2) != first)
    }

    @Test func recordsTheHistoryAsAsked() throws {
        let data = try line()
        let config = TrainingConfiguration<Float>(epochs: 30, batchSize: 8, recordEvery: 10, testData: try data.subset([0, 5, 9]))
        let run = try Trainer(network: Network(layers: [Dense(1, 1)]), data: data, loss: .meanSquaredError,
                              optimizer: GradientDescent<Float>(learningRate: 0.1), configuration: config).run()
        #expect(run.history.epochs == [0, 10, 20, 30])
        #expect(run.history.names == ["loss", "test_loss"])
        #expect(run.history.loss.count == 4 && run.history["test_loss"]?.count == 4)
        #expect(run.history.loss[0] > run.history.loss[3] && run.history.loss[3] < 1e-3)
        #expect(run.stopReason == .completed && run.epochsCompleted == 30 && run.stepsCompleted == 150)
    }

    @Test func aNonFiniteLossStopsWithADiagnostic() throws {
        let net = try Network<Float>(layers: [Dense(1, 1)])
        var generator = RandomGenerator(seed: 1)
        try net.initialize(weights: .he, generator: &generator)
        let trainer = Trainer(network: net, data: try line(), loss: .leastSquares, optimizer: GradientDescent<Float>(learningRate: 1e6),
                              configuration: TrainingConfiguration<Float>(epochs: 100))
        do {
            _ = try trainer.run()
            Issue.record("training with a learning rate of 1e6 did not diverge")
        } catch let TrainingError.nonFiniteLoss(epoch, step, _, _, run) {
            #expect(step == 1 && epoch > 1)
            #expect(run.stopReason == .diverged(epoch: epoch, step: step))
            // The epoch before was recorded, with the loss the failing step computed.
            #expect(run.history.epochs.last == epoch - 1 && run.finalMetrics?.loss?.isFinite == false)
            let message = "\(TrainingError.nonFiniteLoss(epoch: epoch, step: step, value: .infinity, learningRate: 1e6, run: run))"
            #expect(message == "the loss became inf at epoch \(epoch), step 1: training diverged; try a smaller learning rate (it is 1000000.0)")
        }
    }

    @Test func cancellationFromAnotherThreadKeepsTheLastCompletedStep() throws {
        let net = try network(seed: 3)
        let flag = Flag()
        var snapshot: [[Float]] = []
        let trainer = Trainer(network: net, data: try xor(), loss: .binaryCrossEntropy, optimizer: Adam<Float>(learningRate: 0.05),
                              configuration: TrainingConfiguration<Float>(epochs: 100, batchSize: 2))
        let run = try trainer.run(isCancelled: { flag.isSet }) { progress in
            guard progress.epoch == 3, progress.step == 1 else { return }
            snapshot = net.parameterTensors.map(\.scalars)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread { flag.set(); done.signal() }
            done.wait()
        }
        #expect(run.stopReason == .interrupted(epoch: 3, step: 2))
        #expect(run.stepsCompleted == 5 && run.epochsCompleted == 2)
        #expect(net.parameterTensors.map(\.scalars) == snapshot)
        #expect(run.finalMetrics?.loss != nil)
    }

    @Test func checksTheSetupBeforeTraining() throws {
        let data = try line()
        let mismatched = Trainer(network: try Network(layers: [Dense(3, 1)]), data: data, loss: .meanSquaredError,
                                 optimizer: GradientDescent<Float>(learningRate: 0.1), configuration: TrainingConfiguration<Float>(epochs: 1))
        #expect(errorText { _ = try mismatched.run() } == "layer 1 (dense 3 → 1) expects 3 inputs, got 1")
        mismatched.configuration.batchSize = 0
        #expect(errorText { _ = try mismatched.run() } == "batch must be ≥ 1 (or all), got 0")
        let accuracyOfRegression = Trainer(
            network: try Network(layers: [Dense(1, 1)]), data: data, loss: .meanSquaredError, optimizer: GradientDescent<Float>(learningRate: 0.1),
            configuration: TrainingConfiguration<Float>(epochs: 1, metrics: [.accuracy]))
        #expect(errorText { _ = try accuracyOfRegression.run() }?.hasPrefix("accuracy: label -4.0 of sample 0") == true)
    }

    @Test func progressTextIsFormattedNotPrinted() throws {
        let latest = TrainingMetrics(epoch: 10, names: ["loss", "accuracy"], values: ["loss": 0.5, "accuracy": 0.9523])
        let progress = TrainingProgress(epoch: 12, epochs: 100, step: 10, stepsPerEpoch: 10, batchLoss: 0.2, epochLoss: 0.12345,
                                        latest: latest, samplesPerSecond: 3210, elapsed: 1.54)
        let bar = ProgressBar(width: 10)
        #expect(bar.bar(for: progress) == "epoch  12/100 [█░░░░░░░░░]  12%  loss 0.1235  accuracy 0.9523  3.2k samples/s")
        #expect(bar.line(for: progress) == "epoch 12/100 ( 12%): loss 0.1235, accuracy 0.9523, 3210 samples/s, 1.5 s")
        var text = ""
        bar.write(progress, terminal: false, to: &text)
        #expect(text.hasSuffix("1.5 s\n"))
        #expect(ProgressBar.number(1.5e-5) == "1.500e-05")
    }
}

/// A flag one thread sets and another reads.
private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
