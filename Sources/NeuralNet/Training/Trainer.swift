import TensorCore

/// Trains a network natively: mini-batch (or full-batch) descent over a data
/// set, recording metrics, reporting progress, honouring a stop condition
/// and a cancellation check.
///
/// ```swift
/// let trainer = Trainer(network: net, data: xor, loss: .binaryCrossEntropy,
///                       optimizer: Adam(learningRate: 0.05),
///                       configuration: TrainingConfiguration(epochs: 500, metrics: [.loss, .accuracy]))
/// let run = try trainer.run()
/// run.history.loss   // one value per recorded epoch
/// ```
/// The same network weights, data, configuration and shuffle seed give the
/// same trained weights bit for bit.
public final class Trainer<Scalar: TensorScalar> {
    public let network: Network<Scalar>
    public let data: Dataset<Scalar>
    public let loss: Loss<Scalar>
    public let optimizer: any Optimizer<Scalar>
    public var configuration: TrainingConfiguration<Scalar>

    /// A trainer; nothing runs until `run(isCancelled:progress:)`.
    public init(network: Network<Scalar>, data: Dataset<Scalar>, loss: Loss<Scalar>, optimizer: any Optimizer<Scalar>,
                configuration: TrainingConfiguration<Scalar>) {
        self.network = network
        self.data = data
        self.loss = loss
        self.optimizer = optimizer
        self.configuration = configuration
    }

    /// Trains until every epoch has run, the stop condition holds,
    /// `isCancelled` returns true (it is asked before every step, and may be
    /// backed by a flag another thread sets), or the loss stops being finite
    /// (then it throws `TrainingError.nonFiniteLoss`, carrying the run so far).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func run(isCancelled: (() -> Bool)? = nil, progress: ((TrainingProgress) -> Void)? = nil) throws -> TrainingRun {
        let config = configuration
        try config.validate()
        try checkCompatibility()
        let sampleCount = data.count
        let batchSize = min(config.batchSize ?? sampleCount, sampleCount)
        let stepsPerEpoch = (sampleCount + batchSize - 1) / batchSize
        let shuffles = batchSize < sampleCount && config.shuffleSeed != nil
        var generator = RandomGenerator(seed: config.shuffleSeed ?? 0)
        let fixedBatches = shuffles ? [] : try batches(order: nil, size: batchSize)
        let parameters = network.parameterTensors
        network.zeroGradients()

        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var run = TrainingRun(history: TrainingHistory(), finalMetrics: nil, stopReason: .completed,
                              epochsCompleted: 0, stepsCompleted: 0, seconds: 0)
        var samplesSeen = 0
        let names = config.metricNames
        // Full-batch training measures the loss of the weights a record is
        // about in the next step's forward pass (the same batch, the same
        // numbers): a record waits for that step instead of a pass of its own.
        let stepMeasuresRecord = batchSize >= sampleCount && sampleCount <= config.evaluationBatchSize
        var waitingRecord: Int?

        func record(epoch: Int, from step: StepMeasurement? = nil) throws -> Bool {
            let metrics = try measure(epoch: epoch, names: names, step: step)
            run.history.append(metrics)
            run.finalMetrics = metrics
            return config.stopCondition?(metrics) ?? false
        }
        /// Records `epoch` now, or in the next step when that step measures it.
        func recordAfter(epoch: Int) throws -> Bool {
            guard stepMeasuresRecord, epoch < config.epochs else { return try record(epoch: epoch) }
            waitingRecord = epoch
            return false
        }
        func finish(_ reason: StopReason) -> TrainingRun {
            run.stopReason = reason
            run.seconds = elapsed()
            return run
        }

