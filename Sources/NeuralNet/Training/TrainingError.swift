/// Why training could not run or had to stop.
public enum TrainingError: Error, CustomStringConvertible {
    /// A setting is out of range (named, with the value given).
    case invalidConfiguration(String)
    /// The loss became NaN or infinite; `run` holds the history so far, with
    /// the weights from before the failing step.
    case nonFiniteLoss(epoch: Int, step: Int, value: Double, learningRate: Double, run: TrainingRun)

    public var description: String {
        switch self {
        case let .invalidConfiguration(message):
            return message
        case let .nonFiniteLoss(epoch, step, value, learningRate, _):
            return "the loss became \(value) at epoch \(epoch), step \(step): training diverged; "
                + "try a smaller learning rate (it is \(learningRate))"
        }
    }
}
