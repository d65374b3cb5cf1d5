import ArgumentParser
import CellCache
import Console
import Foundation
import Language
import StandardStreams

/// `dln run --watch`: run, then run again (restoring unchanged cells from the cache)
/// whenever the notebook or a file it names changes, until Ctrl-C or SIGTERM.
extension Run {
    func watchNotebook(sink: StandardStreamsSink) throws {
        let stop = WatchStop()
        let monitor = InterruptMonitor(signals: [SIGINT, SIGTERM]) { stop.receive($0) }
        defer { monitor.stop() }
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            // A run that fails, even to read the notebook, is reported; the watch goes on.
            do { _ = try runOnce(sink: sink, signals: stop) } catch is ExitCode {}
            if let signal = stop.signal { throw ExitCode(128 + signal) }
            let files = WatchedFiles(notebook: notebook, folder: folder)
            StandardStream.write("watching \(notebook) and the files it names (Ctrl-C stops)\n", to: STDERR_FILENO)
            var changed: String?
            while changed == nil {
                if let signal = stop.signal { throw ExitCode(128 + signal) }
                usleep(200_000)
                changed = files.changedFile()
            }
            StandardStream.write("\(changed ?? notebook) changed: running again\n", to: STDERR_FILENO)
        }
    }
}

/// The signal that ends the watch, set from the signal handler's thread; it also stops the run under way.
final class WatchStop: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var current: CancellationFlag?

    func receive(_ signal: Int32) {
        lock.withLock {
            if received == nil { received = signal }
            current?.cancel()
        }
    }

    /// The run under way, cancelled when a signal comes.
    func running(_ cancellation: CancellationFlag) {
        lock.withLock {
            current = cancellation
            if received != nil { cancellation.cancel() }
        }
    }

    var signal: Int32? { lock.withLock { received } }
}
