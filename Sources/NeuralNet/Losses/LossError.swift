import TensorCore

/// Predictions and targets that a loss or a metric cannot compare.
public struct LossError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The loss or metric (`cross_entropy`, `accuracy`).
    public let loss: String
    /// What is wrong with its operands.
    public let problem: String

    public init(_ loss: String, _ problem: String) {
        self.loss = loss
        self.problem = problem
    }

    public var description: String { "\(loss): \(problem)" }
}

/// How per-element (or per-sample) losses become one number.
public enum Reduction: String, Sendable, CaseIterable {
    /// The total.
    case sum
    /// The average.
    case mean
}

/// Shape checks shared by losses and metrics.
enum TargetCheck {
    /// The targets with the predictions' shape: equal shapes pass; the same
    /// number of elements (predictions [N, 1], targets [N]) is reshaped.
    static func aligned<Scalar>(_ targets: Tensor<Scalar>, to predictions: Tensor<Scalar>, loss: String) throws -> Tensor<Scalar> {
        if targets.shape == predictions.shape { return targets }
        guard predictions.rank >= 1, targets.rank >= 1, targets.count == predictions.count,
              targets.shape[0] == predictions.shape[0] else {
            throw LossError(loss, "predictions of shape \(Shape.describe(predictions.shape)) and targets of shape \(Shape.describe(targets.shape)) do not match")
        }
        return try targets.detached().reshaped(to: predictions.shape)
    }

    /// Integer class labels from a rank-1 target tensor with one label per
    /// row of `scores` [N, K], each a whole number in 0..<K.
    @_specialize(exported: true, where Scalar == Float)
    static func labels<Scalar>(_ targets: Tensor<Scalar>, for scores: Tensor<Scalar>, loss: String) throws -> [Int] {
        guard scores.rank == 2 else {
            throw LossError(loss, "expects scores of shape (samples, classes), got \(Shape.describe(scores.shape))")
        }
        let (samples, classes) = (scores.shape[0], scores.shape[1])
        let flat = targets.rank == 2 && targets.shape[1] == 1 ? try targets.detached().reshaped(to: [targets.count]) : targets
        guard flat.rank == 1, flat.count == samples else {
            throw LossError(loss, "expects one label per sample: scores \(Shape.describe(scores.shape)), labels \(Shape.describe(targets.shape))")
        }
        let top = Scalar(classes)
        var labels = [Int](repeating: 0, count: samples)
        for (sample, value) in flat.scalars.enumerated() {
            // In range first (a NaN is not), so that the conversion cannot
            // trap; then whole, by converting back: no call to round.
            let label = value >= 0 && value < top ? wholePart(value) : -1
            guard label >= 0, Scalar(label) == value else {
                throw LossError(loss, "label \(value) of sample \(sample) is not a class number in 0…\(classes - 1)")
            }
            labels[sample] = label
        }
        return labels
    }

    /// `value` (in 0 ..< Int.max) truncated to an integer, converted from
    /// the concrete type: the generic conversion is a call per label.
    @inline(__always)
    private static func wholePart<Scalar: TensorScalar>(_ value: Scalar) -> Int {
        if let value = value as? Float { return Int(value) }
        if let value = value as? Double { return Int(value) }
        return Int(value)
    }
}
