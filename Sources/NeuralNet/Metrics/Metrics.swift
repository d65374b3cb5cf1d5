import TensorCore

/// Classification metrics of network outputs against targets.
///
/// Outputs of shape [N, K] with K > 1 are class scores: the prediction is
/// the argmax. Outputs of shape [N] or [N, 1] are one logit per sample: the
/// prediction is 1 where the logit is > 0, else 0. Targets are labels [N]
/// (or one-hot rows [N, K], read by argmax).
public enum Metrics {
    /// The predicted class of every sample.
    @_specialize(exported: true, where Scalar == Float)
    public static func predictedClasses<Scalar>(_ outputs: Tensor<Scalar>) throws -> [Int] {
        if outputs.rank == 2, outputs.shape[1] > 1 {
            let classes = outputs.shape[1]
            return (0..<outputs.shape[0]).map { n in
                var best = 0
                for k in 1..<classes where outputs.scalars[n * classes + k] > outputs.scalars[n * classes + best] { best = k }
                return best
            }
        }
        guard outputs.rank == 1 || (outputs.rank == 2 && outputs.shape[1] == 1) else {
            throw LossError("accuracy", "expects outputs of shape (samples,) or (samples, classes), got \(Shape.describe(outputs.shape))")
        }
        return outputs.scalars.map { $0 > 0 ? 1 : 0 }
    }

    /// The true class of every sample, checked against the outputs.
    @_specialize(where Scalar == Float)
    static func trueClasses<Scalar>(_ targets: Tensor<Scalar>, for outputs: Tensor<Scalar>, metric: String) throws -> [Int] {
        let samples = outputs.rank >= 1 ? outputs.shape[0] : 0
        if targets.rank == 2, targets.shape[1] > 1, targets.shape == outputs.shape {
            return try predictedClasses(targets)
        }
        let classes = outputs.rank == 2 && outputs.shape[1] > 1 ? outputs.shape[1] : 2
        guard targets.count == samples, targets.rank >= 1, targets.shape.dropFirst().allSatisfy({ $0 == 1 }) else {
            throw LossError(metric, "expects one label per sample: outputs \(Shape.describe(outputs.shape)), targets \(Shape.describe(targets.shape))")
        }
        return try targets.scalars.enumerated().map { sample, value in
            guard value.rounded() == value, value >= 0, value < Scalar(classes) else {
                throw LossError(metric, "label \(value) of sample \(sample) is not a class number in 0…\(classes - 1)")
            }
            return Int(value)
        }
    }

    /// The fraction of samples whose predicted class is their label.
    @_specialize(where Scalar == Float)
    public static func accuracy<Scalar>(_ outputs: Tensor<Scalar>, _ targets: Tensor<Scalar>) throws -> Double {
        let predicted = try predictedClasses(outputs)
        let actual = try trueClasses(targets, for: outputs, metric: "accuracy")
        guard !actual.isEmpty else { throw LossError("accuracy", "there are no samples") }
        let correct = zip(predicted, actual).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(actual.count)
    }

    /// Counts of (true class, predicted class) pairs.
    @_specialize(where Scalar == Float)
    public static func confusionMatrix<Scalar>(_ outputs: Tensor<Scalar>, _ targets: Tensor<Scalar>) throws -> ConfusionMatrix {
        let predicted = try predictedClasses(outputs)
        let actual = try trueClasses(targets, for: outputs, metric: "confusion_matrix")
        let classes = outputs.rank == 2 && outputs.shape[1] > 1 ? outputs.shape[1] : 2
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (p, a) in zip(predicted, actual) { counts[a][p] += 1 }
        return ConfusionMatrix(counts: counts)
    }
}

/// A K×K table: `counts[true][predicted]` samples.
public struct ConfusionMatrix: Equatable, Sendable, CustomStringConvertible {
    /// Rows are true classes, columns predicted classes.
    public let counts: [[Int]]

    /// The number of classes.
    public var classCount: Int { counts.count }

    /// The fraction on the diagonal.
    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        let correct = counts.indices.reduce(0) { $0 + counts[$1][$1] }
        return total == 0 ? 0 : Double(correct) / Double(total)
    }

    /// The counts as a tensor [K, K] (for plotting as a heat map).
    public func tensor<Scalar: TensorScalar>(as type: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        (try? Tensor(shape: [classCount, classCount], scalars: counts.joined().map { Scalar($0) })) ?? Tensor([])
    }

    public var description: String {
        let width = max(String(counts.joined().max() ?? 0).count, String(classCount - 1).count, 4)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
        var lines = ["true \\ predicted " + (0..<classCount).map { pad("\($0)") }.joined(separator: " ")]
        for (label, row) in counts.enumerated() {
            lines.append(pad("\(label)") + String(repeating: " ", count: max(17 - width, 1)) + row.map { pad("\($0)") }.joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