        if config.recordInitial || config.epochs == 0, try recordAfter(epoch: 0) {
            return finish(.conditionMet(epoch: 0))
        }
        for epoch in stride(from: 1, through: config.epochs, by: 1) {
            let epochBatches = shuffles ? try batches(order: generator.permutation(sampleCount), size: batchSize) : fixedBatches
            var lossTotal = 0.0
            for step in 0..<stepsPerEpoch {
                if isCancelled?() == true {
                    if let waiting = waitingRecord {
                        // The record this check used to follow, with its stop condition.
                        if try record(epoch: waiting) { return finish(.conditionMet(epoch: waiting)) }
                        return finish(.interrupted(epoch: epoch, step: step + 1))
                    }
                    // Best effort: measuring may itself notice the cancellation.
                    run.finalMetrics = (try? measure(epoch: epoch - 1, names: names)) ?? run.finalMetrics
                    return finish(.interrupted(epoch: epoch, step: step + 1))
                }
                guard step < epochBatches.count else { break }
                let (inputs, targets) = epochBatches[step]
                let outputs = try network.forward(inputs)
                let value = try loss(outputs, targets, network: network)
                let number = Double(value.scalars[0])
                if let waiting = waitingRecord {
                    waitingRecord = nil
                    if try record(epoch: waiting, from: StepMeasurement(outputs: outputs, loss: number)) {
                        return finish(.conditionMet(epoch: waiting))
                    }
                }
                guard number.isFinite else {
                    network.zeroGradients()
                    throw TrainingError.nonFiniteLoss(epoch: epoch, step: step + 1, value: number,
                                                      learningRate: Double(optimizer.learningRate.description) ?? Double(optimizer.learningRate), run: finish(.diverged(epoch: epoch, step: step + 1)))
                }
                try value.backward()
                optimizer.step(parameters)
                run.stepsCompleted += 1
                samplesSeen += inputs.shape[0]
                lossTotal += number
                if let progress {
                    let seconds = elapsed()
                    progress(TrainingProgress(
                        epoch: epoch, epochs: config.epochs, step: step + 1, stepsPerEpoch: stepsPerEpoch,
                        batchLoss: number, epochLoss: lossTotal / Double(step + 1), latest: run.finalMetrics,
                        samplesPerSecond: seconds > 0 ? Double(samplesSeen) / seconds : 0, elapsed: seconds))
                }
            }
            run.epochsCompleted = epoch
            if epoch % config.recordEvery == 0 || epoch == config.epochs, try recordAfter(epoch: epoch) {
                return finish(epoch == config.epochs ? .completed : .conditionMet(epoch: epoch))
            }
        }
        return finish(.completed)
    }

    /// A full-batch step's outputs and loss, before its update: the
    /// measurement of the weights it started from.
    private struct StepMeasurement {
        let outputs: Tensor<Scalar>
        let loss: Double
    }

    /// The recorded metrics of the current weights, on the training set
    /// from `step` when given (the same numbers a separate pass would give).
    private func measure(epoch: Int, names: [String], step: StepMeasurement? = nil) throws -> TrainingMetrics {
        let config = configuration
        var values: [String: Double]
        if let step {
            let accuracy = config.metrics.contains(.accuracy)
                ? try GradientMode.withoutGradients { try Metrics.accuracy(step.outputs, data.targets) } : nil
            guard config.testData != nil else {
                return TrainingMetrics(epoch: epoch, names: names, numbers: names.map { $0 == Metric.loss.rawValue ? step.loss : accuracy })
            }
            values = [Metric.loss.rawValue: step.loss]
            values[Metric.accuracy.rawValue] = accuracy
        } else {
            values = try Evaluation.measure(network, on: data, loss: loss, metrics: config.metrics, batchSize: config.evaluationBatchSize)
        }
        if let test = config.testData {
            values.merge(try Evaluation.measure(network, on: test, loss: loss, metrics: config.metrics,
                                                prefix: "test_", batchSize: config.evaluationBatchSize)) { a, _ in a }
        }
        return TrainingMetrics(epoch: epoch, names: names, values: values)
    }

    /// Fails early, before any step, if the network does not fit the data or
    /// the loss and metrics cannot read its outputs.
    private func checkCompatibility() throws {
        guard data.count > 0 else { throw TrainingError.invalidConfiguration("the training set has no samples") }
        _ = try network.outputShape(for: Array(data.inputs.shape.dropFirst()))
        let probe = try data.subset(Array(0..<min(data.count, 2)))
        _ = try Evaluation.measure(network, on: probe, loss: loss, metrics: configuration.metrics)
        if let test = configuration.testData {
            guard test.count > 0 else { throw TrainingError.invalidConfiguration("the test set has no samples") }
            _ = try network.outputShape(for: Array(test.inputs.shape.dropFirst()))
        }
    }

    /// All batches of one epoch, in `order` (or the data's order).
    private func batches(order: [Int]?, size: Int) throws -> [(Tensor<Scalar>, Tensor<Scalar>)] {
        let steps = (data.count + size - 1) / size
        return try (0..<steps).compactMap { try batch($0, order: order, size: size) }
    }

    /// Batch `step`: samples `order[step·size ..< (step+1)·size]`.
    private func batch(_ step: Int, order: [Int]?, size: Int) throws -> (Tensor<Scalar>, Tensor<Scalar>)? {
        let count = data.count
        if size >= count, order == nil { return (data.inputs.detached(), data.targets.detached()) }
        let range = (step * size)..<min((step + 1) * size, count)
        guard !range.isEmpty else { return nil }
        let rows = order.map { Array($0[range]) } ?? Array(range)
        return (try data.inputs.gathering(rows: rows).detached(), try data.targets.gathering(rows: rows).detached())
    }
}
