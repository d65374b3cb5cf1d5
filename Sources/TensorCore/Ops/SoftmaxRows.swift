import CMatrixKernels

/// Softmax cross-entropy over rows of logits through the C kernels
/// (SoftmaxRows.c, Exponentials.c): a batch's rows take tens of thousands
/// of exponentials per step, which the kernels compute as vectors.
public enum SoftmaxRows {
    /// For each of `rows` rows of `classes` logits: the gradient
    /// (softmax − target)·scale into `slopes` and the row's loss
    /// Σ target·(logsumexp − z) into `losses`. The targets are one class
    /// per row (`labels`, each in 0 ..< classes) or a row of probabilities
    /// (`targets`); exactly one is given.
    ///
    /// Float exponentials are the nearest float to e^x (computed in double
    /// precision, rounded once); the rest are the operations of a plain
    /// loop over each row, in order.
    public static func crossEntropy<Scalar: TensorScalar>(
        logits z: UnsafePointer<Scalar>, rows: Int, classes: Int,
        labels: UnsafePointer<Int>?, targets: UnsafePointer<Scalar>?, scale: Scalar,
        slopes: UnsafeMutablePointer<Scalar>, losses: UnsafeMutablePointer<Scalar>
    ) {
        precondition((labels == nil) != (targets == nil), "one kind of target")
        if Scalar.self == Float.self {
            dln_softmax_cross_entropy_s(rebound(z), rows, classes, labels, targets.map { rebound($0) },
                                        scale as! Float, rebound(slopes), rebound(losses))
        } else {
            dln_softmax_cross_entropy_d(rebound(z), rows, classes, labels, targets.map { rebound($0) },
                                        scale as! Double, rebound(slopes), rebound(losses))
        }
    }

    // Float or Double already (checked above): a pointer of the element
    // type the C function names.
    @inline(__always)
    private static func rebound<T, U>(_ pointer: UnsafePointer<T>) -> UnsafePointer<U> {
        UnsafeRawPointer(pointer).assumingMemoryBound(to: U.self)
    }

    @inline(__always)
    private static func rebound<T, U>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: U.self)
    }
}
