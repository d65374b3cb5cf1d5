import Foundation
import Gnuplot

/// The one gnuplot process of each `HostOutput`, started lazily by its first figure
/// and reused by every later one (`GnuplotProcess` restarts it if it died).
///
/// Extensions cannot add stored properties, so processes are kept here, keyed by the
/// host's identity; a weak reference tells a live host from a dead one whose address
/// was reused, and processes of dead hosts are stopped.
final class FigureSessions: @unchecked Sendable {
    static let shared = FigureSessions()

    private struct Entry {
        weak var host: HostOutput?
        var process: GnuplotProcess
    }

    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]

    /// The host's process, created (not yet started) on first use.
    func process(for host: HostOutput) -> GnuplotProcess {
        lock.lock()
        defer { lock.unlock() }
        let key = ObjectIdentifier(host)
        if let entry = entries[key], entry.host === host { return entry.process }
        removeDeadHosts()
        let process = GnuplotProcess()
        entries[key] = Entry(host: host, process: process)
        return process
    }

    /// Replaces the host's process with one using `configuration`.
    func configure(_ host: HostOutput, _ configuration: GnuplotProcess.Configuration) {
        lock.lock()
        defer { lock.unlock() }
        let key = ObjectIdentifier(host)
        entries[key]?.process.terminate()
        entries[key] = Entry(host: host, process: GnuplotProcess(configuration: configuration))
    }

    /// The host's process if it has one.
    func existingProcess(for host: HostOutput) -> GnuplotProcess? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[ObjectIdentifier(host)], entry.host === host else { return nil }
        return entry.process
    }

    private func removeDeadHosts() {
        for (key, entry) in entries where entry.host == nil {
            entry.process.terminate()
            entries[key] = nil
        }
    }
}

extension HostOutput {
    /// How many times this host started gnuplot (1 for a run that drew any figures).
    public var gnuplotStartCount: Int {
        FigureSessions.shared.existingProcess(for: self)?.startCount ?? 0
    }

    /// Uses the gnuplot at `executablePath` (default: `$DLN_GNUPLOT`, else `gnuplot` on
    /// `$PATH`), allowing `timeout` seconds per figure; stops the current process.
    public func useGnuplot(at executablePath: String? = nil, timeout: Double = 60) {
        let path = executablePath ?? GnuplotProcess.Configuration.defaultExecutablePath
        FigureSessions.shared.configure(self, GnuplotProcess.Configuration(executablePath: path, timeout: timeout))
    }

    /// Stops this host's gnuplot, if running (the next figure starts a new one).
    public func stopGnuplot() {
        FigureSessions.shared.existingProcess(for: self)?.terminate()
    }
}
