import Foundation
import Synchronization

/// How many threads the engine uses, and how it deals work out to them.
///
/// The engine does its own threading: OpenBLAS always runs single-threaded,
/// and a large product or pass is cut into blocks of its *output* that run
/// at the same time. The cut (`BlockPlan`) depends only on the problem's
/// shape: threads only decide who runs which blocks. One thread therefore
/// makes exactly the BLAS calls that many threads make, and results are
/// bit-identical on any thread count for a given OpenBLAS kernel family.
public enum Parallelism {
    private static let configured = Atomic<Int>(defaultThreads())
    private static let processors = AvailableProcessors.count

    /// The threads used for large products and passes (at least 1; at most
    /// the processors available: `AvailableProcessors`). Defaults to
    /// `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS` when set, otherwise to
    /// the processors available.
    /// Inside `withThreads(_:_:)` the calling thread sees that count instead.
    public static var threads: Int {
        get { ThreadScope.current?.threads ?? min(configured.load(ordering: .relaxed), processors) }
        set { configured.store(max(1, newValue), ordering: .relaxed) }
    }

    /// Runs `body` as if the engine had `threads` threads (even more than
    /// there are processors), for work started on the calling thread only:
    /// other threads keep the global count. Returns `body`'s result and the
    /// plans of the work that was split (tests).
    static func withThreads<R>(_ threads: Int, _ body: () throws -> R) rethrows -> (result: R, splits: [BlockPlan]) {
        let scope = ThreadScope(threads: max(1, threads))
        let result = try ThreadScope.entering(scope, body)
        return (result, scope.splits)
    }

    private static func defaultThreads() -> Int {
        let environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"] {
            if let value = environment[name].flatMap(Int.init), value >= 1 { return value }
        }
        return processors
    }

    /// Below this many multiply-adds (about 10 µs of one core) a product is
    /// not worth running beside another.
    static let productWork = 1 << 19

    /// The threads to deal blocks out to: 1 when the pool is busy (nested
    /// work, or another thread's), whose parts then run on their caller.
    private static var availableThreads: Int {
        let threads = threads
        return threads > 1 && !WorkerPool.shared.isBusy ? threads : 1
    }

    /// Runs `body` on every block of `plan`, in order on one thread or
    /// claimed one by one by several. The blocks are the same either way,
    /// so are the results. Rethrows the first error a
    /// block threw, after all parts have finished.
    public static func forEachBlock(of plan: BlockPlan, _ body: (Range<Int>) throws -> Void) throws {
        guard plan.count > 0 else { return }
        guard plan.blocks > 1 else { return try body(0..<plan.count) }
        ThreadScope.current?.noteSplit(plan)
        guard availableThreads > 1 else {
            for block in 0..<plan.blocks { try body(plan.range(ofBlock: block)) }
            return
        }
        // Each block is a part of its own: threads claim them one at a time,
        // so a preempted thread holds up one block, not a share fixed ahead.
        try run(parts: plan.blocks) { block in try body(plan.range(ofBlock: block)) }
    }

    /// Runs `body` for each part, on the pool when there are several;
    /// rethrows the first error a part threw, after all parts have finished.
    /// Parts run in the caller's `ThreadScope`.
    private static func run(parts: Int, _ body: (Int) throws -> Void) throws {
        guard parts > 1 else { return try body(0) }
        let failure = Mutex<(any Error)?>(nil)
        let scope = ThreadScope.current
        WorkerPool.shared.run(parts: parts) { part in
            ThreadScope.entering(scope) {
                do { try body(part) } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Runs two independent pieces of work of `work` multiply-adds each,
    /// side by side when there are threads for both (each then runs its
    /// blocks on one thread), else one after the other (each then deals its
    /// blocks out to all threads). Each is cut the same way in both cases.
    ///
    /// Used for the two gradients of a product, G·Wᵀ and Xᵀ·G: whole
    /// products side by side pack each operand once, where splitting both
    /// would pack the shared one on every thread.
    public static func both(work: Int, _ first: () throws -> Void, _ second: () throws -> Void) throws {
        guard availableThreads > 1, work >= productWork else {
            try first()
            try second()
            return
        }
        try run(parts: 2) { part in try part == 0 ? first() : second() }
    }
}
