import Foundation
import NotebookBatch

typealias ChildOutcome = ChildRun.Outcome

/// Where each point of a sweep keeps its run (`DIR/points/<point>/`) and whether that run
/// is up to date: its manifest matches the point's fingerprint and the run passed.
struct PointFolders: Sendable {
    let plan: SweepPlan
    let folder: URL

    func job(for point: SweepPoint) -> NotebookJob {
        let name = point.folderName
        return NotebookJob(notebook: URL(fileURLWithPath: plan.notebook), name: name,
                           output: SweepPlan.pointsFolder(in: folder).appendingPathComponent(name))
    }

    /// The point's fingerprint: the notebook, its input files, the point's and the fixed
    /// `--set` values, the run options and dln's version.
    func fingerprint(for point: SweepPoint) throws -> Fingerprint {
        let runOptions = plan.runArguments.isEmpty ? [] : [plan.runArguments.joined(separator: " ")]
        return try Fingerprint(notebook: URL(fileURLWithPath: plan.notebook),
                               settings: plan.fixed + point.settings.map(\.override) + runOptions, version: plan.version)
    }

    /// Why the point must run (empty when it is up to date).
    func reasons(for point: SweepPoint, fingerprint: Fingerprint) -> [String] {
        let job = job(for: point)
        let staleness = job.staleness(of: fingerprint)
        if staleness == ["no figures yet"] { return ["not run yet"] }
        if !staleness.isEmpty { return staleness }
        guard let record = PointRecord.read(from: job.output) else { return ["no point.json"] }
        return record.passed ? [] : ["failed last time"]
    }
}

/// Runs the points of one sweep, each as a child `dln run` into a staging folder that
/// replaces the point's folder once the run has ended, passed or failed, with its
/// `point.json` and the manifest of what it was made from.
struct PointRunner: Sendable {
    let folders: PointFolders
    let executable: URL
    /// Options that limit how a run may run (`--memory-limit`), not fingerprinted.
    let resourceArguments: [String]
    let environment: [String: String]

    var plan: SweepPlan { folders.plan }

    /// Runs `point` and puts its folder in place; `started` receives the child (to pass
    /// signals on) and `onCell`/`onProgress` what it reports. Nil when `isInterrupted`
    /// says the run was cut short by the sweep's own interruption: nothing is kept then,
    /// and the point runs again next time.
    func run(_ point: SweepPoint, fingerprint: Fingerprint, started: (ChildRun) -> Void, isInterrupted: () -> Bool,
             onCell: @escaping @Sendable (String) -> Void, onProgress: @escaping @Sendable (String) -> Void) -> PointRecord? {
        let job = folders.job(for: point)
        if let problem = job.outputOwnershipProblem() { return PointRecord(point: point, failure: problem) }
        job.removeAbandonedStaging()
        let staging: URL
        do {
            try FileManager.default.createDirectory(at: job.output.deletingLastPathComponent(), withIntermediateDirectories: true)
            staging = try job.createStaging()
        } catch {
            return PointRecord(point: point, failure: error.localizedDescription)
        }
        let report = staging.appendingPathComponent(PointRecord.reportName)
        let child: ChildRun
        do {
            child = try ChildRun(executable: executable, notebook: job.notebook, output: staging, report: report, keepsReport: true,
                                 settings: plan.fixed + point.settings.map(\.override),
                                 // Each point runs whole: its recorded results are what the sweep is for,
                                 // and concurrent tasks would otherwise share one cell cache.
                                 runArguments: plan.runArguments + resourceArguments + ["--no-cache"], environment: environment,
                                 onCell: onCell, onProgress: onProgress)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            return PointRecord(point: point, failure: "cannot start \(executable.path): \(error.localizedDescription)")
        }
        started(child)
        let outcome = child.wait()
        if isInterrupted() {
            try? FileManager.default.removeItem(at: staging)
            return nil
        }
        let record = PointRecord(point: point, outcome: outcome, report: report)
        do {
            try record.write(into: staging)
            try Manifest(notebook: job.notebook.lastPathComponent, fingerprint: fingerprint,
                         outputs: Manifest.hashOutputs(in: staging)).write(to: staging)
            if let problem = job.outputOwnershipProblem() { throw SweepUsageError(problem) }
            try OutputReplacement.replace(job.output, with: staging)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            return PointRecord(point: point, failure: "cannot put the point's folder in place: \(error)")
        }
        return record
    }
}
