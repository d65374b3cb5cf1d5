import TensorCore

/// A loss as a value: what notebooks bind with `loss ce = cross_entropy` and
/// combine with `cross_entropy + 0.01 * l2`. It maps a network's outputs,
/// the targets and the network itself (for regularisers) to one number.
///
/// ```swift
/// let regularised = Loss<Float>.crossEntropy + 0.01 * Loss<Float>.l2
/// let value = try regularised(network(x), labels, network: network)
/// print(regularised)  // cross_entropy + 0.01 * l2
/// ```
public struct Loss<Scalar: TensorScalar>: CustomStringConvertible {
    /// The loss as written: `mse`, `cross_entropy + 0.01 * l2`.
    public let description: String
    /// Whether the targets are class labels (so accuracy is meaningful).
    public let expectsLabels: Bool
    private let body: (Tensor<Scalar>, Tensor<Scalar>, Network<Scalar>?) throws -> Tensor<Scalar>

    /// A loss from a function of outputs, targets and (optionally) the network.
    public init(
        name: String, expectsLabels: Bool = false,
        _ body: @escaping (_ outputs: Tensor<Scalar>, _ targets: Tensor<Scalar>, _ network: Network<Scalar>?) throws -> Tensor<Scalar>
    ) {
        self.description = name
        self.expectsLabels = expectsLabels
        self.body = body
    }

    /// The loss of `outputs` against `targets`; regularisers read `network`.
    public func callAsFunction(_ outputs: Tensor<Scalar>, _ targets: Tensor<Scalar>, network: Network<Scalar>? = nil) throws -> Tensor<Scalar> {
        let value = try body(outputs, targets, network)
        guard value.count == 1 else {
            throw LossError(description, "must give one number, gave a tensor of shape \(Shape.describe(value.shape))")
        }
        return value
    }

    /// Σ (ŷ − y)².
    public static var leastSquares: Self { Self(name: "least_squares") { p, t, _ in try Losses.leastSquares(p, t) } }
    /// mean (ŷ − y)².
    public static var meanSquaredError: Self { Self(name: "mse") { p, t, _ in try Losses.meanSquaredError(p, t) } }
    /// Binary cross-entropy from one logit per sample.
    public static var binaryCrossEntropy: Self {
        Self(name: "bce", expectsLabels: true) { p, t, _ in try Losses.binaryCrossEntropy(logits: p, targets: t) }
    }
    /// Softmax cross-entropy from class logits against integer labels.
    public static var crossEntropy: Self {
        Self(name: "cross_entropy", expectsLabels: true) { p, t, _ in try Losses.crossEntropy(logits: p, targets: t) }
    }
    /// Negative log-likelihood from log-probabilities against integer labels.
    public static var negativeLogLikelihood: Self {
        Self(name: "nll", expectsLabels: true) { p, t, _ in try Losses.negativeLogLikelihood(logProbabilities: p, labels: t) }
    }
    /// Hinge loss against labels ±1.
    public static var hinge: Self { Self(name: "hinge", expectsLabels: true) { p, t, _ in try Losses.hinge(p, t) } }
    /// Σ w² over the network's weights (needs the network).
    public static var l2: Self {
        Self(name: "l2") { _, _, network in
            guard let network else { throw LossError("l2", "needs the network whose weights it measures") }
            return try Losses.l2(network)
        }
    }

    /// Gaussian negative log-likelihood with a fixed σ.
    public static func gaussianNegativeLogLikelihood(sigma: Scalar) -> Self {
        Self(name: "gaussian_nll(sigma: \(sigma))") { p, t, _ in try Losses.gaussianNegativeLogLikelihood(p, t, sigma: sigma) }
    }

    /// The same loss with another reduction, for the losses that have one
    /// (`mse`, `bce`, `cross_entropy`, `nll`, `hinge`).
    public static func named(_ name: String, reduction: Reduction = .mean) throws -> Self {
        let suffix = reduction == .mean ? "" : "(reduction: \(reduction.rawValue))"
        switch name {
        case "least_squares": return .leastSquares
        case "mse": return Self(name: name + suffix) { p, t, _ in try Losses.meanSquaredError(p, t, reduction: reduction) }
        case "bce", "binary_cross_entropy":
            return Self(name: name + suffix, expectsLabels: true) { p, t, _ in try Losses.binaryCrossEntropy(logits: p, targets: t, reduction: reduction) }
        case "cross_entropy":
            return Self(name: name + suffix, expectsLabels: true) { p, t, _ in try Losses.crossEntropy(logits: p, targets: t, reduction: reduction) }
        case "nll":
            return Self(name: name + suffix, expectsLabels: true) { p, t, _ in
                try Losses.negativeLogLikelihood(logProbabilities: p, labels: t, reduction: reduction)
            }
        case "hinge": return Self(name: name + suffix, expectsLabels: true) { p, t, _ in try Losses.hinge(p, t, reduction: reduction) }
        case "gaussian_nll": return .gaussianNegativeLogLikelihood(sigma: 1)
        case "l2": return .l2
        default:
            throw LossError(name, "is not a loss; the built-in ones are \(builtInNames.joined(separator: ", "))")
        }
    }

    /// The names `named(_:)` knows.
    public static var builtInNames: [String] {
        ["least_squares", "mse", "bce", "cross_entropy", "nll", "gaussian_nll", "hinge", "l2"]
    }

    /// The sum of two losses (`cross_entropy + l2`).
    public static func + (a: Self, b: Self) -> Self {
        // A sum on the right keeps its parentheses, so that the text says how the terms were added.
        Self(name: "\(a) + \(b.description.contains(" + ") ? "(\(b))" : b.description)", expectsLabels: a.expectsLabels || b.expectsLabels) { p, t, n in
            try a(p, t, network: n).adding(b(p, t, network: n))
        }
    }

    /// A loss scaled by a constant (`0.01 * l2`).
    public static func * (factor: Double, loss: Self) -> Self {
        let name = loss.description.contains(" + ") ? "(\(loss))" : loss.description
        return Self(name: "\(factor) * \(name)", expectsLabels: loss.expectsLabels) { p, t, n in
            try loss(p, t, network: n).multiplying(Tensor(Scalar(factor)))
        }
    }
}
