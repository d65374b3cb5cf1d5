import Foundation
import Testing
@testable import TensorCore

/// Whether two arrays agree element by element within `tolerance`, NaN matching NaN.
func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || Swift.abs($0 - $1) <= tolerance }
}

@Suite("Reductions and scans")
struct ReductionAndScanTests {
    let matrix: T64

    init() throws { matrix = try T64(rows: [[1, 2, 3], [4, 5, 6]]) }

    @Test func productsOfKnownValues() throws {
        #expect(try matrix.prod().scalars == [720])
        #expect(try matrix.prod(alongAxis: 0).scalars == [4, 10, 18])
        let rows = try matrix.prod(alongAxis: -1, keepingDimension: true)
        #expect(rows.shape == [2, 1] && rows.scalars == [6, 120])
        #expect(try T64.zeros([0]).prod().scalars == [1])
        #expect(try T64.zeros([2, 0]).prod(alongAxis: 1).scalars == [1, 1])
        #expect(try Tensor<Float>([2, 0.5, 3]).prod().scalars == [3])
    }

    @Test func varianceAndStandardDeviation() throws {
        let x = T64([1, 2, 3, 4])
        #expect(try x.variance().scalars == [1.25])
        #expect(close(try x.variance(ddof: 1).scalars, [5.0 / 3]))
        #expect(close(try x.standardDeviation().scalars, [Double(1.25).squareRoot()]))
        #expect(try matrix.variance(alongAxis: 0).scalars == [2.25, 2.25, 2.25])
        let rows = try matrix.standardDeviation(alongAxis: 1, ddof: 1, keepingDimension: true)
        #expect(rows.shape == [2, 1] && rows.scalars == [1, 1])
        #expect(try Tensor<Float>([2, 4, 4, 4, 5, 5, 7, 9]).standardDeviation().scalars == [2])
        #expect(throws: TensorError.self) { try x.variance(ddof: 4) }
        #expect(throws: TensorError.invalidArgument(
            operation: "std", reason: "needs more than ddof = 1 elements (ddof ≥ 0) along axis 0, which has 1")) {
            try T64([1]).standardDeviation(ddof: 1)
        }
        #expect(throws: TensorError.self) { try x.variance(ddof: -1) }
        #expect(throws: TensorError.self) { try T64.zeros([0]).variance() }
        #expect(throws: TensorError.self) { try matrix.variance(alongAxis: 2) }
    }

    @Test func argminTakesTheFirstSmallestAndNaN() throws {
        #expect(try T64([3, 1, 1, 2]).argmin() == 1)
        #expect(try T64([3, .nan, 1, .nan]).argmin() == 1)
        #expect(try matrix.argmin(alongAxis: 0).scalars == [0, 0, 0])
        let rows = try T64(rows: [[3, 1, 1], [0, 5, -1]]).argmin(alongAxis: 1, keepingDimension: true)
        #expect(rows.shape == [2, 1] && rows.scalars == [1, 2])
        #expect(throws: TensorError.self) { try T64.zeros([0]).argmin() }
        #expect(throws: TensorError.self) { try T64.zeros([2, 0]).argmin(alongAxis: 1) }
        #expect(throws: TensorError.self) { try Tensor<Float>.checkIndicesRepresentable(upTo: (1 << 24) + 1, operation: "argmin") }
    }

    @Test func scansOfKnownValues() throws {
        #expect(try T64([1, 2, 3, 4]).cumulativeSum().scalars == [1, 3, 6, 10])
        #expect(try matrix.cumulativeSum().shape == [6])
        #expect(try matrix.cumulativeSum(alongAxis: 0).scalars == [1, 2, 3, 5, 7, 9])
        #expect(try matrix.cumulativeSum(alongAxis: -1).scalars == [1, 3, 6, 4, 9, 15])
        #expect(try T64([1, 2, 3, 4]).cumulativeProduct().scalars == [1, 2, 6, 24])
        #expect(try T64([2, 0, 3]).cumulativeProduct().scalars == [2, 0, 0])
        #expect(try matrix.cumulativeProduct(alongAxis: 0).scalars == [1, 2, 3, 4, 10, 18])
        #expect(try T64(5).cumulativeSum().shape == [1])
        #expect(try T64.zeros([0, 3]).cumulativeProduct(alongAxis: 1).shape == [0, 3])
        #expect(throws: TensorError.self) { try matrix.cumulativeSum(alongAxis: Int.min) }
    }

    @Test func differencesOfKnownValues() throws {
        let squares = T64([1, 4, 9, 16])
        #expect(try squares.differences().scalars == [3, 5, 7])
        #expect(try squares.differences(order: 2).scalars == [2, 2])
        #expect(try squares.differences(order: 0).scalars == squares.scalars)
        #expect(try squares.differences(order: 4).shape == [0])
        #expect(try squares.differences(order: Int.max).shape == [0])
        let columns = try matrix.differences(alongAxis: 0)
        #expect(columns.shape == [1, 3] && columns.scalars == [3, 3, 3])
        #expect(throws: TensorError.self) { try squares.differences(order: -1) }
        #expect(throws: TensorError.self) { try T64(1).differences() }
    }

    @Test func elementwiseFunctionsOfKnownValues() throws {
        #expect(try T64([-2, -0.0, 0, 3, .nan]).sign().scalars.map(\.description) == ["-1.0", "-0.0", "0.0", "1.0", "nan"])
        #expect(try T64([1000, 0.01]).log10().scalars == [3, -2])
        #expect(try T64([8, 0.5]).log2().scalars == [3, -1])
        #expect(try T64([1e-20]).log1p().scalars == [1e-20])
        #expect(try T64([1e-20]).expm1().scalars == [1e-20])
        #expect(try close(T64([1]).expm1().scalars, [M_E - 1]))
        #expect(try Tensor<Float>([100]).log10().scalars == [2])
        #expect(try T64([3, 5]).hypot(T64([4, 12])).scalars == [5, 13])
        #expect(try T64([1e300]).hypot(T64([1e300])).scalars[0].isFinite)
        #expect(try T64(rows: [[3], [6]]).hypot(T64([4, 8])).shape == [2, 2])
        let angles = try T64([1, 0, -1, 0]).atan2(T64([1, -1, -1, 0])).scalars
        #expect(close(angles, [Double.pi / 4, Double.pi, -3 * Double.pi / 4, 0]))
        #expect(throws: TensorError.self) { try T64([1, 2]).atan2(T64([1, 2, 3])) }
    }

    @Test func clampIsClip() throws {
        #expect(try T64([-2, 0.5, 3]).clamped(lower: -1, upper: 1).scalars == [-1, 0.5, 1])
        #expect(throws: TensorError.self) { try T64([1]).clamped(lower: .nan, upper: 1) }
    }
}

