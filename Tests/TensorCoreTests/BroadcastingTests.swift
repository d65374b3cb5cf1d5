import Testing
@testable import TensorCore

@Suite("Broadcasting, shapes and errors")
struct BroadcastingTests {
    @Test func broadcastShapesFollowNumPy() throws {
        #expect(try Shape.broadcast([2, 3], [3], operation: "+") == [2, 3])
        #expect(try Shape.broadcast([4, 1], [1, 5], operation: "+") == [4, 5])
        #expect(try Shape.broadcast([], [2, 2], operation: "+") == [2, 2])
        #expect(try Shape.broadcast([3, 1, 2], [4, 1], operation: "+") == [3, 4, 2])
        #expect(throws: TensorError.shapeMismatch(operation: "+", [2, 3], [2])) {
            try Shape.broadcast([2, 3], [2], operation: "+")
        }
    }

    @Test func columnPlusRowGivesAGrid() throws {
        let column = try Tensor<Float>(shape: [3, 1], scalars: [0, 10, 20])
        let row = Tensor<Float>([1, 2])
        let sum = try column + row
        #expect(sum.shape == [3, 2])
        #expect(sum.scalars == [1, 2, 11, 12, 21, 22])
    }

    @Test func mismatchedOperandsThrowWithBothShapes() throws {
        let a = try Tensor<Float>.zeros([2, 3]), b = try Tensor<Float>.zeros([4])
        #expect(throws: TensorError.shapeMismatch(operation: "*", [2, 3], [4])) { try a * b }
        #expect(throws: TensorError.shapeMismatch(operation: "@", [2, 3], [4])) { try a.matmul(b) }
        let error = TensorError.shapeMismatch(operation: "@", [2, 3], [4])
        #expect(error.description == "@: shapes (2, 3) and (4,) do not match")
    }

    @Test func badAxesAndIndicesThrow() throws {
        let a = try Tensor<Float>.zeros([2, 3])
        #expect(throws: TensorError.invalidAxis(2, rank: 2)) { try a.sum(alongAxis: 2) }
        #expect(throws: TensorError.invalidAxis(-3, rank: 2)) { try a.softmax(alongAxis: -3) }
        #expect(throws: TensorError.indexOutOfRange(5, axis: 1, size: 3)) { try a.slice([.all, .at(5)]) }
        #expect(throws: TensorError.indexOutOfRange(-3, axis: 0, size: 2)) { try a.element(at: [-3, 0]) }
        #expect(throws: TensorError.self) { try a.slice([.at(0), .at(0), .at(0)]) }
        #expect(throws: TensorError.self) { try a.slice([.range(nil, nil, 0)]) }
        #expect(throws: TensorError.self) { try a.reshaped(to: [4, 2]) }
        #expect(throws: TensorError.self) { try a.reshaped(to: [-1, -1]) }
        #expect(throws: TensorError.self) { try Tensor<Float>.zeros([-1, 3]) }
        #expect(throws: TensorError.self) { try Tensor<Float>.zeros([1_000_000, 1_000_000]) }
        #expect(throws: TensorError.self) { try Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3]) }
    }

    @Test func slicingFollowsNumPy() throws {
        let a = try Tensor<Float>.arange(0, 12).reshaped(to: [3, 4])
        #expect(try a.slice([.range(1, nil, nil)]).scalars == [4, 5, 6, 7, 8, 9, 10, 11])
        #expect(try a.slice([.all, .at(0)]).scalars == [0, 4, 8])
        #expect(try a.slice([.all, .at(0)]).shape == [3])
        #expect(try a.slice([.at(-1), .range(nil, nil, -2)]).scalars == [11, 9])
        #expect(try a.slice([.range(-2, 100, nil), .range(1, 3, nil)]).scalars == [5, 6, 9, 10])
        #expect(try a.slice([.range(2, 1, nil)]).shape == [0, 4])
    }

    @Test func assignmentThroughAnIndex() throws {
        let a = try Tensor<Float>.zeros([2, 3])
        let b = try a.replacing([.at(1)], with: Tensor([7]))
        #expect(b.scalars == [0, 0, 0, 7, 7, 7])
        #expect(throws: TensorError.self) { try a.replacing([.at(1)], with: Tensor([1, 2])) }
    }

    @Test func matrixProductsFollowNumPy() throws {
        let a = try Tensor<Float>(rows: [[1, 2], [3, 4]])
        let v = Tensor<Float>([1, 1])
        #expect(try a.matmul(a).scalars == [7, 10, 15, 22])
        #expect(try a.matmul(v).scalars == [3, 7])
        #expect(try v.matmul(a).scalars == [4, 6])
        #expect(try v.matmul(v).shape == [])
        let stack = try Tensor<Double>.arange(0, 8).reshaped(to: [2, 2, 2])
        let product = try stack.matmul(Tensor<Double>.eye(2))
        #expect(product.shape == [2, 2, 2] && product.scalars == stack.scalars)
    }

    @Test func reductionsAndSoftmaxValues() throws {
        let a = try Tensor<Double>(rows: [[1, 5, 2], [7, 0, 3]])
        #expect(try a.sum(alongAxis: 0).scalars == [8, 5, 5])
        #expect(try a.max(alongAxis: 1).scalars == [5, 7])
        #expect(try a.argmax(alongAxis: 1).scalars == [1, 0])
        #expect(try a.argmax() == 3)
        let huge = Tensor<Double>([1000, 1000])
        #expect(try huge.logSumExp(alongAxis: 0).scalarValue() == 1000 + Double.log(2))
        #expect(try huge.softmax().scalars.allSatisfy { Swift.abs($0 - 0.5) < 1e-12 })
    }

    @Test func convolutionAndPoolingValues() throws {
        // A 4×4 input, a 2×2 window, stride 2: the notes' max-pooling example.
        let input = try Tensor<Float>(shape: [1, 1, 4, 4], scalars: [1, 1, 2, 4, 5, 6, 7, 8, 3, 2, 1, 0, 1, 2, 3, 4])
        #expect(try input.maxPooled2D(size: 2).scalars == [6, 8, 3, 4])
        let ones = try Tensor<Float>.ones([1, 1, 2, 2])
        let convolved = try input.convolved2D(with: ones, stride: 2)
        #expect(convolved.scalars == [13, 21, 8, 8])
        let padded = try Tensor<Float>.ones([1, 3, 32, 32]).convolved2D(with: Tensor.ones([10, 3, 5, 5]), stride: 1, padding: 2)
        #expect(padded.shape == [1, 10, 32, 32])
    }

    @Test func creation() throws {
        #expect(try Tensor<Double>.linspace(0, 1, count: 5).scalars == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor<Double>.arange(0, 1, step: 0.25).scalars == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor<Float>.eye(2).scalars == [1, 0, 0, 1])
        #expect(try Tensor<Float>.nested([[1, 2], [3, 4]] as [Any]).shape == [2, 2])
        #expect(throws: TensorError.self) { try Tensor<Float>.nested([[1, 2], [3]] as [Any]) }
    }
}
