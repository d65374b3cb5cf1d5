import CMatrixKernels

/// Softmax cross-entropy over rows of logits through the C kernels
/// (SoftmaxRows.c, Exponentials.c): a batch's rows take tens of thousands
/// of exponentials per step, which the kernels compute as vectors.
public enum SoftmaxRows {
    /// What each row is compared with.
    public enum Targets<Scalar> {
        /// One class per row, each in 0 ..< classes.
        case labels(UnsafePointer<Int>)
        /// A row of probabilities per row.
        case probabilities(UnsafePointer<Scalar>)
    }

    /// For each of `rows` rows of `classes` logits: the gradient
    /// (softmax − target)·scale into `slopes` and the row's loss
    /// Σ target·(logsumexp − z) into `losses`.
    ///
    /// Float exponentials are the nearest float to e^x (computed in double
    /// precision, rounded once); the rest are the operations of a plain
    /// loop over each row, in order.
    public static func crossEntropy<Scalar: TensorScalar>(
        logits z: UnsafePointer<Scalar>, rows: Int, classes: Int, targets: Targets<Scalar>, scale: Scalar,
        slopes: UnsafeMutablePointer<Scalar>, losses: UnsafeMutablePointer<Scalar>
    ) {
        var (labels, probabilities): (UnsafePointer<Int>?, UnsafePointer<Scalar>?) = (nil, nil)
        switch targets {
        case .labels(let pointer): labels = pointer
        case .probabilities(let pointer): probabilities = pointer
        }
        if Scalar.self == Float.self {
            dln_softmax_cross_entropy_s(rebound(z), rows, classes, labels, probabilities.map { rebound($0) },
                                        Float(scale), rebound(slopes), rebound(losses))
        } else {
            dln_softmax_cross_entropy_d(rebound(z), rows, classes, labels, probabilities.map { rebound($0) },
                                        Double(scale), rebound(slopes), rebound(losses))
        }
    }
}
