import Testing
@testable import TensorCore

/// Every new operation on empty, rank-0, non-finite and oddly shaped inputs
/// and absurd arguments: each returns a result or throws a `TensorError`,
/// and never traps.
@Suite("New operations on hostile inputs")
struct HostileInputTests {
    static func inputs() throws -> [T64] {
        [T64(2), T64(.nan), try T64.zeros([0]), try T64.zeros([0, 3]), try T64.zeros([3, 0]), try T64.zeros([2, 0, 2]),
         T64([.nan, .infinity, -.infinity, 0, -0.0]), try T64(rows: [[1e308, -1e308], [.leastNonzeroMagnitude, .nan]]),
         try T64.full([3, 3], 1), try sample([2, 3, 2], seed: 1)]
    }

    typealias Operation = (T64) throws -> Any
    static let axes = [0, -1, 2, Int.max, Int.min]

    static var unary: [Operation] {
        var operations: [Operation] = [
            { try $0.prod() }, { try $0.variance() }, { try $0.variance(ddof: Int.max) }, { try $0.standardDeviation(ddof: 1) },
            { try $0.argmin() }, { try $0.cumulativeSum() }, { try $0.cumulativeProduct() }, { $0.unique() },
            { try $0.sign() }, { try $0.log10() }, { try $0.log2() }, { try $0.log1p() }, { try $0.expm1() }, { try $0.hypot($0) }, { try $0.atan2($0) },
            { try $0.gamma() }, { try $0.logGamma() }, { try $0.digamma() }, { try $0.erf() }, { try $0.erfc() }, { try $0.isNaN() }, { try $0.isFinite() },
            { try $0.factorial() }, { try T64.comb($0, $0) }, { try T64.solve($0, $0) }, { try $0.inverse() },
            { try $0.determinant() }, { try T64.leastSquares($0, $0) }, { try $0.svd() }, { try $0.svd(fullMatrices: true) },
            { try $0.eigh() }, { try $0.qr() }, { try $0.cholesky() }, { try $0.norm() }, { try $0.trace() },
            { try T64.outer($0, $0) }, { try T64.kron($0, $0) }, { try $0.signAndLogDeterminant() }, { try $0.pseudoInverse() },
            { try $0.matrixRank() }, { try $0.matrixRank(tolerance: .nan) }, { try $0.matrixPower(Int.min) }, { try $0.matrixPower(3) },
            { try $0.matrixNorm(.nuclear) }, { try $0.matrixNorm(.smallestRowSum) }, { try $0.matrixNorm(.largestSingularValue) },
        ]
        for p: Double in [0, 1, 2, 3, .infinity, -.infinity, .nan, -1] { operations.append { try $0.norm(order: p) } }
        for axis in axes {
            operations += [
                { try $0.prod(alongAxis: axis, keepingDimension: true) }, { try $0.variance(alongAxis: axis, ddof: 1) },
                { try $0.standardDeviation(alongAxis: axis) }, { try $0.argmin(alongAxis: axis) },
                { try $0.cumulativeSum(alongAxis: axis) }, { try $0.cumulativeProduct(alongAxis: axis) },
                { try $0.differences(alongAxis: axis, order: Int.max) }, { try $0.sorted(alongAxis: axis) },
                { try $0.argsort(alongAxis: axis) }, { try $0.norm(alongAxis: axis) },
            ]
        }
        return operations
    }

    @Test func everyOperationReturnsOrThrowsATensorError() throws {
        for input in try Self.inputs() {
            for (index, operation) in Self.unary.enumerated() {
                do { _ = try operation(input) } catch is TensorError {} catch {
                    Issue.record("operation \(index) on shape \(input.shape) threw \(error)")
                }
            }
        }
    }

    @Test func operationsOfTwoTensorsOfEveryPairOfShapes() throws {
        let inputs = try Self.inputs()
        for a in inputs {
            for b in inputs {
                let operations: [() throws -> Any] = [
                    { try T64.solve(a, b) }, { try T64.leastSquares(a, b) }, { try a.hypot(b) }, { try a.atan2(b) },
                    { try T64.comb(a, b) }, { try T64.outer(a, b) }, { try T64.kron(a, b) },
                ]
                for (index, operation) in operations.enumerated() {
                    do { _ = try operation() } catch is TensorError {} catch {
                        Issue.record("operation \(index) on shapes \(a.shape), \(b.shape) threw \(error)")
                    }
                }
            }
        }
    }

    @Test func gradientsThroughEveryDifferentiableOperationReturnOrThrow() throws {
        for input in try Self.inputs() {
            for (index, operation) in Self.unary.enumerated() {
                let x = input.detached()
                x.requiresGradient = true
                do {
                    guard let output = try operation(x) as? T64, output.requiresGradient else { continue }
                    try output.backward(seed: T64.ones(output.shape))
                } catch is TensorError {} catch {
                    Issue.record("gradient of operation \(index) on shape \(input.shape) threw \(error)")
                }
            }
        }
    }
}
