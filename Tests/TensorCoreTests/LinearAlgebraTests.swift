import Testing
@testable import TensorCore

/// Whether two tensors have one shape and agree within `tolerance`.
func close<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>, tolerance: S) -> Bool {
    a.shape == b.shape && zip(a.scalars, b.scalars).allSatisfy { Swift.abs($0 - $1) <= tolerance }
}

@Suite("Linear algebra: known values and identities")
struct LinearAlgebraTests {
    let system: T64

    init() throws { system = try T64(rows: [[2, 1, -1], [-3, -1, 2], [-2, 1, 2]]) }

    @Test func solvesAHandComputedSystem() throws {
        #expect(close(try T64.solve(system, T64([8, -11, -3])), T64([2, 3, -1]), tolerance: 1e-12))
        let two = try T64.solve(system, T64(rows: [[8, 1], [-11, 0], [-3, 0]]))
        #expect(try two.shape == [3, 2] && close(two.slice([.all, .at(0)]), T64([2, 3, -1]), tolerance: 1e-12))
        let single = try Tensor<Float>.solve(system.converted(to: Float.self), Tensor<Float>([8, -11, -3]))
        #expect(close(single, Tensor<Float>([2, 3, -1]), tolerance: 1e-5))
        #expect(try T64.solve(T64.zeros([0, 0]), T64.zeros([0])).shape == [0])
    }

    @Test func inverseAndDeterminant() throws {
        let a = try T64(rows: [[4, 7], [2, 6]])
        #expect(close(try a.inverse(), try T64(rows: [[0.6, -0.7], [-0.2, 0.4]]), tolerance: 1e-12))
        #expect(close(try system.matmul(system.inverse()), try T64.eye(3), tolerance: 1e-12))
        #expect(Swift.abs(try system.determinant().scalarValue() + 1) < 1e-12)
        #expect(try T64(rows: [[0, 1], [1, 0]]).determinant().scalars == [-1])
        #expect(try T64(rows: [[0, 1, 0], [0, 0, 1], [1, 0, 0]]).determinant().scalars == [1])
        #expect(try T64(rows: [[1, 2], [2, 4]]).determinant().scalars == [0])
        #expect(try T64.zeros([0, 0]).determinant().scalars == [1])
        #expect(Swift.abs(try Tensor<Float>(rows: [[4, 7], [2, 6]]).determinant().scalarValue() - 10) < 1e-5)
        let random = try sample([5, 5], seed: 61)
        #expect(close(try random.inverse().matmul(random), try T64.eye(5), tolerance: 1e-10))
    }

    @Test func leastSquaresKnownSolutions() throws {
        let line = try T64(rows: [[1, 0], [1, 1], [1, 2]])
        #expect(close(try T64.leastSquares(line, T64([1, 3, 5])), T64([1, 2]), tolerance: 1e-12))
        #expect(close(try T64.leastSquares(line, T64([1, 2, 2])), T64([7.0 / 6, 0.5]), tolerance: 1e-12))
        #expect(close(try T64.leastSquares(T64(rows: [[1, 1]]), T64([2])), T64([1, 1]), tolerance: 1e-12))
        let rankOne = try T64(rows: [[1, 1], [1, 1]])
        #expect(close(try T64.leastSquares(rankOne, T64([2, 2])), T64([1, 1]), tolerance: 1e-12))
        let single = try Tensor<Float>.leastSquares(line.converted(to: Float.self), Tensor<Float>([1, 3, 5]))
        #expect(close(single, Tensor<Float>([1, 2]), tolerance: 1e-5))
        #expect(try T64.leastSquares(T64.zeros([3, 0]), T64([1, 2, 3])).shape == [0])
    }

