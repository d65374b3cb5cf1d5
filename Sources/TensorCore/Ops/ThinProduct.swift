import CMatrixKernels

/// Matrix products of thin shapes through dln's own kernels
/// (`Sources/CMatrixKernels`) instead of OpenBLAS.
///
/// OpenBLAS copies both operands into packed panels before it multiplies.
/// When the inner size k or one side of C is small, as in the narrow
/// layers of a small network, that copying is a large share of the work.
/// These kernels pack only a block of op(B) and read op(A) where it lies.
///
/// Each element of C is one chain of fused multiply-adds in the order of
/// k, whatever the tiling, the blocks a product is cut into and the vector
/// width: results do not depend on the thread count, and the AVX2 and
/// AVX-512 families give the same bits.
public enum ThinProduct {
    /// The instruction family this CPU runs (its vector width, and whether
    /// the kernels are used at all).
    static let family = dln_thin_family()

    /// The family's name, as `dln info` shows it.
    public static var familyName: String {
        switch family {
        case DLNKernelFamilyAVX512: "AVX-512"
        case DLNKernelFamilyAVX2: "AVX2"
        default: "portable (thin products go to OpenBLAS)"
        }
    }

    /// Whether an m×k by k×n product goes to these kernels: the rule that
    /// measurement chose (docs/engine.md, "Thin products"). It depends only
    /// on the shape and the CPU's instruction family, never on the thread
    /// count or on timing.
    ///
    /// Measured on AVX2 (`dln-bench thin-products`): the kernels win or tie
    /// where A is read as it is stored and k is short (the forward x·W and
    /// the input gradient G·Wᵀ of a narrow layer, m = batch); OpenBLAS wins
    /// where C has at most 16 columns (it packs A and fills its vectors along
    /// m) and where A is transposed with a long k (the weight gradients Xᵀ·G).
    @inline(__always)
    public static func applies(transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int) -> Bool {
        family != DLNKernelFamilyPortable && !ta && k <= 128 && n > 16
    }

    /// C = op(A)·op(B) (+ C when `accumulate`) through the kernels; false
    /// when they could not run (no packing buffer), C then untouched.
    @inline(__always)
    public static func gemm<T: TensorScalar>(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<T>, ldc: Int
    ) -> Bool {
        let (ta, tb, accumulate) = (ta ? Int32(1) : 0, tb ? Int32(1) : 0, accumulate ? Int32(1) : 0)
        if T.self == Float.self {
            return a.withMemoryRebound(to: Float.self, capacity: 1) { a in
                b.withMemoryRebound(to: Float.self, capacity: 1) { b in
                    c.withMemoryRebound(to: Float.self, capacity: 1) { c in
                        dln_thin_sgemm(ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc) == 0
                    }
                }
            }
        }
        return a.withMemoryRebound(to: Double.self, capacity: 1) { a in
            b.withMemoryRebound(to: Double.self, capacity: 1) { b in
                c.withMemoryRebound(to: Double.self, capacity: 1) { c in
                    dln_thin_dgemm(ta, tb, m, n, k, a, lda, b, ldb, accumulate, c, ldc) == 0
                }
            }
        }
    }
}
