import TensorCore

/// Softmax cross-entropy in one pass over the logits.
///
/// The gradient G = ∂loss/∂z is computed in the same pass and recorded as
/// one node (`Tensor.scalar(_:withGradient:)`); only first derivatives are
/// right, and a second derivative through it is refused.
enum FusedCrossEntropy {
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    static func compute<Scalar>(logits: Tensor<Scalar>, targets: Tensor<Scalar>, reduction: Reduction) throws -> Tensor<Scalar> {
        let name = "cross_entropy"
        guard logits.rank == 2, logits.shape[1] >= 1 else {
            throw LossError(name, "expects logits of shape (samples, classes), got \(Shape.describe(logits.shape))")
        }
        let (samples, classes) = (logits.shape[0], logits.shape[1])
        guard samples > 0 || reduction == .sum else { throw LossError(name, "cannot average over an empty batch") }
        // Soft targets [N, K] (probabilities), or hard labels [N].
        let soft = targets.shape == logits.shape && classes > 1
        let labels = soft ? [] : try TargetCheck.labels(targets, for: logits, loss: name)
        let scale: Scalar = reduction == .mean ? 1 / Scalar(samples) : 1
        // Each block of rows: the shifted logits z − max into `slopes`, their
        // exponentials in place, then each row's loss and the gradient
        // (softmax − target)·scale in place.
        // Blocks of rows run on several threads when large; the row losses
        // are summed afterwards in row order, so the total does not depend
        // on the thread count (nor on the blocks).
        var rowLosses = [Scalar](repeating: 0, count: samples)
        let slopes = try logits.scalars.withUnsafeBufferPointer { z in
            try targets.scalars.withUnsafeBufferPointer { t in
                try labels.withUnsafeBufferPointer { labels in
                    try rowLosses.withUnsafeMutableBufferPointer { rowLosses in
                        try [Scalar](unsafeUninitializedCapacity: z.count) { slopes, initialized in
                            try Parallelism.forEachBlock(of: .pass(cutting: samples, width: 8 * classes)) { rows in
                                for n in rows {
                                    let row = n * classes
                                    let largest = shift(z, row: row, classes: classes)
                                    for k in 0..<classes { slopes[row + k] = z[row + k] - largest }
                                }
                                // The block's exponentials in one vectorised pass.
                                Exponentials.exponentiate(UnsafeMutableBufferPointer(
                                    rebasing: slopes[rows.lowerBound * classes..<rows.upperBound * classes]))
                                for n in rows {
                                    let row = n * classes
                                    var sum: Scalar = 0
                                    for k in 0..<classes { sum += slopes[row + k] }
                                    let logSum = shift(z, row: row, classes: classes) + Scalar.log(sum)
                                    var loss: Scalar = 0
                                    for k in 0..<classes {
                                        let probability = slopes[row + k] / sum
                                        let target: Scalar = soft ? t[row + k] : (labels[n] == k ? 1 : 0)
                                        if target != 0 { loss += target * (logSum - z[row + k]) }
                                        slopes[row + k] = (probability - target) * scale
                                    }
                                    rowLosses[n] = loss
                                }
                            }
                            initialized = z.count
                        }
                    }
                }
            }
        }
        let total = rowLosses.reduce(0, +)
        let value = total * scale
        guard GradientMode.isEnabled, logits.requiresGradient else { return Tensor(value) }
        return try logits.scalar(value, withGradient: slopes, operation: name)
    }

    /// The row's largest logit, or 0 when that is not finite: what the
    /// row is shifted by before exponentiating, so that nothing overflows.
    @inline(__always)
    private static func shift<Scalar: TensorScalar>(_ z: UnsafeBufferPointer<Scalar>, row: Int, classes: Int) -> Scalar {
        var largest = -Scalar.infinity
        for k in 0..<classes { largest = Swift.max(largest, z[row + k]) }
        return largest.isFinite ? largest : 0
    }
}
