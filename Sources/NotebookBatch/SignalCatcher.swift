import Foundation

/// Catches SIGINT and SIGTERM while a batch runs, so that it can pass them
/// on to its children, wait for them, clean up and exit 130 or 143.
final class SignalCatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching; `handler` gets each signal's number.
    init(handler: @escaping @Sendable (Int32) -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops catching and restores the default actions.
    func stop() {
        sources.forEach { $0.cancel() }
        sources.removeAll()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
