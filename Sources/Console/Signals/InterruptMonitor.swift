import Dispatch
import Foundation

/// Turns signals (SIGINT and SIGTERM by default) into calls of a Swift handler on a
/// background queue, instead of killing the process: `dln run` cancels the evaluation,
/// the REPL its current input, `dln figures` passes them on to its children. The handler
/// may do anything a normal function does (set cancellation flags, print).
public final class InterruptMonitor: @unchecked Sendable {
    private let signals: [Int32]
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching `signals`, calling `handler` with each one received.
    public init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops catching the signals and restores their default actions.
    public func stop() {
        guard !sources.isEmpty else { return }
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in signals { signal(number, SIG_DFL) }
    }

    deinit { stop() }
}
