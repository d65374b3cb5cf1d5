import Foundation
import StandardStreams

/// `dln figures`: runs every notebook of a folder whose figures are out of
/// date, several at once, each into a staging folder that replaces its
/// figures only when the run succeeded.
public final class FiguresBatch: @unchecked Sendable {
    private let options: FiguresOptions
    private let lock = NSLock()
    private var children: [String: ChildRun] = [:]
    private var signalReceived: Int32?
    private var failures: [(name: String, lines: [String])] = []
    private var pending: [BatchPlan.Entry] = []

    public init(options: FiguresOptions) {
        self.options = options
    }

    /// Makes the out-of-date figures and returns the exit status: 0 when
    /// every notebook passed or was up to date, 1 when any failed, 128 + n
    /// after signal n.
    ///
    /// - Throws: `FiguresUsageError` when the folders cannot be used.
    public func run() throws -> Int32 {
        let plan = try BatchPlan(options: options)
        do {
            try FileManager.default.createDirectory(at: options.output, withIntermediateDirectories: true)
        } catch {
            throw FiguresUsageError(description: "cannot create the output folder '\(options.output.relativePath)'")
        }
        let display = ProgressDisplay(live: ProgressDisplay.standardErrorIsTerminal) { text in
            StandardStream.write(text, to: STDERR_FILENO)
        }
        if plan.entries.isEmpty { display.print("no notebooks (*.dln) in '\(options.notebooks.relativePath)'") }
        for entry in plan.entries where entry.reasons.isEmpty { display.upToDate(entry.job.name) }

        lock.withLock { pending = plan.stale }
        let group = DispatchGroup()
        for _ in 0..<min(options.jobs, plan.stale.count) {
            DispatchQueue.global().async(group: group) { [self] in
                while let entry = takeNext() { make(entry, display: display) }
            }
        }
        group.wait()
        display.stop()
        return summarize(plan: plan)
    }

    /// The next notebook to make, or nil when none is left or a signal came.
    private func takeNext() -> BatchPlan.Entry? {
        lock.withLock {
            guard signalReceived == nil, !pending.isEmpty else { return nil }
            return pending.removeFirst()
        }
    }

    /// Passes a signal on to every child; no new notebook starts after it, and
    /// ``run()`` returns 128 + `number` once the children have ended. The caller
    /// catches the signals (dln's `InterruptMonitor`) and calls this.
    public func interrupt(_ number: Int32) {
        lock.withLock {
            if signalReceived == nil { signalReceived = number }
            children.values.forEach { $0.send(number) }
        }
    }

    /// Runs one notebook into its staging folder and puts the result in place.
    private func make(_ entry: BatchPlan.Entry, display: ProgressDisplay) {
        let job = entry.job, name = job.name
        guard let fingerprint = entry.fingerprint else {
            fail(name, lines: [entry.problem ?? "cannot read the notebook"], display: display)
            return
        }
        if let problem = job.outputOwnershipProblem() {
            fail(name, lines: [problem], display: display)
            return
        }
        job.removeAbandonedStaging()
        let staging: URL
        do {
            staging = try job.createStaging()
        } catch {
            fail(name, lines: [error.localizedDescription], display: display)
            return
        }
        display.started(name, reasons: entry.reasons)
        let child: ChildRun
        do {
            child = try lock.withLock {
                let child = try ChildRun(executable: options.executable, job: job, staging: staging, settings: entry.settings,
                                         runArguments: options.runArguments + options.resourceArguments
                                            + (options.writesPages ? ["--html", staging.appendingPathComponent(FiguresOptions.pageName).path] : []),
                                         environment: childEnvironment(),
                                         onCell: { display.cell(name, $0) }, onProgress: { display.progress(name, $0) })
                children[name] = child
                return child
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            fail(name, lines: ["cannot start \(options.executable.path): \(error.localizedDescription)"], display: display)
            return
        }
        let outcome = child.wait()
        lock.withLock { children[name] = nil }
        guard outcome.status == 0 else {
            try? FileManager.default.removeItem(at: staging)
            display.failed(name, seconds: outcome.duration, cell: outcome.failedCell, status: outcome.status)
            // After Ctrl-C or SIGTERM the children's messages are only about the interruption.
            if lock.withLock({ signalReceived == nil }) { record(name, lines: outcome.errorTail) }
            return
        }
        do {
            // Checked again: the folder may have appeared while the notebook ran.
            if let problem = job.outputOwnershipProblem() { throw FiguresUsageError(description: problem) }
            let manifest = Manifest(notebook: job.notebook.lastPathComponent, fingerprint: fingerprint,
                                    outputs: Manifest.hashOutputs(in: staging))
            try manifest.write(to: staging)
            try OutputReplacement.replace(job.output, with: staging)
            display.finished(name, seconds: outcome.duration)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            let reason = (error as? FiguresUsageError)?.description ?? "cannot put the figures in place: \(error.localizedDescription)"
            fail(name, lines: [reason], display: display)
        }
    }

    private func fail(_ name: String, lines: [String], display: ProgressDisplay) {
        display.print("\(name): failed")
        record(name, lines: lines)
    }

    private func record(_ name: String, lines: [String]) {
        lock.withLock { failures.append((name, lines)) }
    }

    /// The children's environment: OpenBLAS gets a share of the cores unless the user chose.
    private func childEnvironment() -> [String: String] {
        var environment = ParentDeath.tying(ProcessInfo.processInfo.environment)
        if environment["OPENBLAS_NUM_THREADS"] == nil {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            environment["OPENBLAS_NUM_THREADS"] = String(max(1, cores / max(options.jobs, 1)))
        }
        return environment
    }

    /// Prints the failures' standard error and a summary; returns the exit status.
    private func summarize(plan: BatchPlan) -> Int32 {
        let (failed, signal) = lock.withLock { (failures.sorted { $0.name < $1.name }, signalReceived) }
        for failure in failed {
            let tail = failure.lines.isEmpty ? ["(nothing on standard error)"] : failure.lines
            let text = "\n── \(failure.name) ──\n" + tail.map { "  " + $0 }.joined(separator: "\n") + "\n"
            StandardStream.write(text, to: STDERR_FILENO)
        }
        if let signal {
            let note = "interrupted: notebooks that did not finish keep their previous figures\n"
            StandardStream.write(note, to: STDERR_FILENO)
            return 128 + signal
        }
        let upToDate = plan.entries.count - plan.stale.count
        let ran = plan.stale.count - failed.count
        print("\(plan.entries.count) notebooks: \(ran) made, \(upToDate) up to date, \(failed.count) failed")
        return failed.isEmpty ? 0 : 1
    }
}
