import Foundation
import NotebookBatch

/// One task of a Slurm job array (`dln sweep --task N --out DIR`): runs point N of the
/// sweep's plan, unless it is up to date, exactly as a local sweep would.
public enum SweepTask {
    /// Runs the point and returns its run's exit status (0 when up to date).
    ///
    /// - Throws: `SweepUsageError` when the folder holds no sweep or has no point N.
    public static func run(index: Int, folder: URL, executable: URL, say: @escaping @Sendable (String) -> Void) throws -> Int32 {
        let plan = try SweepPlan.read(from: folder)
        guard plan.points.indices.contains(index) else {
            throw SweepUsageError("--task \(index): the sweep has \(plan.points.count) points (tasks 0 to \(plan.points.count - 1))")
        }
        let point = plan.points[index]
        let runner = PointRunner(plan: plan, folder: folder, executable: executable, resourceArguments: [],
                                 environment: LocalSweep.childEnvironment(jobs: 1))
        let fingerprint: Fingerprint
        do {
            fingerprint = try runner.fingerprint(for: point)
        } catch {
            throw SweepUsageError("cannot read the notebook '\(plan.notebook)': \(error.localizedDescription)")
        }
        let reasons = runner.reasons(for: point, fingerprint: fingerprint)
        if reasons.isEmpty {
            say("\(point.line): up to date")
            return 0
        }
        say("\(point.line): running (\(reasons.joined(separator: ", ")))")
        let record = runner.run(point, fingerprint: fingerprint, started: { _ in }, isInterrupted: { false },
                                onCell: { say("  %% \($0)") }, onProgress: { _ in })
        guard let record else { return 1 }
        say("\(point.line): \(record.status) in \(String(format: "%.1f s", record.durationSeconds))" + (record.error.map { ": \($0)" } ?? ""))
        return record.passed ? 0 : 1
    }
}
