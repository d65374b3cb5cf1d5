import Testing
@testable import TensorCore

@Suite("Gradients of linear algebra")
struct LinearAlgebraGradientTests {
    /// A well-conditioned square matrix: random plus 3·I.
    func wellConditioned(_ n: Int, seed: UInt32) throws -> T64 {
        try sample([n, n], seed: seed).adding(T64.eye(n).multiplying(T64(3)))
    }

    @Test func solveInBothOperands() throws {
        let a = try wellConditioned(3, seed: 71)
        try checkGradients([a, try sample([3], seed: 72)]) { try T64.solve($0[0], $0[1]) }
        try checkGradients([a, try sample([3, 2], seed: 73)]) { try T64.solve($0[0], $0[1]) }
        try checkHigherOrder([a, try sample([3, 2], seed: 73)], order: 2, tolerance: 1e-5) { try T64.solve($0[0], $0[1]) }
    }

    @Test func inverseAndDeterminant() throws {
        let a = try wellConditioned(3, seed: 74)
        try checkGradients([a]) { try $0[0].inverse() }
        try checkGradients([a]) { try $0[0].determinant() }
        try checkGradients([try sample([4, 4], seed: 75)]) { try $0[0].determinant() }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { try $0[0].inverse() }
        try checkHigherOrder([a], order: 3, tolerance: 1e-5) { try $0[0].determinant() }
    }

    @Test func determinantOfSingularMatrices() throws {
        try checkGradients([try T64(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])]) { try $0[0].determinant() }
        try checkGradients([try T64(rows: [[1, 2], [2, 4]])]) { try $0[0].determinant() }
        try checkGradients([try T64(rows: [[0, 0, 0], [0, 0, 0], [1, 2, 0]])]) { try $0[0].determinant() }
        let singular = try T64(rows: [[1, 2], [2, 4]])
        singular.requiresGradient = true
        #expect(throws: TensorError.higherOrderUnsupported(operation: "det of a singular matrix")) {
            try T64.gradients(of: singular.determinant(), withRespectTo: [singular], createGraph: true)
        }
    }

    @Test(arguments: [([5, 3], [5]), ([5, 3], [5, 2]), ([2, 4], [2]), ([3, 3], [3, 2])])
    func leastSquares(aShape: [Int], bShape: [Int]) throws {
        let a = try sample(aShape, seed: 76), b = try sample(bShape, seed: 77)
        try checkGradients([a, b], tolerance: 1e-5) { try T64.leastSquares($0[0], $0[1]) }
        try checkHigherOrder([a, b], order: 2, tolerance: 1e-4) { try T64.leastSquares($0[0], $0[1]) }
    }

    @Test func normsTraceOuterAndKron() throws {
        let x = try sample([3, 4], seed: 78)
        try checkGradients([x]) { try $0[0].norm() }
        try checkGradients([x]) { try $0[0].norm(alongAxis: 1) }
        try checkGradients([x]) { try $0[0].norm(alongAxis: 0, keepingDimension: true) }
        for p in [1.0, 3, .infinity, -.infinity] { try checkGradients([x]) { try $0[0].norm(order: p) } }
        try checkHigherOrder([x], order: 3, tolerance: 1e-5) { try $0[0].norm(alongAxis: 1) }
        try checkGradients([x]) { try $0[0].trace() }
        let y = try sample([2, 3], seed: 79)
        try checkGradients([x, y]) { try T64.outer($0[0], $0[1]) }
        try checkGradients([x, y]) { try T64.kron($0[0], $0[1]) }
        try checkHigherOrder([x, y], order: 2) { try T64.kron($0[0], $0[1]).multiplying(T64.kron($0[0], $0[1])) }
    }

    @Test func normGradientIsZeroAtTheOrigin() throws {
        let zero = try T64.zeros([3])
        zero.requiresGradient = true
        try zero.norm().backward()
        #expect(zero.gradient?.scalars == [0, 0, 0])
    }
}

@Suite("Gradients of symmetric decompositions")
struct SymmetricDecompositionGradientTests {
    /// A symmetric positive-definite matrix with distinct eigenvalues.
    func positiveDefinite(_ n: Int, seed: UInt32) throws -> T64 {
        let x = try sample([n, n], seed: seed)
        return try x.matmul(x.transposed()).adding(T64.eye(n))
    }

    @Test func cholesky() throws {
        let a = try positiveDefinite(3, seed: 91)
        try checkGradients([a]) { try $0[0].cholesky() }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { try $0[0].cholesky() }
    }

    @Test func gradientsIgnoreTheUpperTriangle() throws {
        let a = try positiveDefinite(3, seed: 92)
        a.requiresGradient = true
        try a.cholesky().sum().backward()
        try a.eigh().values.multiplying(T64([1, 2, 3])).sum().backward()
        let gradient = try #require(a.gradient)
        #expect(try [gradient.element(at: [0, 1]), gradient.element(at: [0, 2]), gradient.element(at: [1, 2])] == [0, 0, 0])
    }

    @Test func eigenvaluesAndEigenvectors() throws {
        let a = try positiveDefinite(4, seed: 93)
        try checkGradients([a]) { try $0[0].eigh().values }
        // Squares: an eigenvector's sign is LAPACK's choice.
        try checkGradients([a], tolerance: 1e-5) { xs in
            let v = try xs[0].eigh().vectors
            return try v.multiplying(v)
        }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { try $0[0].eigh().values }
        try checkHigherOrder([a], order: 2, tolerance: 1e-4) { xs in
            let v = try xs[0].eigh().vectors
            return try v.multiplying(v)
        }
    }
}

@Suite("Gradients of the QR decomposition")
struct QRGradientTests {
    @Test(arguments: [[4, 3], [3, 3], [3, 5], [1, 2]])
    func bothFactors(shape: [Int]) throws {
        let a = try sample(shape, seed: 95)
        try checkGradients([a]) { try $0[0].qr().q }
        try checkGradients([a]) { try $0[0].qr().r }
        try checkGradients([a]) { xs in
            let (q, r) = try xs[0].qr()
            return try q.sum().multiplying(r)
        }
        try checkHigherOrder([a], order: 2, tolerance: 1e-5) { xs in
            let (q, r) = try xs[0].qr()
            return try q.matmul(r.multiplying(r))
        }
    }

    @Test func dependentLeadingColumnsThrowInTheBackwardPass() throws {
        let a = try T64(rows: [[1, 0], [2, 0], [3, 0]])
        a.requiresGradient = true
        #expect(throws: TensorError.self) { try a.qr().r.sum().backward() }
    }
}

@Suite("Gradients of the singular value decomposition")
struct SVDGradientTests {
    /// Functions of the factors that do not depend on the signs of the singular vectors.
    static let signFree: [(T64) throws -> T64] = [
        { try $0.svd().s },
        { x in let f = try x.svd(); return try f.u.multiplying(f.u) },
        { x in let f = try x.svd(); return try f.vt.multiplying(f.vt) },
        { x in let f = try x.svd(); return try f.u.multiplying(f.s.exp()).matmul(f.vt) },
    ]

    @Test(arguments: [[4, 3], [3, 3], [2, 4]])
    func firstAndSecondDerivatives(shape: [Int]) throws {
        let a = try sample(shape, seed: 97)
        for function in Self.signFree {
            try checkGradients([a], tolerance: 1e-5) { try function($0[0]) }
            try checkHigherOrder([a], order: 2, tolerance: 1e-4) { try function($0[0]) }
        }
        try checkGradients([a]) { try $0[0].svd(fullMatrices: shape[0] == shape[1]).s }
    }
}
