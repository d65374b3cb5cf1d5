extension Tensor {
    /// The matrix product with NumPy's `matmul` rules: 2-D × 2-D; a rank-1
    /// operand is a row (left) or column (right) vector whose axis is then
    /// dropped; higher ranks are stacks of matrices whose leading axes broadcast.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw TensorError.invalidArgument(operation: "@", reason: "operands must have at least one axis; use * for scalars")
        }
        let a = rank == 1 ? try reshaped(to: [1, count]) : self
        let b = other.rank == 1 ? try other.reshaped(to: [other.count, 1]) : other
        let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (k2, n) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        guard k == k2 else { throw TensorError.shapeMismatch(operation: "@", shape, other.shape) }
        var product: Tensor
        if a.rank == 2, b.rank == 2 {
            product = try Self.matrixProduct(a, b)
        } else {
            let batch = try Shape.broadcast(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), operation: "@")
            product = try Self.batchedProduct(a, b, batch: batch, m: m, n: n, k: k)
        }
        var outShape = product.shape
        if other.rank == 1 { outShape.remove(at: outShape.count - 1) }
        if rank == 1 { outShape.remove(at: outShape.count - (other.rank == 1 ? 1 : 2)) }
        return try product.reshaped(to: outShape)
    }

    /// a @ b for matrices; the backward pass multiplies by the transposes in
    /// place (BLAS's transpose flags) instead of copying them.
    private static func matrixProduct(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        let values = try product(a.scalars, transposed: false, b.scalars, transposed: false, m: m, n: n, k: k)
        return .result(shape: [m, n], scalars: values, parents: [a, b], operation: "@", isDifferentiableTwice: true) { g in
            if GradientMode.isRecording {
                return [a.requiresGradient ? try g.matmul(b.transposed()) : nil,
                        b.requiresGradient ? try a.transposed().matmul(g) : nil]
            }
            let (da, db) = try productGradients(
                x: a.scalars, b.scalars, g.scalars, m: m, k: k, n: n, input: a.requiresGradient, weight: b.requiresGradient)
            return [da.map { Tensor(uncheckedShape: [m, k], scalars: $0) }, db.map { Tensor(uncheckedShape: [k, n], scalars: $0) }]
        }
    }

    /// op(A)·op(B) for row-major A and B, where op(A) is m×k and op(B) k×n.
    static func product(_ a: [Scalar], transposed ta: Bool, _ b: [Scalar], transposed tb: Bool,
                        m: Int, n: Int, k: Int) throws -> [Scalar] {
        try ScalarBuffer.filled(count: try Tensor.resultCount([m, n], for: "@")) { c in
            try product(a, transposed: ta, b, transposed: tb, m: m, n: n, k: k, into: c)
        }
    }

    /// op(A)·op(B) written into c [m, n].
    static func product(_ a: [Scalar], transposed ta: Bool, _ b: [Scalar], transposed tb: Bool,
                        m: Int, n: Int, k: Int, into c: UnsafeMutablePointer<Scalar>) throws {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return c.update(repeating: 0, count: m * n) }
        try a.withUnsafeBufferPointer { pa in
            try b.withUnsafeBufferPointer { pb in
                guard let a = pa.baseAddress, let b = pb.baseAddress else { return }
                try gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k,
                         a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n, accumulate: false, c: c, ldc: n)
            }
        }
    }

    /// a @ b for a of shape [..., m, k] and b of shape [..., k, n].
    private static func batchedProduct(_ a: Tensor, _ b: Tensor, batch: [Int], m: Int, n: Int, k: Int) throws -> Tensor {
        let batchCount = try Shape.elementCount(batch)
        let outShape = batch + [m, n]
        _ = try Self.resultCount(outShape, for: "@")
        // Offsets of each batch's matrix in a and b, after broadcasting.
        let aOffsets = matrixOffsets(a.shape, batch: batch)
        let bOffsets = matrixOffsets(b.shape, batch: batch)
        var values = [Scalar](repeating: 0, count: batchCount * m * n)
        if m > 0, n > 0, k > 0 {
            try a.scalars.withUnsafeBufferPointer { pa in
                try b.scalars.withUnsafeBufferPointer { pb in
                    try values.withUnsafeMutableBufferPointer { pc in
                        guard let a = pa.baseAddress, let b = pb.baseAddress, let c = pc.baseAddress else { return }
                        for i in 0..<batchCount {
                            try gemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                                     a: a + aOffsets[i], lda: k, b: b + bOffsets[i], ldb: n,
                                     accumulate: false, c: c + i * m * n, ldc: n)
                        }
                    }
                }
            }
        }
        return .result(shape: outShape, scalars: values, parents: [a, b], operation: "@", isDifferentiableTwice: true) { g in
            // dA = dC · Bᵀ, dB = Aᵀ · dC, summed over broadcast batch axes.
            if GradientMode.isRecording {
                // Recorded operations: right to any order.
                let da = try g.matmul(b.transposed()).reduced(toShape: a.shape)
                let db = try a.transposed().matmul(g).reduced(toShape: b.shape)
                return [da, db]
            }
            let shapes = BatchShapes(m: m, n: n, k: k, aOffsets: aOffsets, bOffsets: bOffsets)
            return try batchedGradients(a, b, g, shapes)
        }
    }

    /// Where each batch's matrices start, for the backward pass.
    private struct BatchShapes {
        let m: Int, n: Int, k: Int
        let aOffsets: [Int], bOffsets: [Int]
    }

    /// The first-order gradients of a batched product, each batch's
    /// product added into the matrix of a (or b) it was broadcast from:
    /// a stack broadcast over 1,000 batches is never materialised 1,000 times.
    /// Batches are added in order, so the sums do not depend on threads.
    private static func batchedGradients(_ a: Tensor, _ b: Tensor, _ g: Tensor, _ s: BatchShapes) throws -> [Tensor?] {
        var da = [Scalar](repeating: 0, count: a.requiresGradient ? a.count : 0)
        var db = [Scalar](repeating: 0, count: b.requiresGradient ? b.count : 0)
        guard s.m > 0, s.n > 0, s.k > 0 else {
            return [a.requiresGradient ? Tensor(uncheckedShape: a.shape, scalars: da) : nil,
                    b.requiresGradient ? Tensor(uncheckedShape: b.shape, scalars: db) : nil]
        }
        try a.scalars.withUnsafeBufferPointer { pa in
            try b.scalars.withUnsafeBufferPointer { pb in
                try g.scalars.withUnsafeBufferPointer { pg in
                    try da.withUnsafeMutableBufferPointer { pda in
                        try db.withUnsafeMutableBufferPointer { pdb in
                            guard let a = pa.baseAddress, let b = pb.baseAddress, let g = pg.baseAddress else { return }
                            // An empty array's base address is not nil: it points at the
                            // shared empty storage, which must never be written.
                            let da = pda.isEmpty ? nil : pda.baseAddress, db = pdb.isEmpty ? nil : pdb.baseAddress
                            for i in s.aOffsets.indices {
                                let gi = g + i * s.m * s.n
                                if let da {   // += g_i · b_iᵀ
                                    try gemm(transposeA: false, transposeB: true, m: s.m, n: s.k, k: s.n,
                                             a: gi, lda: s.n, b: b + s.bOffsets[i], ldb: s.n,
                                             accumulate: true, c: da + s.aOffsets[i], ldc: s.k)
                                }
                                if let db {   // += a_iᵀ · g_i
                                    try gemm(transposeA: true, transposeB: false, m: s.k, n: s.n, k: s.m,
                                             a: a + s.aOffsets[i], lda: s.k, b: gi, ldb: s.n,
                                             accumulate: true, c: db + s.bOffsets[i], ldc: s.n)
                                }
                            }
                        }
                    }
                }
            }
        }
        return [a.requiresGradient ? Tensor(uncheckedShape: a.shape, scalars: da) : nil,
                b.requiresGradient ? Tensor(uncheckedShape: b.shape, scalars: db) : nil]
    }

    /// The start of each broadcast batch's matrix within a tensor of `shape`.
    private static func matrixOffsets(_ shape: [Int], batch: [Int]) -> [Int] {
        let matrixSize = shape.suffix(2).reduce(1, *)
        let own = Array(shape.dropLast(2))
        let strides = Shape.broadcastStrides(own, to: batch).map { $0 * matrixSize }
        var offsets = [0]
        for (axis, size) in batch.enumerated() {
            offsets = offsets.flatMap { base in (0..<size).map { base + $0 * strides[axis] } }
        }
        return offsets
    }
}
