import Foundation

/// LAPACK's Fortran routines from the OpenBLAS that `BLASLibrary` opened
/// (Debian's libopenblas carries LAPACK but not LAPACKE), looked up with
/// `dlsym` on the same handle so they run the kernels chosen for this CPU.
///
/// Fortran conventions: every argument by address, matrices column-major,
/// 32-bit integers, and one hidden length per character argument at the
/// end. Only the double-precision (`d`) routines are used: Float
/// matrices are factored in Double and the results rounded once, so one
/// typed code path serves both element types.
struct LAPACKRoutines: @unchecked Sendable {
    typealias Integer = UnsafeMutablePointer<Int32>
    typealias Elements = UnsafeMutablePointer<Double>
    typealias Character = UnsafePointer<CChar>

    /// m, n, a, lda, ipiv, info: LU with partial pivoting.
    typealias GETRF = @convention(c) (Integer, Integer, Elements, Integer, Integer, Integer) -> Void
    /// trans, n, nrhs, a, lda, ipiv, b, ldb, info: solves with an LU factorisation.
    typealias GETRS = @convention(c) (Character, Integer, Integer, Elements, Integer, Integer, Elements, Integer, Integer, Int) -> Void
    /// m, n, nrhs, a, lda, b, ldb, s, rcond, rank, work, lwork, iwork, info: least squares by SVD.
    typealias GELSD = @convention(c) (
        Integer, Integer, Integer, Elements, Integer, Elements, Integer, Elements, Elements, Integer, Elements, Integer, Integer, Integer
    ) -> Void
    /// jobz, m, n, a, lda, s, u, ldu, vt, ldvt, work, lwork, iwork, info: SVD by divide and conquer.
    typealias GESDD = @convention(c) (
        Character, Integer, Integer, Elements, Integer, Elements, Elements, Integer, Elements, Integer, Elements, Integer, Integer, Integer, Int
    ) -> Void
    /// jobz, uplo, n, a, lda, w, work, lwork, iwork, liwork, info: symmetric eigensystem.
    typealias SYEVD = @convention(c) (
        Character, Character, Integer, Elements, Integer, Elements, Elements, Integer, Integer, Integer, Integer, Int, Int
    ) -> Void
    /// m, n, a, lda, tau, work, lwork, info: QR as Householder reflectors.
    typealias GEQRF = @convention(c) (Integer, Integer, Elements, Integer, Elements, Elements, Integer, Integer) -> Void
    /// m, n, k, a, lda, tau, work, lwork, info: Q from GEQRF's reflectors.
    typealias ORGQR = @convention(c) (Integer, Integer, Integer, Elements, Integer, Elements, Elements, Integer, Integer) -> Void
    /// uplo, n, a, lda, info: Cholesky factorisation.
    typealias POTRF = @convention(c) (Character, Integer, Elements, Integer, Integer, Int) -> Void

    let getrf: GETRF, getrs: GETRS, gelsd: GELSD, gesdd: GESDD, syevd: SYEVD, geqrf: GEQRF, orgqr: ORGQR, potrf: POTRF

    /// The routines whose names start with `prefix` ("d").
    init(handle: UnsafeMutableRawPointer, prefix: String) throws {
        func symbol<T>(_ name: String, as type: T.Type) throws -> T {
            guard let address = dlsym(handle, prefix + name + "_") else {
                throw TensorError.blasUnavailable("the loaded OpenBLAS has no LAPACK routine \(prefix + name)_")
            }
            return unsafeBitCast(address, to: type)
        }
        getrf = try symbol("getrf", as: GETRF.self)
        getrs = try symbol("getrs", as: GETRS.self)
        gelsd = try symbol("gelsd", as: GELSD.self)
        gesdd = try symbol("gesdd", as: GESDD.self)
        syevd = try symbol("syevd", as: SYEVD.self)
        geqrf = try symbol("geqrf", as: GEQRF.self)
        orgqr = try symbol("orgqr", as: ORGQR.self)
        potrf = try symbol("potrf", as: POTRF.self)
    }
}

/// The double-precision routines, or why they are missing.
enum LAPACKLibrary {
    static let shared: Result<LAPACKRoutines, TensorError> = BLASLibrary.shared.flatMap { blas in
        Result { try LAPACKRoutines(handle: blas.handle, prefix: "d") }.mapError { $0 as? TensorError ?? .blasUnavailable("\($0)") }
    }
}
