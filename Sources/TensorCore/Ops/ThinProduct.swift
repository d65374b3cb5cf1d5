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
    /// on the shape, the CPU's instruction family and OpenBLAS's core type,
    /// never on the thread count or on timing.
    ///
    /// Measured on AVX2 (`dln-bench thin-products`): the kernels win or tie
    /// where A is read as it is stored and k is short (the forward x·W and
    /// the input gradient G·Wᵀ of a narrow layer, m = batch); OpenBLAS wins
    /// where C has at most 16 columns (it packs A and fills its vectors along
    /// m) and where A is transposed with a long k (the weight gradients Xᵀ·G)
    /// — when its vectors are as wide as the kernels'. With narrower ones
    /// (SSE kernels beside AVX2 ones, measured; AVX2 kernels such as Haswell's
    /// beside AVX-512 ones) the kernels win those shapes too, by 2–4 ×.
    @inline(__always)
    public static func applies(transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int) -> Bool {
        guard family != DLNKernelFamilyPortable else { return false }
        if !ta && k <= 128 && n > 16 { return true }
        return (k <= 128 || n <= 16 || (ta && m <= 128)) && isWiderThanOpenBLAS
    }

    /// The lanes of a float vector in this CPU's family.
    static var familyLanes: Int {
        switch family {
        case DLNKernelFamilyAVX512: 16
        case DLNKernelFamilyAVX2: 8
        default: 4
        }
    }

    /// Whether these kernels compute with wider vectors than the core type
    /// OpenBLAS runs. Asked only for shapes that would otherwise go to
    /// OpenBLAS, so it loads no library that was not needed anyway; false
    /// when OpenBLAS cannot load (its products then fail with the reason).
    static let isWiderThanOpenBLAS: Bool = {
        guard let blas = try? BLASLibrary.shared.get() else { return false }
        return familyLanes > CoreTypeSelection.vectorLanes(ofCoreType: blas.coreName)
    }()

    /// What `dln info` says of the shapes these kernels take.
    public static var shapesTaken: String {
        guard family != DLNKernelFamilyPortable else { return "none" }
        return isWiderThanOpenBLAS
            ? "all thin shapes (k ≤ 128, C ≤ 16 columns, weight gradients of ≤ 128 rows): wider vectors than OpenBLAS's kernels"
            : "x·W and G·Wᵀ with k ≤ 128 and more than 16 columns"
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
