import FileWriting
import Foundation
import NotebookBatch

/// `dln sweep --gather DIR` (and the end of every local sweep): reads each point's
/// `point.json` into one table and writes `results.csv`, `results.json` (each whole or
/// not at all) and the summary figure.
public enum SweepGathering {
    public static let csvName = "results.csv"
    public static let jsonName = "results.json"

    /// The table of the sweep in `folder`, a row per point of its plan.
    public static func table(folder: URL, plan: SweepPlan) -> SweepTable {
        let runner = PointRunner(plan: plan, folder: folder, executable: URL(fileURLWithPath: "/"), resourceArguments: [], environment: [:])
        let rows = plan.points.map { row(for: $0, runner: runner) }
        let names = Set(rows.flatMap(\.results.keys)).sorted()
        return SweepTable(notebook: plan.notebook, parameters: plan.parameters, results: names, rows: rows)
    }

    private static func row(for point: SweepPoint, runner: PointRunner) -> SweepRow {
        let job = runner.job(for: point)
        let relative = "points/" + job.output.lastPathComponent
        let parameters = Dictionary(point.settings.map { ($0.name, $0.value) }) { $1 }
        guard let record = PointRecord.read(from: job.output) else {
            return SweepRow(folder: relative, parameters: parameters, status: "missing", results: [:], error: "the point has not finished")
        }
        if let fingerprint = try? runner.fingerprint(for: point) {
            let changes = job.staleness(of: fingerprint)
            if !changes.isEmpty {
                return SweepRow(folder: relative, parameters: parameters, status: "stale", results: [:],
                                error: "made before " + changes.joined(separator: ", ") + "; run the sweep again")
            }
        }
        return SweepRow(folder: relative, parameters: parameters, status: record.status, exitStatus: record.exitStatus,
                        durationSeconds: record.durationSeconds, results: record.results, error: record.error)
    }

    /// Writes the results files and the figure; returns 0 when every point passed, 1 otherwise
    /// (a failed, missing or stale point, or a figure that could not be drawn). `say` hears what was written.
    public static func gather(folder: URL, say: (String) -> Void) throws -> Int32 {
        let plan = try SweepPlan.read(from: folder)
        let table = table(folder: folder, plan: plan)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try AtomicFile.write(Data(table.csv.utf8), to: folder.appendingPathComponent(csvName))
            try AtomicFile.write(try encoder.encode(table) + Data("\n".utf8), to: folder.appendingPathComponent(jsonName))
        } catch {
            throw SweepUsageError("cannot write the results into '\(folder.relativePath)': \((error as? FileWriteError)?.reason ?? "\(error)")")
        }
        var status: Int32 = 0
        let counts = Dictionary(grouping: table.rows, by: \.status).mapValues(\.count)
        let summary = ["passed", "failed", "missing", "stale"].compactMap { key in counts[key].map { "\($0) \(key)" } }
        say("\(table.rows.count) points: " + summary.joined(separator: ", ") + " → " + folder.appendingPathComponent(csvName).relativePath)
        if table.rows.contains(where: { $0.status != "passed" }) { status = 1 }
        do {
            if let image = try SummaryFigure.write(table, choice: plan.figure, into: folder, note: say) {
                say("figure → \(image.relativePath)")
            }
        } catch {
            say("the summary figure was not drawn: \(error)")
            status = 1
        }
        return status
    }
}
