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
    /// Measured with `dln-bench thin-products`: the kernels win or tie
    /// where A is read as it is stored and k is short (the forward x·W and
    /// the input gradient G·Wᵀ of a narrow layer, m = batch). The AVX2
    /// family loses to OpenBLAS's AVX2 kernels where C has at most 16
    /// columns (OpenBLAS packs A and fills its vectors along m) and, mostly,
    /// where A is transposed with a long k (the weight gradients Xᵀ·G); the
    /// AVX-512 family, with tiles of 12 rows by 32 columns, wins those too
    /// (0.62–0.97 × OpenBLAS's SkylakeX kernels), and so does any family
    /// with wider vectors than OpenBLAS's core type (2–4 ×).
    @inline(__always)
    public static func applies(transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int) -> Bool {
        guard family != DLNKernelFamilyPortable else { return false }
        if !ta && k <= 128 && n > 16 { return true }
        return (k <= 128 || n <= 16 || (ta && m <= 128)) && takesEveryThinShape
    }

    /// Whether the kernels also take C of at most 16 columns and the
    /// weight gradients: with the AVX-512 family, or vectors wider than
    /// OpenBLAS's (asked only then, so no library loads that a product
    /// would not load anyway).
    static var takesEveryThinShape: Bool { family == DLNKernelFamilyAVX512 || isWiderThanOpenBLAS }

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
        guard takesEveryThinShape else { return "x·W and G·Wᵀ with k ≤ 128 and more than 16 columns" }
        let why = family == DLNKernelFamilyAVX512 ? "AVX-512 tiles" : "wider vectors than OpenBLAS's kernels"
        return "all thin shapes (k ≤ 128, C ≤ 16 columns, weight gradients of ≤ 128 rows): \(why)"
    }

    /// What the kernels do to each element of C as they store it, in place
    /// of a pass over C afterwards (the same operations, so the same bits).
    public enum Epilogue<T> {
        /// y = max(0, c + bias[j]) as `DenseLayerPasses.biasReLU` computes it.
        case biasReLU(bias: UnsafePointer<T>)
        /// y = gate[i, j] > 0 ? c : 0 as `DenseLayerPasses.reluMask`
        /// computes it, the gate m×n with `ld` elements a row.
        case reluGate(gate: UnsafePointer<T>, ld: Int)

        /// The epilogue of the block of C that starts at row `row` and
        /// column `column`.
        func offset(row: Int, column: Int) -> Epilogue {
            switch self {
            case .biasReLU(let bias): .biasReLU(bias: bias + column)
            case .reluGate(let gate, let ld): .reluGate(gate: gate + row * ld + column, ld: ld)
            }
        }

        var kind: DLNEpilogue {
            switch self {
            case .biasReLU: DLNEpilogueBiasReLU
            case .reluGate: DLNEpilogueReLUGate
            }
        }

        var operand: (pointer: UnsafePointer<T>, ld: Int) {
            switch self {
            case .biasReLU(let bias): (bias, 0)
            case .reluGate(let gate, let ld): (gate, ld)
            }
        }
    }

    /// C = op(A)·op(B) (+ C when `accumulate`, which takes no epilogue),
    /// then `epilogue`, through the kernels (k > 0), and B's column sums
    /// added into `bColumnSums` when given (B as stored); false when they
    /// could not run (no packing buffer), C then untouched.
    @inline(__always)
    static func gemm<T: TensorScalar>(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, accumulate: Bool = false,
        c: UnsafeMutablePointer<T>, ldc: Int, epilogue: Epilogue<T>?, bColumnSums: UnsafeMutablePointer<T>?
    ) -> Bool {
        let (ta, tb, accumulate) = (ta ? Int32(1) : 0, tb ? Int32(1) : 0, accumulate ? Int32(1) : 0)
        let (kind, operand, ld) = (epilogue?.kind ?? DLNEpilogueNone, epilogue?.operand.pointer, epilogue?.operand.ld ?? 0)
        if T.self == Float.self {
            return dln_thin_sgemm_epilogue_family(family, 0, ta, tb, m, n, k, rebound(a), lda, rebound(b), ldb, accumulate,
                                                  rebound(c), ldc, kind, operand.map { rebound($0) }, ld,
                                                  bColumnSums.map { rebound($0) }) == 0
        }
        return dln_thin_dgemm_epilogue_family(family, 0, ta, tb, m, n, k, rebound(a), lda, rebound(b), ldb, accumulate,
                                              rebound(c), ldc, kind, operand.map { rebound($0) }, ld,
                                              bColumnSums.map { rebound($0) }) == 0
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
