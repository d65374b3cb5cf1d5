import Testing
@testable import TensorCore

@Suite("Stacks of matrices")
struct MatrixStackTests {
    let stack: T64

    /// Three well-conditioned 3 × 3 matrices in a [3, 1, 3, 3] stack.
    init() throws {
        stack = try sample([3, 1, 3, 3], seed: 101).adding(T64.eye(3).multiplying(T64(3)))
    }

    func matrix(_ i: Int) throws -> T64 { try stack.slice([.at(i), .at(0)]) }

    @Test func eachMatrixGetsTheMatrixOperation() throws {
        let inverses = try stack.inverse(), determinants = try stack.determinant()
        #expect(inverses.shape == [3, 1, 3, 3] && determinants.shape == [3, 1])
        for i in 0..<3 {
            #expect(close(try inverses.slice([.at(i), .at(0)]), try matrix(i).inverse(), tolerance: 0))
            #expect(try determinants.scalars[i] == matrix(i).determinant().scalars[0])
        }
        let symmetric = try stack.adding(stack.permuted([0, 1, 3, 2]))
        let (w, v) = try symmetric.eigh()
        #expect(w.shape == [3, 1, 3] && v.shape == [3, 1, 3, 3])
        let positive = try stack.matmul(stack.permuted([0, 1, 3, 2]))
        let factors = try positive.cholesky()
        #expect(close(try factors.matmul(factors.permuted([0, 1, 3, 2])), positive, tolerance: 1e-12))
        let (q, r) = try stack.qr()
        #expect(close(try q.matmul(r), stack, tolerance: 1e-12))
        let (u, s, vt) = try stack.slice([.all, .all, .all, .range(0, 2, nil)]).svd()
        #expect(u.shape == [3, 1, 3, 2] && s.shape == [3, 1, 2] && vt.shape == [3, 1, 2, 2])
    }

    @Test func solveBroadcastsTheLeadingAxes() throws {
        let b = try sample([3], seed: 102)
        let shared = try T64.solve(stack, b)
        #expect(shared.shape == [3, 1, 3])
        #expect(close(try shared.slice([.at(2), .at(0)]), try T64.solve(matrix(2), b), tolerance: 0))
        let columns = try sample([2, 3, 2], seed: 103)
        let broadcast = try T64.solve(stack, columns)
        #expect(broadcast.shape == [3, 2, 3, 2])
        #expect(close(try broadcast.slice([.at(1), .at(1)]), try T64.solve(matrix(1), columns.slice([.at(1)])), tolerance: 0))
        #expect(try T64.solve(matrix(0), columns).shape == [2, 3, 2])
    }

    @Test func emptyStacks() throws {
        #expect(try T64.zeros([0, 3, 3]).inverse().shape == [0, 3, 3])
        #expect(try T64.zeros([2, 0, 2, 2]).determinant().shape == [2, 0])
        let (u, s, vt) = try T64.zeros([0, 3, 2]).svd()
        #expect(u.shape == [0, 3, 2] && s.shape == [0, 2] && vt.shape == [0, 2, 2])
        #expect(try T64.solve(T64.zeros([0, 2, 2]), T64.zeros([2, 1])).shape == [0, 2, 1])
    }

    @Test func gradientsFlowToEveryMatrix() throws {
        try checkGradients([stack]) { try $0[0].inverse() }
        try checkGradients([stack]) { try $0[0].determinant() }
        try checkGradients([stack, try sample([2, 3, 2], seed: 104)]) { try T64.solve($0[0], $0[1]) }
        try checkGradients([stack, try sample([3], seed: 105)]) { try T64.solve($0[0], $0[1]) }
    }
}
