import Foundation
import Synchronization

/// Resource limits of an evaluation.
public struct EvaluationLimits: Sendable {
    /// Maximum depth of nested dln calls before "recursion too deep".
    public var maximumCallDepth: Int

    public init(maximumCallDepth: Int = 2_000) {
        self.maximumCallDepth = maximumCallDepth
    }
}

/// When the process's heap was last compared with the memory budget: at
/// most every 10 ms, as asking the allocator walks its arenas. The clock
/// itself is read every 64th call: a loop's calls come microseconds apart,
/// and reading it on each one cost more than a small call's own work.
struct HeapWatch {
    private var last: UInt64 = 0
    private var calls: UInt8 = 0
    static let interval: UInt64 = 10_000_000

    mutating func isDue() -> Bool {
        calls &+= 1
        guard calls & 63 == 1 else { return false }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now &- last >= Self.interval else { return false }
        last = now
        return true
    }
}

/// A flag the host sets (on Ctrl-C, on a timeout) to stop a running evaluation; the
/// evaluator polls it in loops and calls and stops with an `interrupted` diagnostic.
///
/// An atomic rather than a lock: it is read before every call and every
/// training step, where taking a lock cost more than a small step's update.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Requests cancellation; safe from any thread (and cheap enough for a signal-watching thread).
    public func cancel() { cancelled.store(true, ordering: .releasing) }

    /// Clears the flag before the next run.
    public func reset() { cancelled.store(false, ordering: .releasing) }
}

/// Runs work on a thread with a large stack: the evaluator is recursive, and its call
/// depth limit assumes this much room. `dln run` and the REPL evaluate through it.
public enum LargeStack {
    /// The default stack size: 512 MiB (only touched pages are committed).
    public static let defaultSize = 512 << 20

    /// Runs `body` on a new thread with `stackSize` bytes of stack and waits for it.
    public static func run<T>(stackSize: Int = defaultSize, _ body: @escaping () throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        guard let result = box.result else {
            throw DiagnosticError(.runtime, "the evaluation thread ended without a result")
        }
        return try result.get()
    }

    /// Runs non-throwing work on a large stack.
    public static func run<T>(stackSize: Int = defaultSize, _ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = .success(body())
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        if case .success(let value)? = box.result { return value }
        return body()
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
