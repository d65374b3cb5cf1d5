import TensorCore

/// Squared error in one pass over predictions and targets, recorded as one
/// node whose gradient 2·(ŷ − y)·scale is computed in the same pass: the
/// composed form (subtract, square, sum, scale) costs four recorded
/// operations, four allocations and their backward passes per step, which
/// dominates a small regression network's step.
enum FusedSquaredError {
    /// Targets must already have the predictions' shape.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    static func compute<Scalar>(predictions: Tensor<Scalar>, targets: Tensor<Scalar>, reduction: Reduction, name: String) throws -> Tensor<Scalar> {
        let count = predictions.count
        if reduction == .mean, count == 0 { throw LossError(name, "cannot average over an empty batch") }
        // Same arithmetic, in the same order, as the composed form.
        let scale: Scalar = reduction == .mean ? 1 / Scalar(count) : 1
        var total: Scalar = 0
        let slopes = predictions.scalars.withUnsafeBufferPointer { p in
            targets.scalars.withUnsafeBufferPointer { y in
                [Scalar](unsafeUninitializedCapacity: count) { slopes, initialized in
                    for i in 0..<count {
                        let r = p[i] - y[i]
                        total += r * r
                        slopes[i] = 2 * r * scale
                    }
                    initialized = count
                }
            }
        }
        let value = reduction == .mean ? total * scale : total
        guard GradientMode.isEnabled, predictions.requiresGradient else { return Tensor(value) }
        return try predictions.scalar(value, withGradient: slopes, operation: name)
    }
}
