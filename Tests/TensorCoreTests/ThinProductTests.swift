import CMatrixKernels
import Testing
@testable import TensorCore

/// dln's own kernels for thin products (`ThinProduct`, Sources/CMatrixKernels):
/// every family this CPU runs against a plain loop that makes the same
/// chain of multiply-adds, so the comparison is bit for bit.
@Suite("Thin-shape product kernels")
struct ThinProductTests {
    static let family = dln_thin_family()
    static let runsAVX2 = family.rawValue >= DLNKernelFamilyAVX2.rawValue
    static let runsAVX512 = family.rawValue >= DLNKernelFamilyAVX512.rawValue
    /// The core type OpenBLAS runs in this process ("" when it cannot load).
    static let openBLASCore = (try? BLASLibrary.shared.get().coreName) ?? ""

    /// Sizes around the tiles' edges (rows of 3, 6 and 12; 8 and 16 lanes).
    static let edges = [1, 7, 16, 17, 63]
    /// Shapes that cross the blocks of k (256 floats, 128 doubles) and of
    /// n (256), or have a long k as the weight gradients do. B as stored is
    /// read in place up to 512 rows of C and packed beyond, or when its rows
    /// are 4 KiB apart (n 1021 pads to 1024 floats). Aᵀ·B's columns at the
    /// right edge go as a transpose when they fill few lanes (all 10, in a
    /// strip of 10 rows; the 4 past 96; 1 past 16, 5 past 32; not the 11
    /// past 64), unless A's rows are 4 KiB apart (m 1021). A quarter vector
    /// past whole or half ones goes two rows to a half vector (10 as 8 + 2,
    /// 100 as 96 + 4), except beside A as stored 4 KiB a row (k 1021).
    static let blocks: [(m: Int, n: Int, k: Int)] = [
        (13, 5, 300), (130, 260, 20), (40, 100, 1000), (129, 17, 129), (3, 300, 257), (600, 37, 45), (5, 1021, 7),
        (100, 10, 301), (298, 11, 40), (1021, 10, 5), (100, 100, 301), (75, 75, 40), (298, 10, 40),
        (13, 10, 1021),
    ]

    @Test func portableFamily() throws {
        try checkFamily(DLNKernelFamilyPortable, wideLayout: false)
    }

    @Test(.enabled(if: runsAVX2, "this CPU has no AVX2 with FMA")) func avx2Family() throws {
        try checkFamily(DLNKernelFamilyAVX2, wideLayout: false)
    }

    /// The AVX-512 family's tiles (12 rows by 1 or 2 vectors), built with
    /// AVX2: the layout is tested on CPUs without AVX-512 too.
    @Test(.enabled(if: runsAVX2, "this CPU has no AVX2 with FMA")) func avx512LayoutOnAVX2() throws {
        try checkFamily(DLNKernelFamilyAVX2, wideLayout: true)
    }

    @Test(.enabled(if: runsAVX512, "this CPU has no AVX-512")) func avx512Family() throws {
        try checkFamily(DLNKernelFamilyAVX512, wideLayout: false)
    }

