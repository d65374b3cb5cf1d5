import Foundation

/// Keeps freed tensor buffers in the process instead of returning them to
/// the system after every operation.
///
/// glibc serves large blocks (a few MB, a typical activation) with `mmap`
/// and unmaps them on `free`, so every training step would fault its
/// buffers in page by page again. Raising the mmap and trim thresholds lets
/// freed buffers be reused by the next step. (`mallopt` is looked up at run
/// time: Swift's Glibc module does not export <malloc.h>.)
enum AllocatorTuning {
    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    // <malloc.h>'s parameter numbers.
    private static let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3

    /// Applies the tuning once per process (called when OpenBLAS loads, i.e.
    /// as soon as the engine does real work).
    static let applied: Bool = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        return mallopt(mmapThreshold, 256 << 20) == 1 && mallopt(trimThreshold, 512 << 20) == 1
    }()
}