    @Test(arguments: [[4, 3], [3, 5], [4, 4], [1, 3]])
    func svdReconstructs(shape: [Int]) throws {
        let a = try sample(shape, seed: 62)
        for full in [false, true] {
            let (u, s, vt) = try a.svd(fullMatrices: full)
            let r = shape.min() ?? 0
            let core = try u.slice([.all, .range(0, r, nil)]).multiplying(s).matmul(vt.slice([.range(0, r, nil)]))
            #expect(close(core, a, tolerance: 1e-12))
            #expect(close(try u.transposed().matmul(u), try T64.eye(u.shape[1]), tolerance: 1e-12))
            #expect(close(try vt.matmul(vt.transposed()), try T64.eye(vt.shape[0]), tolerance: 1e-12))
            #expect(zip(s.scalars, s.scalars.dropFirst()).allSatisfy { $0 >= $1 })
        }
        let floats = try a.converted(to: Float.self).svd()
        let rebuilt = try floats.u.multiplying(floats.s).matmul(floats.vt)
        #expect(close(rebuilt, a.converted(to: Float.self), tolerance: 1e-5))
    }

    @Test func svdOfKnownAndEmptyMatrices() throws {
        #expect(close(try T64(rows: [[3, 0], [0, -2]]).svd().s, T64([3, 2]), tolerance: 1e-12))
        let (u, s, vt) = try T64.zeros([3, 0]).svd(fullMatrices: true)
        #expect(u.shape == [3, 3] && s.shape == [0] && vt.shape == [0, 0])
        #expect(try T64.zeros([0, 2]).svd().vt.shape == [0, 2])
    }

    @Test func eighReconstructsAndReadsTheLowerTriangle() throws {
        let (values, vectors) = try T64(rows: [[2, 99], [1, 2]]).eigh()
        #expect(close(values, T64([1, 3]), tolerance: 1e-12))
        #expect(Swift.abs(Swift.abs(try vectors.element(at: [0, 0])) - 0.5.squareRoot()) < 1e-12)
        let x = try sample([4, 4], seed: 63)
        let symmetric = try x.adding(x.transposed())
        let (w, v) = try symmetric.eigh()
        #expect(close(try v.multiplying(w).matmul(v.transposed()), symmetric, tolerance: 1e-12))
        #expect(close(try v.transposed().matmul(v), try T64.eye(4), tolerance: 1e-12))
        let floats = try symmetric.converted(to: Float.self).eigh()
        #expect(close(floats.values, w.converted(to: Float.self), tolerance: 1e-5))
    }

