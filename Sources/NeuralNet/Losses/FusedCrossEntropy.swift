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
        // Blocks of rows run on several threads when large; the row losses
        // are summed afterwards in row order, so the total does not depend
        // on the thread count (nor on the blocks).
        var rowLosses = [Scalar](repeating: 0, count: samples)
        let slopes = try logits.scalars.withUnsafeBufferPointer { z in
            try targets.scalars.withUnsafeBufferPointer { t in
                try labels.withUnsafeBufferPointer { labels in
                    try rowLosses.withUnsafeMutableBufferPointer { rowLosses in
                        try [Scalar](unsafeUninitializedCapacity: z.count) { slopes, initialized in
                            let given: SoftmaxRows.Targets<Scalar>? = soft ? t.baseAddress.map({ .probabilities($0) })
                                                                           : labels.baseAddress.map({ .labels($0) })
                            if samples > 0, let z = z.baseAddress, let slopes = slopes.baseAddress,
                               let rowLosses = rowLosses.baseAddress, let given {
                                try Parallelism.forEachBlock(of: .pass(cutting: samples, width: 8 * classes)) { rows in
                                    let (first, start) = (rows.lowerBound, rows.lowerBound * classes)
                                    let targets: SoftmaxRows.Targets<Scalar> = switch given {
                                    case .labels(let labels): .labels(labels + first)
                                    case .probabilities(let probabilities): .probabilities(probabilities + start)
                                    }
                                    SoftmaxRows.crossEntropy(logits: z + start, rows: rows.count, classes: classes, targets: targets,
                                                             scale: scale, slopes: slopes + start, losses: rowLosses + first)
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
}
