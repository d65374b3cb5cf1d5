import CMatrixKernels

/// The element-wise passes of a dense layer through the C kernels of
/// `CMatrixKernels` (DenseLayerPasses.c), which run as vector instructions
/// where Swift's generic loops did not. Same operations on each element, in
/// the same order: the values do not change.
enum DenseLayerPasses {
    /// y = max(y + b, 0) row by row, for `rows` rows of n (b has n).
    static func biasReLU<Scalar: TensorScalar>(_ y: UnsafeMutablePointer<Scalar>, _ b: UnsafePointer<Scalar>, rows: Int, n: Int) {
        if Scalar.self == Float.self {
            dln_bias_relu_s(rebound(y), rebound(b), rows, n)
        } else {
            dln_bias_relu_d(rebound(y), rebound(b), rows, n)
        }
    }

    /// out = dy where y > 0, else 0, for `count` elements.
    static func reluMask<Scalar: TensorScalar>(_ y: UnsafePointer<Scalar>, _ dy: UnsafePointer<Scalar>,
                                               into out: UnsafeMutablePointer<Scalar>, count: Int) {
        if Scalar.self == Float.self {
            dln_relu_mask_s(rebound(y), rebound(dy), rebound(out), count)
        } else {
            dln_relu_mask_d(rebound(y), rebound(dy), rebound(out), count)
        }
    }

    /// Adds `rows` rows of `width` elements (`stride` apart) into `sums`,
    /// row after row.
    static func addColumns<Scalar: TensorScalar>(_ rows: UnsafePointer<Scalar>, rows count: Int, stride: Int, width: Int,
                                                 into sums: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self {
            dln_column_sums_s(rebound(rows), count, stride, width, rebound(sums))
        } else {
            dln_column_sums_d(rebound(rows), count, stride, width, rebound(sums))
        }
    }
}
