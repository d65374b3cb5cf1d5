import FileWriting
import Foundation
import Language

/// How one point's run ended, kept beside its outputs as `point.json`: one row of the
/// results table.
public struct PointRecord: Codable, Equatable, Sendable {
    public static let fileName = "point.json"
    /// The child's `--report`, kept in the point's folder.
    public static let reportName = "report.json"

    public var settings: [SweepPoint.Setting]
    /// `passed` or `failed`.
    public var status: String
    public var exitStatus: Int
    public var durationSeconds: Double
    /// The first error: the failing cell's diagnostic, or the end of standard error.
    public var error: String?
    public var failedCell: String?
    public var results: [String: ResultValue]

    enum CodingKeys: String, CodingKey {
        case settings, status, error, results
        case exitStatus = "exit_status", durationSeconds = "duration_seconds", failedCell = "failed_cell"
    }

    public var passed: Bool { status == "passed" }

    /// The record of a run that ended with `outcome`, whose `--report` (if it wrote one) is `report`.
    init(point: SweepPoint, outcome: ChildOutcome, report: URL) {
        settings = point.settings
        status = outcome.status == 0 ? "passed" : "failed"
        exitStatus = Int(outcome.status)
        durationSeconds = (outcome.duration * 1000).rounded() / 1000
        failedCell = outcome.failedCell
        let child = ChildResults.read(report)
        results = child?.results ?? [:]
        if outcome.status != 0 {
            error = child?.firstError ?? outcome.errorTail.last(where: { !$0.isEmpty }) ?? "exit status \(outcome.status)"
        }
    }

    init(point: SweepPoint, failure: String) {
        settings = point.settings
        status = "failed"
        exitStatus = 2
        durationSeconds = 0
        error = failure
        results = [:]
    }

    func write(into folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(self) + Data("\n".utf8), to: folder.appendingPathComponent(Self.fileName))
    }

    /// The record in a point's folder, or nil when it has none (the point never finished).
    static func read(from folder: URL) -> PointRecord? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName)) else { return nil }
        return try? JSONDecoder().decode(PointRecord.self, from: data)
    }
}

/// What a sweep reads of a child's `--report`: its results and its first error.
struct ChildResults: Decodable {
    struct Diagnostic: Decodable { let rendered: String }
    struct Cell: Decodable { let diagnostics: [Diagnostic] }

    let results: [String: ResultValue]?
    let diagnostics: [Diagnostic]
    let cells: [Cell]

    static func read(_ report: URL) -> ChildResults? {
        guard let data = try? Data(contentsOf: report) else { return nil }
        return try? JSONDecoder().decode(ChildResults.self, from: data)
    }

    /// The first diagnostic, on one line (its first line: `file:line:col: error: …`).
    var firstError: String? {
        let first = diagnostics.first ?? cells.lazy.compactMap(\.diagnostics.first).first
        return first.map { String($0.rendered.split(separator: "\n").first ?? "") }
    }
}
