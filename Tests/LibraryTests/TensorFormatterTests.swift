import Testing
import TensorCore
@testable import Library

@Suite("Tensor display")
struct TensorFormatterTests {
    let formatter = TensorFormatter()

    @Test func matrixColumnsAlign() throws {
        let t = try Tensor<Float>(rows: [[1, -2.5, 3], [10, 0.25, 6]])
        #expect(formatter.format(t) == """
            [[ 1.00, -2.50,  3.00],
             [10.00,  0.25,  6.00]]
            (2, 3) float32
            """)
    }

    @Test func integersAndScalars() throws {
        #expect(formatter.format(Tensor<Double>([1, 2, 30])) == "[ 1,  2, 30]\n(3,) float64")
        #expect(formatter.format(Tensor<Float>(0.5)) == "0.5\n() float32")
    }

    @Test func scientificForWideRanges() {
        #expect(formatter.body(Tensor<Double>([1e-6, 2])) == "[1.0000e-06, 2.0000e+00]")
    }

    @Test func largeTensorsAreElided() throws {
        let t = try Tensor<Float>.arange(0, 2000)
        #expect(formatter.body(t) == "[   0,    1,    2, …, 1997, 1998, 1999]")
        let m = try Tensor<Float>.arange(0, 1200).reshaped(to: [40, 30])
        let lines = formatter.body(m).split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[3] == " …,")
    }

    @Test func rank3HasBlankLinesBetweenBlocks() throws {
        let t = try Tensor<Float>.arange(0, 8).reshaped(to: [2, 2, 2])
        #expect(formatter.body(t) == "[[[0, 1],\n  [2, 3]],\n\n [[4, 5],\n  [6, 7]]]")
    }

    @Test func nonFiniteValues() {
        #expect(formatter.body(Tensor<Double>([.nan, .infinity, 1.5])) == "[nan, inf, 1.5]")
    }
}

@Suite("Tensor display of hostile shapes")
struct TensorFormatterBoundsTests {
    let formatter = TensorFormatter()

    @Test func manyAxesAreSummarised() throws {
        let t = try Tensor<Float>([5]).reshaped(to: [Int](repeating: 1, count: 100_000))
        #expect(formatter.body(t) == "[1 values over 100000 axes, too many axes to lay out: 5]")
        #expect(formatter.footer(t) == "(1, 1, 1, …, 1, 1, 1) float32, rank 100000")
    }

    @Test func emptyTensorsWithHugeAxesAreBrackets() throws {
        #expect(formatter.body(try Tensor<Float>.zeros([268_435_456, 0])) == "[]")
    }

    @Test func tooManyShownValuesAreSummarised() throws {
        let t = try Tensor<Float>.arange(0, 8192).reshaped(to: [Int](repeating: 2, count: 13))
        #expect(formatter.body(t) == "[8192 values over 13 axes, too many values to lay out: 0, 1, 2, …, 8189, 8190, 8191]")
    }
}
