/// What can be recorded during training.
public enum Metric: String, Sendable, CaseIterable {
    /// The loss on the whole training set (regularisers included).
    case loss
    /// The fraction of training samples classified correctly.
    case accuracy
}

/// Metric values at one point of training: `loss`, `accuracy`, and
/// `test_loss`, `test_accuracy` when a test set was given.
public struct TrainingMetrics: Equatable, Sendable, CustomStringConvertible {
    /// The epochs completed when they were measured (0 = before training).
    public let epoch: Int
    /// Metric names in recording order.
    public let names: [String]
    /// The value of each name, in the same order (nil where none was given):
    /// a record may be taken every step, and a dictionary per record cost
    /// more than a small step.
    public let numbers: [Double?]

    public init(epoch: Int, names: [String], values: [String: Double]) {
        self.init(epoch: epoch, names: names, numbers: names.map { values[$0] })
    }

    /// Metrics from their numbers, in the order of `names` (missing ones nil).
    public init(epoch: Int, names: [String], numbers: [Double?]) {
        self.epoch = epoch
        self.names = names
        self.numbers = numbers.count == names.count ? numbers
            : names.indices.map { numbers.indices.contains($0) ? numbers[$0] : nil }
    }

    /// The value of each metric.
    public var values: [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(names, numbers).compactMap { name, number in number.map { (name, $0) } })
    }

    /// The value of a metric by name (`loss`, `test_accuracy`).
    public subscript(name: String) -> Double? { names.firstIndex(of: name).flatMap { numbers[$0] } }
    /// The training loss.
    public var loss: Double? { self["loss"] }
    /// The training accuracy, when recorded.
    public var accuracy: Double? { self["accuracy"] }

    public var description: String {
        "epoch \(epoch): " + zip(names, numbers).compactMap { name, number in number.map { "\(name) \($0)" } }.joined(separator: ", ")
    }
}

/// The metrics recorded during training, one entry per recorded epoch.
public struct TrainingHistory: Equatable, Sendable {
    /// The epochs at which metrics were recorded.
    public private(set) var epochs: [Int] = []
    /// Metric names in recording order.
    public private(set) var names: [String] = []
    /// One series per name, in the order of `names`: a record can be taken
    /// every step, and appending to a column by position costs no hashing.
    private var columns: [[Double]] = []

    public init() {}

    /// One series per metric, aligned with `epochs`.
    public var series: [String: [Double]] { Dictionary(uniqueKeysWithValues: zip(names, columns)) }
    /// The series of a metric (`loss`, `accuracy`, `test_loss`, …).
    public subscript(name: String) -> [Double]? { names.firstIndex(of: name).map { columns[$0] } }
    /// The loss series.
    public var loss: [Double] { self["loss"] ?? [] }
    /// The accuracy series (empty when not recorded).
    public var accuracy: [Double] { self["accuracy"] ?? [] }

    /// Appends one recorded point.
    public mutating func append(_ metrics: TrainingMetrics) {
        if names.isEmpty {
            names = metrics.names
            columns = Array(repeating: [], count: names.count)
        }
        epochs.append(metrics.epoch)
        for index in names.indices {
            let number = metrics.names == names ? metrics.numbers[index] : metrics[names[index]]
            columns[index].append(number ?? .nan)
        }
    }
}

/// Why training stopped.
public enum StopReason: Equatable, Sendable, CustomStringConvertible {
    /// Every epoch ran.
    case completed
    /// The stop condition held after `epoch` epochs.
    case conditionMet(epoch: Int)
    /// The cancellation flag was set; the weights are those of the last
    /// completed step.
    case interrupted(epoch: Int, step: Int)
    /// The loss stopped being a finite number at this epoch and step.
    case diverged(epoch: Int, step: Int)

    public var description: String {
        switch self {
        case .completed: return "completed"
        case let .conditionMet(epoch): return "stop condition met after epoch \(epoch)"
        case let .interrupted(epoch, step): return "interrupted in epoch \(epoch) before step \(step)"
        case let .diverged(epoch, step): return "diverged at epoch \(epoch), step \(step)"
        }
    }
}

/// The outcome of a training run.
public struct TrainingRun: Sendable {
    /// Metrics recorded along the way.
    public var history: TrainingHistory
    /// The metrics of the final weights.
    public var finalMetrics: TrainingMetrics?
    /// Why it stopped.
    public var stopReason: StopReason
    /// Epochs fully completed.
    public var epochsCompleted: Int
    /// Optimisation steps taken.
    public var stepsCompleted: Int
    /// Wall-clock seconds spent.
    public var seconds: Double

    public init(history: TrainingHistory, finalMetrics: TrainingMetrics?, stopReason: StopReason, epochsCompleted: Int,
                stepsCompleted: Int, seconds: Double) {
        self.history = history
        self.finalMetrics = finalMetrics
        self.stopReason = stopReason
        self.epochsCompleted = epochsCompleted
        self.stepsCompleted = stepsCompleted
        self.seconds = seconds
    }
}