    @Test(arguments: [[4, 3], [3, 5], [3, 3]])
    func qrReconstructs(shape: [Int]) throws {
        let a = try sample(shape, seed: 64)
        let (q, r) = try a.qr()
        #expect(close(try q.matmul(r), a, tolerance: 1e-12))
        #expect(close(try q.transposed().matmul(q), try T64.eye(q.shape[1]), tolerance: 1e-12))
        for i in 0..<r.shape[0] { for j in 0..<i { #expect(try r.element(at: [i, j]) == 0) } }
        let floats = try a.converted(to: Float.self).qr()
        #expect(close(try floats.q.matmul(floats.r), a.converted(to: Float.self), tolerance: 1e-5))
    }

    @Test func choleskyOfAKnownMatrix() throws {
        let l = try T64(rows: [[4, 2], [2, 3]]).cholesky()
        #expect(close(l, try T64(rows: [[2, 0], [1, 2.0.squareRoot()]]), tolerance: 1e-12))
        let x = try sample([4, 4], seed: 65)
        let positive = try x.matmul(x.transposed()).adding(T64.eye(4))
        let factor = try positive.cholesky()
        #expect(close(try factor.matmul(factor.transposed()), positive, tolerance: 1e-12))
        #expect(close(try positive.converted(to: Float.self).cholesky(), factor.converted(to: Float.self), tolerance: 1e-5))
    }

    @Test func normsTraceOuterAndKron() throws {
        #expect(try T64([3, 4]).norm().scalars == [5])
        #expect(try T64(rows: [[3, 4], [6, 8]]).norm(alongAxis: 1).scalars == [5, 10])
        #expect(try T64(rows: [[1, 2], [2, 4]]).norm().scalars == [5])
        #expect(try T64([1e300, 1e300]).norm().scalars == [1e300 * 2.0.squareRoot()])
        #expect(try T64([1e-300, 1e-300]).norm().scalars[0] > 0)
        #expect(try T64.zeros([0]).norm().scalars == [0])
        #expect(try T64([.nan, 1]).norm().scalars[0].isNaN)
        #expect(try T64([.infinity, 1]).norm().scalars == [.infinity])
        let v = T64([3, -4, 0])
        #expect(try v.norm(order: 1).scalars == [7])
        #expect(try v.norm(order: .infinity).scalars == [4])
        #expect(try v.norm(order: -.infinity).scalars == [0])
        #expect(try v.norm(order: 0).scalars == [2])
        #expect(Swift.abs(try v.norm(order: 3).scalarValue() - 4.497941445275415) < 1e-12)  // ∛91
        #expect(throws: TensorError.self) { try v.norm(order: -1) }
        #expect(throws: TensorError.self) { try T64.zeros([0]).norm(order: .infinity) }
        #expect(try T64.zeros([0]).norm(order: 1).scalars == [0])
        #expect(try T64(rows: [[1, 2, 3], [4, 5, 6]]).trace().scalars == [6])
        #expect(try T64.outer(T64([1, 2]), T64([3, 4, 5])).scalars == [3, 4, 5, 6, 8, 10])
        let kron = try T64.kron(T64(rows: [[1, 2], [3, 4]]), T64(rows: [[0, 5], [6, 7]]))
        #expect(kron.shape == [4, 4] && kron.scalars == [0, 5, 0, 10, 6, 7, 12, 14, 0, 15, 0, 20, 18, 21, 24, 28])
        #expect(try T64.kron(T64([1, 2]), T64(rows: [[1], [10]])).scalars == [1, 2, 10, 20])
        #expect(try T64.kron(T64(2), T64(3)).scalars == [6])
    }
}

@Suite("Linear algebra: errors")
struct LinearAlgebraErrorTests {
    func reason(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func singularNonSquareAndNonFiniteMatricesAreNamed() throws {
        let singular = try T64(rows: [[1, 2], [2, 4]])
        #expect(reason { try T64.solve(singular, T64([1, 2])) } == "solve: the matrix of shape (2, 2) is singular")
        #expect(reason { try singular.inverse() } == "inv: the matrix of shape (2, 2) is singular")
        #expect(reason { try T64.zeros([2, 3]).determinant() } == "det: needs a square matrix, got shape (2, 3)")
        #expect(reason { try T64.zeros([2, 2, 2]).inverse() } == "inv: the matrix of shape (2, 2) is singular")
        #expect(reason { try T64([1, 2]).inverse() } == "inv: needs a matrix (2 axes), got shape (2,)")
        #expect(reason { try T64.solve(T64.zeros([2, 3, 3]), T64.zeros([2, 2, 1])) } == "solve: shapes (2, 3, 3) and (2, 2, 1) do not match")
        #expect(reason { try T64.solve(T64.zeros([2, 3, 3]), T64.zeros([3, 3, 1])) } == "solve: shapes (2, 3, 3) and (3, 3, 1) do not match")
        #expect(reason { try T64(1).svd() } == "svd: needs a matrix (2 axes), got shape ()")
        #expect(reason { try T64(rows: [[1, 2], [2, 1]]).cholesky() } == "cholesky: the matrix of shape (2, 2) is not positive definite")
        #expect(reason { try T64(rows: [[1, .nan], [0, 1]]).eigh() } == "eigh: the tensor of shape (2, 2) has NaN or infinite elements")
        #expect(reason { try T64.solve(T64.eye(2), T64([1, 2, 3])) } == "solve: shapes (2, 2) and (3,) do not match")
        #expect(reason { try T64.leastSquares(T64.eye(2), T64([1, 2]), rcond: -1) }.hasPrefix("lstsq: rcond"))
        #expect(reason { try T64.zeros([3, 3]).trace() } == "no error")
        #expect(reason { try T64([1, 2]).trace() } == "trace: needs a matrix (2 axes), got shape (2,)")
        #expect(reason { try Tensor<Float>(rows: [[1, .infinity], [0, 1]]).qr() }.contains("NaN or infinite"))
    }

    @Test func fullSVDRefusesGradientsByName() throws {
        let a = try sample([3, 3], seed: 66)
        a.requiresGradient = true
        let wide = try sample([2, 3], seed: 67)
        wide.requiresGradient = true
        #expect(reason { try wide.svd(fullMatrices: true).u.sum().backward() }.hasPrefix("svd(fullMatrices: true): has no gradient"))
        let detached = try a.detached().svd()
        #expect(!detached.u.requiresGradient)
    }
}