    /// Every edge size for m, n and k, every transpose, with and without
    /// accumulating, in both element types; leading dimensions wider than
    /// the matrices.
    private func checkFamily(_ family: DLNKernelFamily, wideLayout: Bool) throws {
        let fused = dln_thin_family_fuses(family) != 0
        var shapes = Self.blocks
        for m in Self.edges { for n in Self.edges { for k in Self.edges { shapes.append((m, n, k)) } } }
        var generator = RandomGenerator(seed: 11)
        for (m, n, k) in shapes {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let accumulate = (m + n + k) % 2 == 1
                let float = try ProductCase<Float>(ta: ta, tb: tb, m: m, n: n, k: k, generator: &generator)
                let (expected, actual) = float.compare(fused: fused, accumulate: accumulate) { c in
                    float.run(family: family, wideLayout: wideLayout, accumulate: accumulate, c: c)
                }
                try #require(BitDifference(expected, actual) == nil, "Float \(float) accumulate \(accumulate)")
                let double = try ProductCase<Double>(ta: ta, tb: tb, m: m, n: n, k: k, generator: &generator)
                let (expected64, actual64) = double.compare(fused: fused, accumulate: accumulate) { c in
                    double.run(family: family, wideLayout: wideLayout, accumulate: accumulate, c: c)
                }
                try #require(BitDifference(expected64, actual64) == nil, "Double \(double) accumulate \(accumulate)")
            }
        }
    }

    /// The rule: A as stored, k ≤ 128 and more than 16 columns, only on
    /// CPUs with AVX2 or AVX-512; and with AVX-512 or when OpenBLAS's
    /// kernels have narrower vectors (the suite runs under several
    /// OPENBLAS_CORETYPE), also C of at most 16 columns and weight
    /// gradients of at most 128 rows.
    @Test func shapesThatGoToTheKernels() {
        let expected = Self.runsAVX2
        #expect(ThinProduct.applies(transposeA: false, transposeB: false, m: 4000, n: 100, k: 40) == expected)
        #expect(ThinProduct.applies(transposeA: false, transposeB: false, m: 4000, n: 4096, k: 40) == expected)
        #expect(ThinProduct.applies(transposeA: false, transposeB: true, m: 4000, n: 298, k: 10) == expected)
        #expect(ThinProduct.applies(transposeA: false, transposeB: true, m: 4000, n: 63, k: 63) == expected)
        let isWider = ThinProduct.familyLanes > CoreTypeSelection.vectorLanes(ofCoreType: Self.openBLASCore)
        #expect(ThinProduct.isWiderThanOpenBLAS == (expected && isWider))
        let wider = expected && (Self.runsAVX512 || isWider)
        #expect(ThinProduct.applies(transposeA: false, transposeB: false, m: 4000, n: 10, k: 100) == wider)
        #expect(ThinProduct.applies(transposeA: true, transposeB: false, m: 100, n: 100, k: 4000) == wider)
        #expect(ThinProduct.applies(transposeA: true, transposeB: false, m: 4096, n: 10, k: 4000) == wider)
        #expect(!ThinProduct.applies(transposeA: true, transposeB: false, m: 300, n: 100, k: 4000))
        #expect(!ThinProduct.applies(transposeA: false, transposeB: true, m: 4000, n: 40, k: 4096))
        #expect(!ThinProduct.applies(transposeA: false, transposeB: false, m: 1000, n: 200, k: 300))
        #expect(!ThinProduct.applies(transposeA: false, transposeB: false, m: 2048, n: 2048, k: 2048))
    }

    /// `matmul` of a thin shape runs the kernels (the chain's exact bits);
    /// of a large square one, OpenBLAS (its exact bits).
    @Test(.enabled(if: runsAVX2, "the kernels are used only with AVX2 or AVX-512"))
    func matmulTakesTheRightPath() throws {
        var generator = RandomGenerator(seed: 3)
        let thin = try ProductCase<Float>(ta: false, tb: false, m: 300, n: 100, k: 40, generator: &generator)
        let (chain, viaMatmul) = thin.compare(fused: true, accumulate: false) { c in
            let product = try? Tensor(shape: [300, 40], scalars: thin.a).matmul(Tensor(shape: [40, 100], scalars: thin.b))
            c.update(from: product?.scalars ?? [], count: 300 * 100)
        }
        #expect(BitDifference(chain, viaMatmul) == nil)

        let a = try Tensor<Float>.uniform([200, 300], generator: &generator)
        let b = try Tensor<Float>.uniform([300, 200], generator: &generator)
        let product = try a.matmul(b)
        var blas = [Float](repeating: 0, count: 200 * 200)
        try BLASLibrary.shared.get().gemm(transposeA: false, transposeB: false, m: 200, n: 200, k: 300, alpha: Float(1),
                                          a: a.scalars, lda: 300, b: b.scalars, ldb: 200, beta: 0, c: &blas, ldc: 200)
        #expect(BitDifference(widened(blas), widened(product.scalars)) == nil)
    }

    /// A thin product cut into blocks of rows on 1, 2 and 3 threads, and
    /// the products of a narrow network's step, forward and backward.
    @Test func sameBitsOnAnyThreadCount() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Float>.uniform([4000, 63], generator: &generator) - 0.5
            let w = try Tensor<Float>.uniform([63, 63], generator: &generator) - 0.5
            let out = try Tensor<Float>.uniform([63, 10], generator: &generator) - 0.5
            let b = try Tensor<Float>.uniform([63], generator: &generator) - 0.5
            for tensor in [x, w, out, b] { tensor.requiresGradient = true }
            let y = try x.affineReLU(w, b).matmul(out)
            try y.backward(seed: try Tensor<Float>.uniform(y.shape, generator: &generator))
            return [widened(y.scalars)] + [x, w, out, b].map { widened($0.gradient?.scalars ?? []) }
        }
    }

    @Test func doubleSameBitsOnAnyThreadCount() throws {
        try expectSameBitsOnAnyThreadCount { generator in
            let x = try Tensor<Double>.uniform([3000, 75], generator: &generator)
            let w = try Tensor<Double>.uniform([75, 75], generator: &generator)
            x.requiresGradient = true
            w.requiresGradient = true
            let y = try x.matmul(w)
            try y.backward(seed: try Tensor<Double>.uniform(y.shape, generator: &generator))
            return [y.scalars, x.gradient?.scalars ?? [], w.gradient?.scalars ?? []]
        }
    }
}

