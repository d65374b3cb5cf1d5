import CMatrixKernels
import Testing
@testable import TensorCore

/// The thin-shape kernels' epilogues (bias and ReLU, ReLU gate) and B's
/// column sums: for every family this CPU runs, the product with its
/// epilogue against the plain chain of multiply-adds followed by the dense
/// layer's pass, and the sums against B's rows added in order, bit for bit,
/// on widths around every panel width (half, one and two vectors) and
/// values at the passes' edges (±0, NaN, ±∞).
@Suite("Thin-shape product epilogues")
struct ThinProductEpilogueTests {
    static let best = dln_thin_family()
    static let families: [(DLNKernelFamily, wideLayout: Bool)] =
        [(DLNKernelFamilyPortable, false)]
        + (best.rawValue >= DLNKernelFamilyAVX2.rawValue ? [(DLNKernelFamilyAVX2, false), (DLNKernelFamilyAVX2, true)] : [])
        + (best.rawValue >= DLNKernelFamilyAVX512.rawValue ? [(DLNKernelFamilyAVX512, false)] : [])

    static let widths = [1, 4, 7, 8, 9, 10, 16, 17, 20, 24, 25, 33, 40, 63, 100]
    /// Rows around the tiles' heights; steps of k within one block and
    /// across the blocks (256 floats, 128 doubles); B read in place and, past
    /// 512 rows, packed; a weight gradient of a few columns, which with no
    /// epilogue goes as its transpose (600 rows).
    static let shapes: [(m: Int, k: Int)] = [(1, 1), (5, 3), (13, 40), (30, 300), (600, 20)]

    @Test func floatEpilogues() throws {
        for (family, wide) in Self.families { try check(Float.self, family: family, wideLayout: wide) }
    }

    @Test func doubleEpilogues() throws {
        for (family, wide) in Self.families { try check(Double.self, family: family, wideLayout: wide) }
    }

    /// An epilogue needs an operand, a C written afresh and a step of k.
    @Test func refusesWhatItCannotDo() {
        var (a, b, c, bias) = ([Float](repeating: 1, count: 4), [Float](repeating: 1, count: 4), [Float](repeating: 7, count: 4), [Float](repeating: 0, count: 2))
        var sums = [Float](repeating: 0, count: 2)
        let refused = [
            dln_thin_sgemm_epilogue_family(Self.best, 0, 0, 0, 2, 2, 2, &a, 2, &b, 2, 1, &c, 2, DLNEpilogueBiasReLU, &bias, 0, nil),
            dln_thin_sgemm_epilogue_family(Self.best, 0, 0, 0, 2, 2, 0, &a, 2, &b, 2, 0, &c, 2, DLNEpilogueBiasReLU, &bias, 0, nil),
            dln_thin_sgemm_epilogue_family(Self.best, 0, 0, 0, 2, 2, 2, &a, 2, &b, 2, 0, &c, 2, DLNEpilogueReLUGate, nil, 2, nil),
            dln_thin_sgemm_epilogue_family(Self.best, 0, 0, 0, 2, 2, 2, &a, 2, &b, 2, 0, &c, 2, DLNEpilogue(rawValue: 9), &bias, 0, nil),
            // Column sums of B need B as stored.
            dln_thin_sgemm_epilogue_family(Self.best, 0, 0, 1, 2, 2, 2, &a, 2, &b, 2, 0, &c, 2, DLNEpilogueNone, nil, 0, &sums),
        ]
        #expect(refused == [-1, -1, -1, -1, -1])
        #expect(sums == [0, 0])
        #expect(c == [7, 7, 7, 7])
    }

    private func check<T: TensorScalar & BinaryFloatingPoint>(_: T.Type, family: DLNKernelFamily, wideLayout: Bool) throws {
        let fused = dln_thin_family_fuses(family) != 0
        var generator = RandomGenerator(seed: 17)
        for (m, k) in Self.shapes {
            for n in Self.widths {
                for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                    let operands = try EpilogueCase<T>(ta: ta, tb: tb, m: m, n: n, k: k, generator: &generator)
                    let chain = operands.chain(fused: fused)
                    for kind in [DLNEpilogueNone, DLNEpilogueBiasReLU, DLNEpilogueReLUGate] {
                        let expected = operands.pass(kind, over: chain)
                        let (actual, sums) = try operands.run(kind, family: family, wideLayout: wideLayout)
                        try #require(BitDifference(expected, actual) == nil,
                                     "\(T.self) family \(family.rawValue) wide \(wideLayout) kind \(kind.rawValue) \(operands)")
                        try #require(BitDifference(operands.columnSums, sums) == nil, "\(T.self) column sums \(operands)")
                    }
                }
            }
        }
    }
}

/// Operands with padded leading dimensions; a bias and a gate holding the
/// passes' edge values; C's padding must come out untouched.
private struct EpilogueCase<T: TensorScalar & BinaryFloatingPoint>: CustomStringConvertible {
    let ta: Bool, tb: Bool, m: Int, n: Int, k: Int
    let lda: Int, ldb: Int, ldc: Int, ldg: Int
    var a: [T], b: [T], c: [T], bias: [T], gate: [T]

    static var edges: [T] { [0, -0, .nan, .infinity, -.infinity, 1, -1] }

