import Testing
@testable import TensorCore

/// Sums of many elements: pairwise, so that float32 keeps its digits.
@Suite struct SummationTests {
    @Test func aLongFloat32SumIsExact() throws {
        // Added one after the other this gives 251,526,060.
        let x = try Tensor<Float>.full([4_000_000], 60)
        #expect(try x.sum().scalarValue() == 240_000_000)
        #expect(try x.mean().scalarValue() == 60)
    }

    @Test func sumsAlongAnAxisArePairwiseToo() throws {
        let narrow = try Tensor<Float>.full([1_000_000, 3], 0.1)
        let wide = try Tensor<Float>.full([200_000, 20], 0.1)
        // 0.1f × 10^6 = 100,000.0015…; the plain loop gives 100,958.34.
        for value in try narrow.sum(alongAxis: 0).scalars { #expect(Swift.abs(value - 100_000) < 0.2) }
        for value in try wide.sum(alongAxis: 0).scalars { #expect(Swift.abs(value - 20_000) < 0.01) }
    }

    @Test func shortSumsAreThePlainLoopsBitForBit() throws {
        let values: [Float] = (0..<128).map { Float($0) * 0.37 + 1e-3 }
        var plain: Float = 0
        for value in values { plain += value }
        #expect(try Tensor(values).sum().scalarValue() == plain)
    }

    @Test func emptySumsAreZero() throws {
        #expect(try Tensor<Float>.zeros([0]).sum().scalarValue() == 0)
        #expect(try Tensor<Float>.zeros([0, 4]).sum(alongAxis: 0).scalars == [0, 0, 0, 0])
    }
}
