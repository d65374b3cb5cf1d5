import Foundation
import Synchronization

/// How many threads the engine uses, and how it splits work among them.
///
/// The engine does its own threading: OpenBLAS always runs single-threaded,
/// and a large product or pass is cut into blocks of its *output* that run
/// at the same time. Each output element is computed by the same operations
/// in the same order whatever the thread count, so results are bitwise
/// identical on one thread and on many (reductions are never split).
public enum Parallelism {
    private static let configured = Atomic<Int>(defaultThreads())
    /// Read once: Foundation reads several cgroup files for every query.
    private static let processors = ProcessInfo.processInfo.activeProcessorCount

    /// The threads used for large products and passes (at least 1; at most
    /// the processors available). Defaults to `OPENBLAS_NUM_THREADS` or
    /// `OMP_NUM_THREADS` when set, otherwise to the processors available.
    public static var threads: Int {
        get { min(configured.load(ordering: .relaxed), processors) }
        set { configured.store(max(1, newValue), ordering: .relaxed) }
    }

    private static func defaultThreads() -> Int {
        let environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
            if let value = environment[name].flatMap(Int.init), value >= 1 { return value }
        }
        return processors
    }

    /// Below this many multiply-adds (about 10 µs of one core) a product is
    /// not worth splitting.
    static let productWork = 1 << 19
    /// Below this many elements a pass over memory is not worth splitting.
    static let passElements = 1 << 16

    /// The number of parts to cut `work` into, given the smallest work worth
    /// a part of its own: 1 when the pool is busy (nested work).
    static func parts(work: Int, minimum: Int) -> Int {
        let threads = threads
        guard threads > 1, work >= 2 * minimum else { return 1 }
        let pool = WorkerPool.shared
        guard !pool.isBusy else { return 1 }
        return min(threads, pool.width, work / minimum)
    }

    /// Runs `body` on consecutive ranges covering `0..<count`, at the same
    /// time when there are several parts; range bounds are multiples of
    /// `alignment` (but the last). Rethrows the first error a part threw,
    /// after all parts have finished.
    public static func forEachRange(
        of count: Int, parts: Int, alignment: Int = 1, _ body: (Range<Int>) throws -> Void
    ) throws {
        guard parts > 1 else {
            if count > 0 { try body(0..<count) }
            return
        }
        let blocks = (count + alignment - 1) / alignment
        try run(parts: parts) { part in
            let start = min(count, blocks * part / parts * alignment)
            let end = part == parts - 1 ? count : min(count, blocks * (part + 1) / parts * alignment)
            if start < end { try body(start..<end) }
        }
    }

    /// Runs `body` for each part on the pool; rethrows the first error a
    /// part threw, after all parts have finished.
    private static func run(parts: Int, _ body: (Int) throws -> Void) throws {
        let failure = Mutex<(any Error)?>(nil)
        WorkerPool.shared.run(parts: parts) { part in
            do { try body(part) } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Runs two independent pieces of work of `work` multiply-adds each,
    /// side by side when there are threads for both (each then runs on
    /// one), else one after the other (each then splits itself).
    ///
    /// Used for the two gradients of a product, G·Wᵀ and Xᵀ·G: whole
    /// products side by side pack each operand once, where splitting both
    /// would pack the shared one on every thread.
    public static func both(work: Int, _ first: () throws -> Void, _ second: () throws -> Void) throws {
        guard parts(work: work, minimum: productWork / 2) > 1 else {
            try first()
            try second()
            return
        }
        try run(parts: 2) { part in try part == 0 ? first() : second() }
    }

    /// The parts for a pass over `rows × width` elements.
    public static func parts(rows: Int, width: Int) -> Int {
        parts(work: rows * max(width, 1), minimum: passElements)
    }

    /// The parts for an m×k by k×n product.
    public static func parts(m: Int, n: Int, k: Int) -> Int {
        parts(work: m * n * k, minimum: productWork)
    }
}
