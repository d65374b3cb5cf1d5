import CBLAS
import Foundation

/// OpenBLAS, opened at run time: the one place in dln that calls `cblas_*`.
///
/// dln does not link OpenBLAS. It loads it on first use, after
/// `CoreTypeSelection` has chosen the kernels for this CPU — a linked library
/// would have read its environment before any of dln's code ran.
public final class BLASLibrary: @unchecked Sendable {
    typealias SGEMM = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint, Float, UnsafeMutablePointer<Float>?, blasint
    ) -> Void
    typealias DGEMM = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint, Double, UnsafeMutablePointer<Double>?, blasint
    ) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32

    private let sgemm: SGEMM
    private let dgemm: DGEMM
    private let coreNameFunction: CoreName?
    private let setThreads: SetThreads?
    /// The threads OpenBLAS would use by itself (its pool's size).
    public let availableThreads: Int32
    /// Guards OpenBLAS's global thread count during multi-threaded calls.
    private let lock = NSLock()
    /// The opened library, for `LAPACKLibrary`'s look-ups.
    let handle: UnsafeMutableRawPointer

    /// The shared library, or the reason it could not be loaded.
    public static let shared: Result<BLASLibrary, TensorError> = load()

    private init(handle: UnsafeMutableRawPointer) throws {
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let s = symbol("cblas_sgemm", as: SGEMM.self),
              let d = symbol("cblas_dgemm", as: DGEMM.self)
        else { throw TensorError.blasUnavailable("the loaded library has no cblas_sgemm/cblas_dgemm") }
        sgemm = s
        dgemm = d
        self.handle = handle
        coreNameFunction = symbol("openblas_get_corename", as: CoreName.self)
        setThreads = symbol("openblas_set_num_threads", as: SetThreads.self)
        let threads = symbol("openblas_get_num_threads", as: GetThreads.self)?() ?? 1
        availableThreads = max(1, threads)
        // The engine splits work among threads itself (`Parallelism`), so
        // OpenBLAS runs each call on the calling thread.
        setThreads?(1)
    }

    private static func load() -> Result<BLASLibrary, TensorError> {
        CoreTypeSelection.applyToEnvironment()
        _ = AllocatorTuning.applied
        let names = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                do { return .success(try BLASLibrary(handle: handle)) } catch let error as TensorError {
                    return .failure(error)
                } catch {
                    return .failure(.blasUnavailable("\(error)"))
                }
            }
        }
        return .failure(.blasUnavailable(
            "cannot load OpenBLAS (libopenblas.so.0); install it with: sudo apt-get install libopenblas-dev"))
    }

    /// The kernel family OpenBLAS chose, such as `SkylakeX` or `Haswell`.
    public var coreName: String {
        guard let name = coreNameFunction?() else { return "unknown" }
        return String(cString: name)
    }

    /// C = alpha·op(A)·op(B) + beta·C for row-major matrices.
    /// A is m×k after `op`, B is k×n after `op`, C is m×n.
    ///
    /// With one thread (the engine's calls) the call runs on the calling
    /// thread, and several threads may call at once: OpenBLAS takes its
    /// packing buffers under its own lock. With more, OpenBLAS's pool does
    /// the splitting (the benchmark's reference for raw OpenBLAS); its
    /// thread count is global, so such a call must not overlap another.
    public func gemm<T: TensorScalar>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: T, a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int, threads: Int = 1
    ) {
        let ta = transposeA ? CblasTrans : CblasNoTrans
        let tb = transposeB ? CblasTrans : CblasNoTrans
        if threads > 1 {
            lock.lock()
            setThreads?(Int32(clamping: threads))
        }
        defer {
            if threads > 1 {
                setThreads?(1)
                lock.unlock()
            }
        }
        let (m, n, k) = (blasint(m), blasint(n), blasint(k))
        let (lda, ldb, ldc) = (blasint(lda), blasint(ldb), blasint(ldc))
        if T.self == Float.self {
            a.withMemoryRebound(to: Float.self, capacity: 1) { a in
                b.withMemoryRebound(to: Float.self, capacity: 1) { b in
                    c.withMemoryRebound(to: Float.self, capacity: 1) { c in
                        sgemm(CblasRowMajor, ta, tb, m, n, k, Float(alpha), a, lda, b, ldb, Float(beta), c, ldc)
                    }
                }
            }
        } else {
            a.withMemoryRebound(to: Double.self, capacity: 1) { a in
                b.withMemoryRebound(to: Double.self, capacity: 1) { b in
                    c.withMemoryRebound(to: Double.self, capacity: 1) { c in
                        dgemm(CblasRowMajor, ta, tb, m, n, k, Double(alpha), a, lda, b, ldb, Double(beta), c, ldc)
                    }
                }
            }
        }
    }
}
