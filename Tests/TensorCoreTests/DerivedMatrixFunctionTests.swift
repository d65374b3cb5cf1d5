import Foundation
import Testing
@testable import TensorCore

@Suite("slogdet, pinv, matrix_rank, matrix_power")
struct DerivedMatrixFunctionTests {
    @Test func signAndLogDeterminant() throws {
        let (sign, log) = try T64(rows: [[1, 2], [3, 4]]).signAndLogDeterminant()
        #expect(sign.scalars == [-1] && Swift.abs(log.scalars[0] - Foundation.log(2.0)) < 1e-15)
        let singular = try T64(rows: [[1, 2], [2, 4]]).signAndLogDeterminant()
        #expect(singular.sign.scalars == [0] && singular.logAbsoluteValue.scalars == [-.infinity])
        // det = 10^-400 underflows; its logarithm does not.
        let tiny = try T64.eye(4).multiplying(T64(1e-100)).signAndLogDeterminant()
        #expect(tiny.sign.scalars == [1] && Swift.abs(tiny.logAbsoluteValue.scalars[0] + 400 * Foundation.log(10.0)) < 1e-9)
        let stack = try T64(rows: [[0, 1], [1, 0]]).reshaped(to: [1, 2, 2]).signAndLogDeterminant()
        #expect(stack.sign.shape == [1] && stack.sign.scalars == [-1] && stack.logAbsoluteValue.scalars == [0])
        #expect(try T64.zeros([0, 0]).signAndLogDeterminant().sign.scalars == [1])
    }

    @Test func pseudoInverse() throws {
        let a = try sample([4, 3], seed: 111)
        let p = try a.pseudoInverse()
        #expect(try p.shape == [3, 4] && close(a.matmul(p).matmul(a), a, tolerance: 1e-12))
        let square = try sample([3, 3], seed: 112)
        #expect(close(try square.pseudoInverse(), try square.inverse(), tolerance: 1e-10))
        #expect(close(try T64(rows: [[1, 1], [1, 1]]).pseudoInverse(), try T64.full([2, 2], 0.25), tolerance: 1e-15))
    }

    @Test func matrixRank() throws {
        #expect(try T64(rows: [[1, 2], [2, 4]]).matrixRank().scalars == [1])
        #expect(try T64.eye(3).matrixRank().scalars == [3])
        #expect(try T64.zeros([2, 3]).matrixRank().scalars == [0])
        #expect(try T64.zeros([0, 3]).matrixRank().scalars == [0])
        #expect(try T64.eye(3).matrixRank(tolerance: 2).scalars == [0])
        #expect(try sample([2, 3, 3], seed: 113).matrixRank().scalars == [3, 3])
    }

    @Test func matrixPower() throws {
        let fibonacci = try T64(rows: [[1, 1], [1, 0]])
        #expect(try fibonacci.matrixPower(10).scalars == [89, 55, 55, 34])
        #expect(try fibonacci.matrixPower(0).scalars == [1, 0, 0, 1])
        #expect(close(try fibonacci.matrixPower(-1), try fibonacci.inverse(), tolerance: 1e-15))
        #expect(try T64.stack([fibonacci, fibonacci]).matrixPower(2).scalars == [2, 1, 1, 1, 2, 1, 1, 1])
        #expect(try T64.eye(2).matrixPower(Int.min).scalars == [1, 0, 0, 1])
        #expect(throws: TensorError.self) { try T64.zeros([2, 3]).matrixPower(2) }
        #expect(throws: TensorError.self) { try T64([1, 2]).matrixPower(2) }
    }

    @Test func gradients() throws {
        let a = try sample([3, 3], seed: 114).adding(T64.eye(3).multiplying(T64(3)))
        try checkGradients([a]) { try $0[0].signAndLogDeterminant().logAbsoluteValue }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { try $0[0].signAndLogDeterminant().logAbsoluteValue }
        try checkGradients([try sample([4, 3], seed: 115)], tolerance: 1e-5) { try $0[0].pseudoInverse() }
        for n in [3, -2] { try checkGradients([a]) { try $0[0].matrixPower(n) } }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { try $0[0].matrixPower(3) }
    }
}

@Suite("Matrix norms")
struct MatrixNormTests {
    @Test func knownValues() throws {
        let a = try T64(rows: [[1, -2], [3, 4]])
        let expected: [(MatrixNorm, Double)] = [
            (.frobenius, 30.0.squareRoot()), (.largestColumnSum, 6), (.smallestColumnSum, 4), (.largestRowSum, 7),
            (.smallestRowSum, 3), (.nuclear, 50.0.squareRoot()),
            (.largestSingularValue, (15 + 5 * 5.0.squareRoot()).squareRoot()), (.smallestSingularValue, (15 - 5 * 5.0.squareRoot()).squareRoot()),
        ]
        for (kind, value) in expected { #expect(Swift.abs(try a.matrixNorm(kind).scalarValue() - value) < 1e-12, "\(kind)") }
        #expect(MatrixNorm(numpyOrder: -.infinity) == .smallestRowSum && MatrixNorm(numpyOrder: 3) == nil)
        #expect(try T64.stack([a, a.negated()]).matrixNorm(.largestRowSum).scalars == [7, 7])
        #expect(try T64.zeros([0, 2]).matrixNorm(.frobenius).scalars == [0])
        #expect(throws: TensorError.self) { try T64.zeros([0, 2]).matrixNorm(.largestColumnSum) }
        #expect(throws: TensorError.self) { try T64([1, 2]).matrixNorm(.nuclear) }
    }

    @Test func gradients() throws {
        let a = try sample([3, 4], seed: 121)
        for kind: MatrixNorm in [.frobenius, .nuclear, .largestSingularValue, .smallestSingularValue, .largestColumnSum, .smallestRowSum] {
            try checkGradients([a], tolerance: 1e-5) { try $0[0].matrixNorm(kind) }
        }
    }
}
