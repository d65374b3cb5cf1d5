import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into calls of a Swift handler on a background
/// queue, instead of killing the process. The handler may do anything a
/// normal function does (set cancellation flags, print); the signal's number
/// is kept so the caller can exit with 128 + signal afterwards.
public final class InterruptMonitor: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let lock = NSLock()
    private var received: [Int32] = []

    /// Starts catching `signals`, calling `handler` with each one received.
    public init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.lock.withLock { self?.received.append(number) }
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signals received so far, oldest first.
    public var receivedSignals: [Int32] { lock.withLock { received } }

    /// Forgets the signals received so far (the REPL does, after each input).
    public func reset() { lock.withLock { received.removeAll() } }

    /// Stops catching the signals and restores their default actions.
    public func stop() {
        for source in sources { source.cancel() }
        sources.removeAll()
    }

    deinit { stop() }
}
