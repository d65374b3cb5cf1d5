import TensorCore

/// How a `Trainer` runs: epochs, batches, shuffling, what to record and when
/// to stop.
public struct TrainingConfiguration<Scalar: TensorScalar> {
    /// Passes over the training set.
    public var epochs: Int
    /// Samples per step; nil for full-batch gradient descent.
    public var batchSize: Int?
    /// The seed of the per-epoch shuffles (one `RandomGenerator` for the
    /// whole run, one permutation per epoch); nil keeps the data's order.
    /// Full-batch training never shuffles.
    public var shuffleSeed: UInt32?
    /// Record metrics every this many epochs (and after the last one).
    public var recordEvery: Int
    /// What to record; `loss` is always recorded.
    public var metrics: [Metric]
    /// Whether to record the metrics of the initial weights as epoch 0.
    public var recordInitial: Bool
    /// A held-out set whose `test_loss` (and `test_accuracy`) are recorded too.
    public var testData: Dataset<Scalar>?
    /// Stops training when it returns true for the metrics just recorded
    /// (`{ $0.loss! < 1e-4 }`).
    public var stopCondition: ((TrainingMetrics) -> Bool)?
    /// Samples per forward pass when measuring metrics (bounds memory).
    public var evaluationBatchSize: Int

    /// A configuration; by default full-batch, recording the loss every epoch.
    public init(
        epochs: Int, batchSize: Int? = nil, shuffleSeed: UInt32? = 0, recordEvery: Int = 1,
        metrics: [Metric] = [.loss], recordInitial: Bool = true, testData: Dataset<Scalar>? = nil,
        stopCondition: ((TrainingMetrics) -> Bool)? = nil, evaluationBatchSize: Int = 4096
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffleSeed = shuffleSeed
        self.recordEvery = recordEvery
        self.metrics = metrics
        self.recordInitial = recordInitial
        self.testData = testData
        self.stopCondition = stopCondition
        self.evaluationBatchSize = evaluationBatchSize
    }

    /// Checks every setting, naming the one out of range.
    public func validate() throws {
        guard epochs >= 0 else { throw TrainingError.invalidConfiguration("epochs must be ≥ 0, got \(epochs)") }
        if let batchSize, batchSize < 1 {
            throw TrainingError.invalidConfiguration("batch must be ≥ 1 (or all), got \(batchSize)")
        }
        guard recordEvery >= 1 else {
            throw TrainingError.invalidConfiguration("record … every must be ≥ 1 epoch, got \(recordEvery)")
        }
        guard evaluationBatchSize >= 1 else {
            throw TrainingError.invalidConfiguration("the evaluation batch size must be ≥ 1, got \(evaluationBatchSize)")
        }
    }

    /// The metric names recorded, in order.
    var metricNames: [String] {
        let own = [Metric.loss] + metrics.filter { $0 != .loss }
        let names = own.map(\.rawValue)
        return testData == nil ? names : names + names.map { "test_" + $0 }
    }
}
