/// Where a training run is, reported to the caller after every step and
/// every recording.
public struct TrainingProgress: Sendable {
    /// The current epoch, from 1.
    public let epoch: Int
    /// The epochs planned.
    public let epochs: Int
    /// Steps completed in this epoch.
    public let step: Int
    /// Steps per epoch.
    public let stepsPerEpoch: Int
    /// The loss of the last batch.
    public let batchLoss: Double
    /// The mean batch loss over this epoch so far.
    public let epochLoss: Double
    /// The metrics recorded most recently.
    public let latest: TrainingMetrics?
    /// Training samples processed per second of wall-clock time.
    public let samplesPerSecond: Double
    /// Seconds since training started.
    public let elapsed: Double

    /// The fraction of the run completed, in [0, 1].
    public var fraction: Double {
        let total = Double(epochs * stepsPerEpoch)
        return total > 0 ? min(1, Double((epoch - 1) * stepsPerEpoch + step) / total) : 1
    }
}
