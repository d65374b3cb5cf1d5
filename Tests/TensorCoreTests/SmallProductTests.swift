import Testing
@testable import TensorCore

/// The column-by-column loops of `SmallProduct` for products of one to three
/// terms give the bits of the row-by-row loops they replace: each element
/// the same product (k = 1) or the same `dot` (k = 2, 3).
@Suite("Small products")
struct SmallProductTests {
    /// C = op(A)·op(B) (+ C) as the row-by-row loops computed it.
    static func rowByRow<T: TensorScalar>(
        transposeA ta: Bool, transposeB tb: Bool, m: Int, n: Int, k: Int,
        a: [T], lda: Int, b: [T], ldb: Int, accumulate: Bool, c: inout [T], ldc: Int
    ) {
        let (aRow, aCol) = ta ? (1, lda) : (lda, 1)
        let (bRow, bCol) = tb ? (1, ldb) : (ldb, 1)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for i in 0..<m {
                    for j in 0..<n {
                        let value = k == 1
                            ? a[i * aRow] * b[j * bCol]
                            : SmallProduct.dot(a.baseAddress! + i * aRow, stride: aCol, b.baseAddress! + j * bCol, stride: bRow, count: k)
                        c[i * ldc + j] = accumulate ? c[i * ldc + j] + value : value
                    }
                }
            }
        }
    }

    static func check<T: TensorScalar>(_: T.Type) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextSample() -> T {   // a fixed sequence in [−2, 2)
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return T(Double(state >> 11) / Double(1 << 53) * 4 - 2)
        }
        let cases = [0, 1, 5].flatMap { m in [1, 3, 7, 9].flatMap { n in [1, 2, 3].map { k in (m, n, k) } } }
        let flags = [false, true].flatMap { ta in [false, true].flatMap { tb in [false, true].map { (ta, tb, $0) } } }
        for (m, n, k) in cases {
            // Wide rows of a stored B keep their own loop (C's rows added to
            // in place, no dot products): not these loops.
            for (ta, tb, accumulate) in flags where k == 1 || tb || n < 8 {
                // Leading dimensions one wider than needed: strides, not shapes.
                let lda = (ta ? m : k) + 1, ldb = (tb ? k : n) + 1, ldc = n + 1
                let a = (0..<Swift.max((ta ? k : m) * lda, 1)).map { _ in nextSample() }
                let b = (0..<((tb ? n : k) * ldb)).map { _ in nextSample() }
                // Negative zeros among the inputs: 0 + (−0) and −0 · x keep their signs apart.
                let start = (0..<Swift.max(m * ldc, 1)).map { $0 % 4 == 0 ? -T(0) : nextSample() }
                var expected = start, actual = start
                rowByRow(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                         accumulate: accumulate, c: &expected, ldc: ldc)
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        actual.withUnsafeMutableBufferPointer { c in
                            SmallProduct.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a.baseAddress!, lda: lda,
                                              b: b.baseAddress!, ldb: ldb, accumulate: accumulate, c: c.baseAddress!, ldc: ldc)
                        }
                    }
                }
                // Equal with the same sign: the same bits for finite numbers.
                #expect(zip(actual, expected).allSatisfy { $0 == $1 && $0.sign == $1.sign }, "m \(m) n \(n) k \(k) ta \(ta) tb \(tb) accumulate \(accumulate)")
            }
        }
    }

    @Test func columnLoopsGiveTheBitsOfRowLoops() {
        Self.check(Float.self)
        Self.check(Double.self)
    }

    @Test func zeroFactorsKeepTheirSigns() {
        // −0 in A against positive B: the product is −0, a sum from 0 is +0.
        for k in 1...3 {
            let a = [Float](repeating: -0.0, count: 2 * k), b = [Float](repeating: 1, count: k * 3)
            var c = [Float](repeating: 7, count: 6)
            SmallProduct.gemm(transposeA: false, transposeB: false, m: 2, n: 3, k: k, a: a, lda: k, b: b, ldb: 3,
                              accumulate: false, c: &c, ldc: 3)
            #expect(c.allSatisfy { $0 == 0 && $0.sign == (k == 1 ? .minus : .plus) })
        }
    }
}