@Suite("Sorting")
struct SortingTests {
    @Test func sortsAscendingWithNaNLast() throws {
        #expect(try T64([3, 1, 2]).sorted().scalars == [1, 2, 3])
        let withNaN = try T64([.nan, 2, -1, .nan, 0]).sorted().scalars
        #expect(close(withNaN, [-1, 0, 2, .nan, .nan]))
        let x = try T64(rows: [[3, 1], [2, 5], [1, 4]])
        #expect(try x.sorted().scalars == [1, 3, 2, 5, 1, 4])
        #expect(try x.sorted(alongAxis: 0).scalars == [1, 1, 2, 4, 3, 5])
        #expect(try T64.zeros([0]).sorted().shape == [0])
        #expect(throws: TensorError.self) { try T64(1).sorted() }
    }

    @Test func argsortIsStable() throws {
        #expect(try T64([2, 1, 2, 1]).argsort().scalars == [1, 3, 0, 2])
        #expect(try T64([0.0, -0.0, .nan, -1]).argsort().scalars == [3, 0, 1, 2])
        #expect(try T64(rows: [[3, 1], [2, 5], [1, 4]]).argsort(alongAxis: 0).scalars == [2, 0, 1, 2, 0, 1])
        #expect(try Tensor<Float>([5, 4, 3]).argsort().scalars == [2, 1, 0])
    }

    @Test func uniqueIsSortedWithOneNaN() throws {
        let values = T64([3, 1, 3, .nan, 2, .nan, 1]).unique()
        #expect(values.shape == [4] && close(values.scalars, [1, 2, 3, .nan]))
        #expect(try T64(rows: [[2, 2], [2, 2]]).unique().scalars == [2])
        #expect(try T64.zeros([0, 2]).unique().shape == [0])
    }
}