/// Operands for op(A)·op(B) with leading dimensions wider than needed, and
/// C's starting values, all random.
private struct ProductCase<T: TensorScalar>: CustomStringConvertible {
    let ta: Bool, tb: Bool, m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int
    let a: [T], b: [T], c: [T]

    init(ta: Bool, tb: Bool, m: Int, n: Int, k: Int, generator: inout RandomGenerator) throws {
        (self.ta, self.tb, self.m, self.n, self.k) = (ta, tb, m, n, k)
        // Padded unless the shape must be exact (the matmul case).
        let pad = m == 300 && n == 100 && k == 40 ? 0 : 3
        lda = (ta ? m : k) + pad
        ldb = (tb ? k : n) + pad
        ldc = n + pad
        a = try Tensor<T>.uniform([(ta ? k : m) * lda], generator: &generator).scalars.map { $0 - 0.5 }
        b = try Tensor<T>.uniform([(tb ? n : k) * ldb], generator: &generator).scalars.map { $0 - 0.5 }
        c = try Tensor<T>.uniform([m * ldc], generator: &generator).scalars
    }

    var description: String { "\(ta ? "T" : "N")\(tb ? "T" : "N") m \(m) n \(n) k \(k)" }

    /// C as the kernels promise it: per element, one chain in the order of
    /// p, from 0 or from C, fused or not; beside what `body` wrote into C.
    func compare(fused: Bool, accumulate: Bool, _ body: (UnsafeMutablePointer<T>) throws -> Void) rethrows -> ([Double], [Double]) {
        var expected = c
        for i in 0..<m {
            for j in 0..<n {
                var sum: T = accumulate ? c[i * ldc + j] : 0
                for p in 0..<k {
                    let x = ta ? a[p * lda + i] : a[i * lda + p]
                    let y = tb ? b[j * ldb + p] : b[p * ldb + j]
                    sum = fused ? sum.addingProduct(x, y) : sum + x * y
                }
                expected[i * ldc + j] = sum
            }
        }
        var actual = c
        try actual.withUnsafeMutableBufferPointer { try body($0.baseAddress!) }
        return (expected.map { Double($0) }, actual.map { Double($0) })
    }

    func run(family: DLNKernelFamily, wideLayout: Bool, accumulate: Bool, c: UnsafeMutablePointer<T>) {
        let flags = (ta ? Int32(1) : 0, tb ? Int32(1) : 0, accumulate ? Int32(1) : 0, wideLayout ? Int32(1) : 0)
        let status: Int32
        if T.self == Float.self {
            status = (a as! [Float]).withUnsafeBufferPointer { a in
                (b as! [Float]).withUnsafeBufferPointer { b in
                    c.withMemoryRebound(to: Float.self, capacity: m * ldc) { c in
                        dln_thin_sgemm_family(family, flags.3, flags.0, flags.1, m, n, k, a.baseAddress, lda,
                                              b.baseAddress, ldb, flags.2, c, ldc)
                    }
                }
            }
        } else {
            status = (a as! [Double]).withUnsafeBufferPointer { a in
                (b as! [Double]).withUnsafeBufferPointer { b in
                    c.withMemoryRebound(to: Double.self, capacity: m * ldc) { c in
                        dln_thin_dgemm_family(family, flags.3, flags.0, flags.1, m, n, k, a.baseAddress, lda,
                                              b.baseAddress, ldb, flags.2, c, ldc)
                    }
                }
            }
        }
        #expect(status == 0, "the kernel did not run")
    }
}
