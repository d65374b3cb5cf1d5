import Foundation
import NotebookBatch
import StandardStreams

/// `dln sweep` on this machine: the points that are not up to date run as child
/// `dln run`s, `jobs` at a time, each with its share of the engine's threads, under one
/// progress display; then the results are gathered.
public final class LocalSweep: @unchecked Sendable {
    private let runner: PointRunner
    private let jobs: Int
    private let force: Bool
    private let lock = NSLock()
    private var pending: [(point: SweepPoint, fingerprint: Fingerprint, reasons: [String])] = []
    private var children: [String: ChildRun] = [:]
    private var signalReceived: Int32?
    private var failed = 0

    /// - Parameters:
    ///   - resourceArguments: options for every run that are not fingerprinted (`--memory-limit`).
    public init(plan: SweepPlan, folder: URL, executable: URL, jobs: Int, force: Bool, resourceArguments: [String]) {
        self.jobs = max(jobs, 1)
        self.force = force
        runner = PointRunner(folders: PointFolders(plan: plan, folder: folder), executable: executable, resourceArguments: resourceArguments,
                             environment: Self.childEnvironment(jobs: max(jobs, 1)))
    }

    /// Runs the points that are not up to date and returns the exit status of the runs:
    /// 0 when all passed, 1 when any failed, 128 + n after signal n.
    ///
    /// - Throws: `SweepUsageError` when the notebook cannot be read.
    public func run() throws -> Int32 {
        let display = ProgressDisplay(live: ProgressDisplay.standardErrorIsTerminal) { text in
            StandardStream.write(text, to: STDERR_FILENO)
        }
        defer { display.stop() }
        var work: [(SweepPoint, Fingerprint, [String])] = []
        for point in runner.plan.points {
            let fingerprint: Fingerprint
            do {
                fingerprint = try runner.folders.fingerprint(for: point)
            } catch {
                throw SweepUsageError("cannot read the notebook '\(runner.plan.notebook)': \(error.localizedDescription)")
            }
            let reasons = force ? ["--force"] : runner.folders.reasons(for: point, fingerprint: fingerprint)
            if reasons.isEmpty { display.upToDate(point.line) } else { work.append((point, fingerprint, reasons)) }
        }
        lock.withLock { pending = work.map { (point: $0.0, fingerprint: $0.1, reasons: $0.2) } }
        let group = DispatchGroup()
        for _ in 0..<min(jobs, work.count) {
            DispatchQueue.global().async(group: group) { [self] in
                while let next = takeNext() { make(next.point, next.fingerprint, next.reasons, display: display) }
            }
        }
        group.wait()
        return lock.withLock { signalReceived.map { 128 + $0 } ?? (failed > 0 ? 1 : 0) }
    }

    /// Passes a signal on to every running point; no new point starts after it.
    public func interrupt(_ number: Int32) {
        lock.withLock {
            if signalReceived == nil { signalReceived = number }
            children.values.forEach { $0.send(number) }
        }
    }

    private func takeNext() -> (point: SweepPoint, fingerprint: Fingerprint, reasons: [String])? {
        lock.withLock {
            guard signalReceived == nil, !pending.isEmpty else { return nil }
            return pending.removeFirst()
        }
    }

    private func make(_ point: SweepPoint, _ fingerprint: Fingerprint, _ reasons: [String], display: ProgressDisplay) {
        let name = point.line
        display.started(name, reasons: reasons)
        let record = runner.run(point, fingerprint: fingerprint,
                                started: { child in lock.withLock { children[name] = child } },
                                isInterrupted: { lock.withLock { signalReceived != nil } },
                                onCell: { display.cell(name, $0) }, onProgress: { display.progress(name, $0) })
        lock.withLock { children[name] = nil }
        guard let record else {
            display.print("\(name): interrupted")
            return
        }
        if record.passed {
            display.finished(name, seconds: record.durationSeconds)
        } else {
            lock.withLock { failed += 1 }
            display.failed(name, seconds: record.durationSeconds, cell: record.failedCell, status: Int32(record.exitStatus))
            if let error = record.error { display.print("  \(error)") }
        }
    }

    /// The children's environment: OpenBLAS and the engine get a share of the cores unless the user chose.
    static func childEnvironment(jobs: Int) -> [String: String] {
        var environment = ParentDeath.tying(ProcessInfo.processInfo.environment)
        if environment["OPENBLAS_NUM_THREADS"] == nil {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            environment["OPENBLAS_NUM_THREADS"] = String(max(1, cores / max(jobs, 1)))
        }
        return environment
    }
}
