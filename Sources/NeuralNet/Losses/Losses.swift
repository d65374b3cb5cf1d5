import TensorCore

/// Loss functions of predictions and targets, each returning one number as a
/// rank-0 tensor that `backward()` can start from. Generic over the element
/// type so that gradient checks can run in Float64.
///
/// Targets of a regression loss may have the predictions' shape or the same
/// number of elements ([N] for predictions [N, 1]); they are never broadcast.
public enum Losses {
    /// Σ (ŷ − y)², the sum of squared errors of the lecture slides.
    @_specialize(where Scalar == Float)
    public static func leastSquares<Scalar>(_ predictions: Tensor<Scalar>, _ targets: Tensor<Scalar>) throws -> Tensor<Scalar> {
        try meanSquaredError(predictions, targets, reduction: .sum, name: "least_squares")
    }

    /// (ŷ − y)² averaged over all elements (or summed).
    @_specialize(where Scalar == Float)
    public static func meanSquaredError<Scalar>(
        _ predictions: Tensor<Scalar>, _ targets: Tensor<Scalar>, reduction: Reduction = .mean, name: String = "mse"
    ) throws -> Tensor<Scalar> {
        let y = try TargetCheck.aligned(targets, to: predictions, loss: name)
        if y.requiresGradient, GradientMode.isEnabled {
            // Targets that learn too (rare): the recorded composition gives them their gradient.
            let residual = try predictions.subtracting(y)
            return try reduce(residual.multiplying(residual), reduction, count: residual.count, name: name)
        }
        return try FusedSquaredError.compute(predictions: predictions, targets: y, reduction: reduction, name: name)
    }

    /// Binary cross-entropy of logits z against targets y ∈ [0, 1]:
    /// max(z, 0) − z·y + log(1 + e^−|z|), which is softplus(z) − z·y and never
    /// overflows; its gradient is sigmoid(z) − y.
    @_specialize(where Scalar == Float)
    public static func binaryCrossEntropy<Scalar>(
        logits: Tensor<Scalar>, targets: Tensor<Scalar>, reduction: Reduction = .mean
    ) throws -> Tensor<Scalar> {
        let y = try TargetCheck.aligned(targets, to: logits, loss: "bce")
        let perElement = try logits.softplus().subtracting(logits.multiplying(y))
        return try reduce(perElement, reduction, count: perElement.count, name: "bce")
    }

    /// Cross-entropy of class scores (logits) [N, K] against integer labels
    /// [N] in 0..<K: −log softmax(z)[y], averaged over samples (or summed).
    /// Targets of shape [N, K] are read as class probabilities instead.
    ///
    /// Computed in one pass (a fused softmax–cross-entropy); the graph it
    /// records holds a single product with the precomputed gradient
    /// (softmax(z) − onehot(y)) / N, so `backward()` costs one multiply.
    @_specialize(where Scalar == Float)
    public static func crossEntropy<Scalar>(
        logits: Tensor<Scalar>, targets: Tensor<Scalar>, reduction: Reduction = .mean
    ) throws -> Tensor<Scalar> {
        try FusedCrossEntropy.compute(logits: logits, targets: targets, reduction: reduction)
    }

    /// Negative log-likelihood of log-probabilities [N, K] (for instance
    /// from `logSoftmax`) against integer labels [N]: −logp[y].
    @_specialize(where Scalar == Float)
    public static func negativeLogLikelihood<Scalar>(
        logProbabilities: Tensor<Scalar>, labels: Tensor<Scalar>, reduction: Reduction = .mean
    ) throws -> Tensor<Scalar> {
        let classes = try TargetCheck.labels(labels, for: logProbabilities, loss: "nll")
        let width = logProbabilities.shape[1]
        let picked = try logProbabilities.reshaped(to: [logProbabilities.count])
            .gathering(rows: classes.enumerated().map { $0.offset * width + $0.element })
        return try reduce(picked.negated(), reduction, count: classes.count, name: "nll")
    }

    /// The negative log-likelihood of targets under N(prediction, σ²):
    /// ½·log(2πσ²) + (y − ŷ)² / (2σ²) per element, averaged (or summed).
    @_specialize(where Scalar == Float)
    public static func gaussianNegativeLogLikelihood<Scalar>(
        _ predictions: Tensor<Scalar>, _ targets: Tensor<Scalar>, sigma: Scalar, reduction: Reduction = .mean
    ) throws -> Tensor<Scalar> {
        guard sigma.isFinite, sigma > 0 else { throw LossError("gaussian_nll", "σ must be a finite number > 0, got \(sigma)") }
        let y = try TargetCheck.aligned(targets, to: predictions, loss: "gaussian_nll")
        let residual = try predictions.subtracting(y)
        let constant = Scalar.log(2 * Scalar.pi * sigma * sigma) / 2
        let perElement = try residual.multiplying(residual).multiplying(Tensor(1 / (2 * sigma * sigma))).adding(Tensor(constant))
        return try reduce(perElement, reduction, count: perElement.count, name: "gaussian_nll")
    }

    /// Hinge loss max(0, 1 − y·z) of scores z against labels y ∈ {−1, +1}
    /// (a label 0 is read as −1).
    @_specialize(where Scalar == Float)
    public static func hinge<Scalar>(_ scores: Tensor<Scalar>, _ targets: Tensor<Scalar>, reduction: Reduction = .mean) throws -> Tensor<Scalar> {
        let y = try TargetCheck.aligned(targets, to: scores, loss: "hinge")
        let signs = try y.scalars.enumerated().map { index, value -> Scalar in
            guard value == 1 || value == -1 || value == 0 else {
                throw LossError("hinge", "target \(value) at position \(index) is not −1, 0 or 1")
            }
            return value == 0 ? -1 : value
        }
        let margin = try Tensor(shape: y.shape, scalars: signs).multiplying(scores)
        let perElement = try Tensor(1).subtracting(margin).relu()
        return try reduce(perElement, reduction, count: perElement.count, name: "hinge")
    }

    /// Σ w² over the weights of a network (biases excluded): add `λ · l2`
    /// to a loss for weight decay.
    @_specialize(where Scalar == Float)
    public static func l2<Scalar>(_ network: Network<Scalar>) throws -> Tensor<Scalar> {
        var total = Tensor<Scalar>(0)
        for layer in network.layers {
            for parameter in layer.parameters where parameter.kind == .weight {
                total = try total.adding(parameter.tensor.multiplying(parameter.tensor).sum())
            }
        }
        return total
    }

    @_specialize(where Scalar == Float)
    static func reduce<Scalar>(_ values: Tensor<Scalar>, _ reduction: Reduction, count: Int, name: String) throws -> Tensor<Scalar> {
        let total = values.sum()
        switch reduction {
        case .sum: return total
        case .mean:
            guard count > 0 else { throw LossError(name, "cannot average over an empty batch") }
            return try total.multiplying(Tensor(1 / Scalar(count)))
        }
    }
}
