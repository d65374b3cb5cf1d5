import Testing
@testable import TensorCore

/// The C passes against the plain loops they replaced, bit for bit, on
/// widths around the vector and chunk sizes and on NaN, ±0 and ±∞.
@Suite("Dense layer passes")
struct DenseLayerPassesTests {
    private static let specials: [Double] = [.nan, 0, -0.0, .infinity, -.infinity, 1e-40, -1e-40, 3.5, -2.25]

    private func values<Scalar: TensorScalar>(_ count: Int, seed: Int, as: Scalar.Type) -> [Scalar] {
        (0..<count).map { i in
            let mixed = (i &* 7919 &+ seed &* 104_729) % 97
            if mixed < Self.specials.count { return Scalar(Self.specials[mixed]) }
            return Scalar(Double(mixed - 48) / 7.0)
        }
    }

    private func same<Scalar: TensorScalar>(_ a: [Scalar], _ b: [Scalar]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ($0 == $1 && $0.sign == $1.sign) || ($0.isNaN && $1.isNaN) }
    }

    private func check<Scalar: TensorScalar>(_: Scalar.Type) {
        for n in [1, 3, 7, 8, 15, 16, 17, 63, 64, 65, 130, 200] {
            for rows in [1, 2, 5] {
                let b: [Scalar] = values(n, seed: 1, as: Scalar.self)
                var y: [Scalar] = values(rows * n, seed: 2, as: Scalar.self)
                var expected = y
                for r in 0..<rows { for j in 0..<n { expected[r * n + j] = Swift.max(expected[r * n + j] + b[j], 0) } }
                y.withUnsafeMutableBufferPointer { y in
                    b.withUnsafeBufferPointer { b in DenseLayerPasses.biasReLU(y.baseAddress!, b.baseAddress!, rows: rows, n: n) }
                }
                #expect(same(y, expected), "bias and ReLU, \(rows)×\(n), \(Scalar.self)")

                let dy: [Scalar] = values(rows * n, seed: 3, as: Scalar.self)
                var out = [Scalar](repeating: 9, count: rows * n)
                out.withUnsafeMutableBufferPointer { out in
                    y.withUnsafeBufferPointer { y in
                        dy.withUnsafeBufferPointer { dy in
                            DenseLayerPasses.reluMask(y.baseAddress!, dy.baseAddress!, into: out.baseAddress!, count: rows * n)
                        }
                    }
                }
                #expect(same(out, zip(y, dy).map { $0 > 0 ? $1 : 0 }), "ReLU mask, \(rows)×\(n), \(Scalar.self)")

                // A block of columns inside wider rows, added to sums that start non-zero.
                let (offset, stride) = (1, n + 3)
                let matrix: [Scalar] = values(rows * stride, seed: 4, as: Scalar.self)
                var sums: [Scalar] = values(n, seed: 5, as: Scalar.self)
                var expectedSums = sums
                for r in 0..<rows { for j in 0..<n { expectedSums[j] += matrix[r * stride + offset + j] } }
                sums.withUnsafeMutableBufferPointer { sums in
                    matrix.withUnsafeBufferPointer { m in
                        DenseLayerPasses.addColumns(m.baseAddress! + offset, rows: rows, stride: stride, width: n, into: sums.baseAddress!)
                    }
                }
                #expect(same(sums, expectedSums), "column sums, \(rows)×\(n), \(Scalar.self)")
            }
        }
    }

    @Test func floatPassesMatchThePlainLoops() { check(Float.self) }
    @Test func doublePassesMatchThePlainLoops() { check(Double.self) }

    /// Many rows: the sums' order is the rows' order (a sum that drifts
    /// with rounding shows a change of order).
    @Test func columnSumsAddRowAfterRow() {
        let (rows, n) = (1000, 70)
        let matrix: [Float] = (0..<rows * n).map { i in Float(i % 13) * 1.1e-3 + (i % 5 == 0 ? 1e4 : 0) }
        var sums = [Float](repeating: 0, count: n)
        var expected = sums
        for r in 0..<rows { for j in 0..<n { expected[j] += matrix[r * n + j] } }
        sums.withUnsafeMutableBufferPointer { sums in
            matrix.withUnsafeBufferPointer { m in DenseLayerPasses.addColumns(m.baseAddress!, rows: rows, stride: n, width: n, into: sums.baseAddress!) }
        }
        #expect(same(sums, expected))
    }
}
