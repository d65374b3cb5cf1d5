import Foundation

/// A flag another thread (a Ctrl-C handler, a UI) sets to stop training.
/// The trainer checks it at every step boundary and stops with the weights
/// of the last completed step.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    /// Asks training to stop at the next step boundary.
    public func cancel() {
        lock.lock(); defer { lock.unlock() }
        cancelled = true
    }

    /// Whether `cancel()` was called since the last `reset()`.
    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Clears the flag for the next run.
    public func reset() {
        lock.lock(); defer { lock.unlock() }
        cancelled = false
    }
}
