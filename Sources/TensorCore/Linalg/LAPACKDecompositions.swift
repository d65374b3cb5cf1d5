extension LAPACK {
    /// A = U·diag(S)·Vt for a row-major m × n matrix with min(m, n) ≥ 1:
    /// U m × r, Vt r × n, with r = min(m, n), or m and n when `full`.
    static func singularValueDecomposition(_ a: [Double], rows m: Int, columns n: Int, full: Bool, operation: String) throws
        -> (u: [Double], s: [Double], vt: [Double]) {
        // The row-major buffer read column-major is Aᵀ (n × m) = V·S·Uᵀ:
        // LAPACK's "U" of it is V (whose column-major buffer reads as Vt)
        // and its "Vᵀ" is Uᵀ (whose buffer reads as U). No copies needed.
        let r = Swift.min(m, n)
        var matrix = a
        var singular = [Double](repeating: 0, count: r)
        var v = [Double](repeating: 0, count: n * (full ? n : r))
        var ut = [Double](repeating: 0, count: (full ? m : r) * m)
        var integerWork = [Int32](repeating: 0, count: 8 * r)
        var (rows, columns, lead, leadV, leadUt) = (int(n), int(m), int(n), int(n), int(full ? m : r))
        var (query, size, info) = ([Double](repeating: 0, count: 1), Int32(-1), Int32(0))
        let job = full ? "A" : "S"
        let gesdd = try routines.gesdd
        gesdd(job, &rows, &columns, &matrix, &lead, &singular, &v, &leadV, &ut, &leadUt, &query, &size, &integerWork, &info, 1)
        try checkArguments(info, operation: operation)
        var work = [Double](repeating: 0, count: try workspace(query[0], operation: operation))
        size = int(work.count)
        gesdd(job, &rows, &columns, &matrix, &lead, &singular, &v, &leadV, &ut, &leadUt, &work, &size, &integerWork, &info, 1)
        try checkArguments(info, operation: operation)
        guard info == 0 else { throw notConverged(operation) }
        return (ut, singular, v)
    }

    /// The eigenvalues (ascending) and eigenvectors (the columns of a
    /// row-major n × n matrix) of the symmetric matrix whose lower triangle
    /// `a` holds, n ≥ 1.
    static func symmetricEigensystem(_ a: [Double], size n: Int, operation: String) throws -> (values: [Double], vectors: [Double]) {
        // Read column-major, the buffer is Aᵀ: its upper triangle is A's lower.
        var matrix = a
        var values = [Double](repeating: 0, count: n)
        var (order, lead, info) = (int(n), int(n), Int32(0))
        var (query, integerQuery, size, integerSize) = ([Double](repeating: 0, count: 1), [Int32](repeating: 0, count: 1), Int32(-1), Int32(-1))
        let syevd = try routines.syevd
        syevd("V", "U", &order, &matrix, &lead, &values, &query, &size, &integerQuery, &integerSize, &info, 1, 1)
        try checkArguments(info, operation: operation)
        var work = [Double](repeating: 0, count: try workspace(query[0], operation: operation))
        var integerWork = [Int32](repeating: 0, count: Swift.max(Int(integerQuery[0]), 1))
        (size, integerSize) = (int(work.count), int(integerWork.count))
        syevd("V", "U", &order, &matrix, &lead, &values, &work, &size, &integerWork, &integerSize, &info, 1, 1)
        try checkArguments(info, operation: operation)
        guard info == 0 else {
            throw TensorError.invalidArgument(operation: operation, reason: "the eigenvalue algorithm did not converge")
        }
        // Column j of the column-major result is eigenvector j.
        return (values, transposed(matrix, rows: n, columns: n))
    }

    /// A = Q·R for a row-major m × n matrix with min(m, n) = r ≥ 1: Q m × r
    /// with orthonormal columns, R r × n upper triangular.
    static func qrDecomposition(_ a: [Double], rows m: Int, columns n: Int, operation: String) throws -> (q: [Double], r: [Double]) {
        let r = Swift.min(m, n)
        var matrix = transposed(a, rows: m, columns: n)
        var reflectors = [Double](repeating: 0, count: r)
        var (rows, columns, kept, reflectorCount, lead, info) = (int(m), int(n), int(r), int(r), int(m), Int32(0))
        var (query, size) = ([Double](repeating: 0, count: 1), Int32(-1))
        let (geqrf, orgqr) = (try routines.geqrf, try routines.orgqr)
        geqrf(&rows, &columns, &matrix, &lead, &reflectors, &query, &size, &info)
        var work = [Double](repeating: 0, count: try workspace(query[0], operation: operation))
        size = int(work.count)
        geqrf(&rows, &columns, &matrix, &lead, &reflectors, &work, &size, &info)
        try checkArguments(info, operation: operation)
        let upper: [Double] = try ScalarBuffer.filled(count: r * n) { out in
            for i in 0..<r { for j in 0..<n { out[i * n + j] = i <= j ? matrix[j * m + i] : 0 } }
        }
        size = -1
        orgqr(&rows, &kept, &reflectorCount, &matrix, &lead, &reflectors, &query, &size, &info)
        work = [Double](repeating: 0, count: try workspace(query[0], operation: operation))
        size = int(work.count)
        orgqr(&rows, &kept, &reflectorCount, &matrix, &lead, &reflectors, &work, &size, &info)
        try checkArguments(info, operation: operation)
        return (transposed(Array(matrix[0..<(m * r)]), rows: r, columns: m), upper)
    }

    /// L with A = L·Lᵀ, lower triangular, from the lower triangle of the
    /// row-major n × n matrix `a` (n ≥ 1); nil when A is not positive definite.
    static func choleskyFactor(_ a: [Double], size n: Int, operation: String) throws -> [Double]? {
        // Read column-major, the buffer is Aᵀ: its upper triangle is A's
        // lower, and the factor U (Aᵀ = UᵀU) read row-major is L = Uᵀ.
        var matrix = a
        var (order, lead, info) = (int(n), int(n), Int32(0))
        try routines.potrf("U", &order, &matrix, &lead, &info, 1)
        try checkArguments(info, operation: operation)
        guard info == 0 else { return nil }
        for i in 0..<n { for j in (i + 1)..<n { matrix[i * n + j] = 0 } }
        return matrix
    }
}