    init(ta: Bool, tb: Bool, m: Int, n: Int, k: Int, generator: inout RandomGenerator) throws {
        (self.ta, self.tb, self.m, self.n, self.k) = (ta, tb, m, n, k)
        (lda, ldb, ldc, ldg) = ((ta ? m : k) + 3, (tb ? k : n) + 2, n + 5, n + 1)
        a = try Tensor<T>.uniform([(ta ? k : m) * lda], generator: &generator).scalars.map { $0 - 0.5 }
        b = try Tensor<T>.uniform([(tb ? n : k) * ldb], generator: &generator).scalars.map { $0 - 0.5 }
        c = try Tensor<T>.uniform([m * ldc], generator: &generator).scalars
        bias = try Tensor<T>.uniform([n], generator: &generator).scalars.map { $0 - 0.5 }
        gate = try Tensor<T>.uniform([m * ldg], generator: &generator).scalars.map { $0 - 0.5 }
        // Column 0 of B is zero, so its sums are exactly 0 before the bias.
        for p in 0..<k { b[tb ? p : p * ldb] = 0 }
        for (j, edge) in Self.edges.enumerated() where j < n { bias[j] = edge }
        for (i, edge) in Self.edges.enumerated() { gate[(i * 7) % gate.count] = edge }
    }

    var description: String { "\(ta ? "T" : "N")\(tb ? "T" : "N") m \(m) n \(n) k \(k)" }

    /// B's column sums, row after row from 0, as DenseLayerPasses adds them
    /// (asked of the kernels when B is as stored; empty otherwise).
    var columnSums: [Double] {
        guard !tb else { return [] }
        return (0..<n).map { j in Double((0..<k).reduce(T(0)) { $0 + b[$1 * ldb + j] }) }
    }

    /// C as the plain product leaves it: one chain per element, from 0.
    func chain(fused: Bool) -> [T] {
        var result = c
        for i in 0..<m {
            for j in 0..<n {
                var sum: T = 0
                for p in 0..<k {
                    let x = ta ? a[p * lda + i] : a[i * lda + p]
                    let y = tb ? b[j * ldb + p] : b[p * ldb + j]
                    sum = fused ? sum.addingProduct(x, y) : sum + x * y
                }
                result[i * ldc + j] = sum
            }
        }
        return result
    }

    /// The dense layer's pass over C, as DenseLayerPasses.c writes it (none
    /// for DLNEpilogueNone).
    func pass(_ kind: DLNEpilogue, over product: [T]) -> [Double] {
        var result = product
        guard kind != DLNEpilogueNone else { return result.map { Double($0) } }
        for i in 0..<m {
            for j in 0..<n {
                let y = product[i * ldc + j]
                if kind == DLNEpilogueBiasReLU {
                    let sum = y + bias[j]
                    result[i * ldc + j] = 0 >= sum ? 0 : sum
                } else {
                    result[i * ldc + j] = gate[i * ldg + j] > 0 ? y : 0
                }
            }
        }
        return result.map { Double($0) }
    }

    func run(_ kind: DLNEpilogue, family: DLNKernelFamily, wideLayout: Bool) throws -> (c: [Double], sums: [Double]) {
        var (a, b, out) = (a, b, c)
        var sums = [T](repeating: 0, count: tb ? 0 : n)
        var operand = kind == DLNEpilogueBiasReLU ? bias : gate
        let ldo = kind == DLNEpilogueBiasReLU ? 0 : ldg
        let (ta, transposeB, wide) = (ta ? Int32(1) : 0, tb ? Int32(1) : 0, wideLayout ? Int32(1) : 0)
        let status: Int32 = sums.withUnsafeMutableBytes { sumsPointer in
        if T.self == Float.self {
            return a.withUnsafeMutableBytes { a in
                b.withUnsafeMutableBytes { b in
                    out.withUnsafeMutableBytes { c in
                        operand.withUnsafeMutableBytes { o in
                            dln_thin_sgemm_epilogue_family(
                                family, wide, ta, transposeB, m, n, k, a.assumingMemoryBound(to: Float.self).baseAddress, lda,
                                b.assumingMemoryBound(to: Float.self).baseAddress, ldb, 0,
                                c.assumingMemoryBound(to: Float.self).baseAddress, ldc, kind,
                                o.assumingMemoryBound(to: Float.self).baseAddress, ldo,
                                tb ? nil : sumsPointer.assumingMemoryBound(to: Float.self).baseAddress)
                        }
                    }
                }
            }
        } else {
            return a.withUnsafeMutableBytes { a in
                b.withUnsafeMutableBytes { b in
                    out.withUnsafeMutableBytes { c in
                        operand.withUnsafeMutableBytes { o in
                            dln_thin_dgemm_epilogue_family(
                                family, wide, ta, transposeB, m, n, k, a.assumingMemoryBound(to: Double.self).baseAddress, lda,
                                b.assumingMemoryBound(to: Double.self).baseAddress, ldb, 0,
                                c.assumingMemoryBound(to: Double.self).baseAddress, ldc, kind,
                                o.assumingMemoryBound(to: Double.self).baseAddress, ldo,
                                tb ? nil : sumsPointer.assumingMemoryBound(to: Double.self).baseAddress)
                        }
                    }
                }
            }
        }
        }
        try #require(status == 0, "the kernel did not run")
        return (out.map { Double($0) }, sums.map { Double($0) })
    }
}
