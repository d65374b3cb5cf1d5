import CMatrixKernels

/// e^x of many values at once: a softmax over a batch's logits takes tens
/// of thousands per step.
public enum Exponentials {
    /// Replaces each value with its exponential. Floats go through the
    /// vectorised kernel (Exponentials.c), which rounds a double-precision
    /// result once, so each is the float nearest e^x; Doubles through
    /// `Double.exp`, one at a time.
    public static func exponentiate<Scalar: TensorScalar>(_ values: UnsafeMutableBufferPointer<Scalar>) {
        guard let start = values.baseAddress else { return }
        if Scalar.self == Float.self {
            dln_exp_s(UnsafeMutableRawPointer(start).assumingMemoryBound(to: Float.self), values.count)
            return
        }
        for index in values.indices { values[index] = Scalar.exp(values[index]) }
    }
}
