import Glibc
import Synchronization

/// A thread count for the engine's work started on one thread, and a log of
/// the plans it split: how tests compare thread counts side by side without
/// touching the global `Parallelism.threads` that other tests use.
///
/// A thread-specific value rather than a `@TaskLocal` (which allocates when
/// bound; see `GradientMode`). Parts run on the pool's workers enter their
/// caller's scope.
final class ThreadScope: Sendable {
    let threads: Int
    private let splitLog = Mutex<[BlockPlan]>([])

    init(threads: Int) {
        self.threads = threads
    }

    /// The plans split into more than one block so far, in no fixed order.
    var splits: [BlockPlan] { splitLog.withLock { $0 } }

    func noteSplit(_ plan: BlockPlan) {
        splitLog.withLock { $0.append(plan) }
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The calling thread's scope, if any.
    static var current: ThreadScope? {
        pthread_getspecific(key).map { Unmanaged<ThreadScope>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` on the calling thread inside `scope` (nil: none).
    static func entering<R>(_ scope: ThreadScope?, _ body: () throws -> R) rethrows -> R {
        let previous = pthread_getspecific(key)
        let next = scope.map { UnsafeRawPointer(Unmanaged.passUnretained($0).toOpaque()) }
        if previous.map(UnsafeRawPointer.init) == next { return try body() }
        pthread_setspecific(key, next)
        defer { pthread_setspecific(key, previous) }
        return try withExtendedLifetime(scope) { try body() }
    }
}
