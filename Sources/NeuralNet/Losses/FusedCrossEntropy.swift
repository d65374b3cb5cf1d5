import TensorCore

/// Softmax cross-entropy in one pass over the logits.
///
/// TensorCore records only its own operations, so the fused gradient is
/// attached with a linear stand-in: the result is `Σ z ⊙ G + c`, where
/// G = ∂loss/∂z is computed here (without recording) and the constant c
/// makes the value equal to the loss. Its gradient with respect to z is G
/// exactly; only first derivatives are right (dln has no higher ones).
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
        let z = logits.scalars
        let scale: Scalar = reduction == .mean ? 1 / Scalar(samples) : 1
        var total: Scalar = 0
        var slopes = [Scalar](repeating: 0, count: z.count)
        for n in 0..<samples {
            let row = n * classes
            var largest = -Scalar.infinity
            for k in 0..<classes { largest = Swift.max(largest, z[row + k]) }
            if !largest.isFinite { largest = 0 }
            var sum: Scalar = 0
            for k in 0..<classes {
                let e = Scalar.exp(z[row + k] - largest)
                slopes[row + k] = e
                sum += e
            }
            let logSum = largest + Scalar.log(sum)
            for k in 0..<classes {
                let probability = slopes[row + k] / sum
                let target: Scalar = soft ? targets.scalars[row + k] : (labels[n] == k ? 1 : 0)
                if target != 0 { total += target * (logSum - z[row + k]) }
                slopes[row + k] = (probability - target) * scale
            }
        }
        let value = total * scale
        guard GradientMode.isEnabled, logits.requiresGradient else { return Tensor(value) }
        let gradient = try Tensor(shape: logits.shape, scalars: slopes)
        let linear = try logits.multiplying(gradient).sum()
        return try linear.adding(Tensor(value - linear.scalars[0]))
    }
}
