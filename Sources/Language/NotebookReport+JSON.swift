import FileWriting
import Foundation

/// The machine-readable record of a run that `dln run --report` writes: per cell its
/// title, status, duration, displayed values, printed output, files written and
/// diagnostics (each with its location and rendering). Keys are snake_case.
public struct RunReportFile: Codable, Equatable, Sendable {
    public var notebook: String
    public var precision: Int
    public var dlnVersion: String
    /// `passed`, `failed` or `interrupted`.
    public var status: String
    public var exitStatus: Int
    public var durationSeconds: Double
    public var diagnostics: [DiagnosticRecord]
    public var cells: [CellRecord]
    /// Provenance (see ``RunProvenance``); absent in records written without it.
    public var notebookPath: String?
    public var overrides: [RunProvenance.NamedValue]?
    public var parameters: [RunProvenance.NamedValue]?
    public var openBLASCoreType: String?
    public var threads: Int?
    public var startTime: String?
    /// The values the notebook marked with `record("name", value)`; absent when it marked none.
    public var results: [String: ResultValue]?

    enum CodingKeys: String, CodingKey {
        case notebook, precision, status, diagnostics, cells, parameters, threads
        case dlnVersion = "dln_version", exitStatus = "exit_status", durationSeconds = "duration_seconds"
        case notebookPath = "notebook_path", overrides = "set", openBLASCoreType = "openblas_core_type"
        case startTime = "start_time"
        case results
    }

    /// Adds what `provenance` knows that the record does not already hold.
    mutating func add(_ provenance: RunProvenance) {
        notebookPath = provenance.notebookPath
        overrides = provenance.overrides
        parameters = provenance.parameters
        openBLASCoreType = provenance.openBLASCoreType
        threads = provenance.threads
        startTime = provenance.startTime
    }

    /// One cell of the record; `title` is written as `null` for an untitled cell.
    public struct CellRecord: Codable, Equatable, Sendable {
        public var index: Int
        public var title: String?
        public var kind: String
        public var status: String
        public var durationSeconds: Double
        public var displayed: [String]
        public var output: String
        public var files: [String]
        public var diagnostics: [DiagnosticRecord]

        enum CodingKeys: String, CodingKey {
            case index, title, kind, status, displayed, output, files, diagnostics
            case durationSeconds = "duration_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(status, forKey: .status)
            try container.encode(durationSeconds, forKey: .durationSeconds)
            try container.encode(displayed, forKey: .displayed)
            try container.encode(output, forKey: .output)
            try container.encode(files, forKey: .files)
            try container.encode(diagnostics, forKey: .diagnostics)
        }
    }

    /// A diagnostic; the location, hint, notes and cell are left out when it has none.
    public struct DiagnosticRecord: Codable, Equatable, Sendable {
        public var kind: String
        public var message: String
        public var rendered: String
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var hint: String?
        public var notes: [String]?
        public var cell: String?

        init(_ diagnostic: Diagnostic) {
            kind = diagnostic.kind.rawValue
            message = diagnostic.message
            rendered = DiagnosticRenderer().render(diagnostic)
            if let range = diagnostic.range {
                let location = range.startLocation
                (file, line, column) = (range.file.name, location.line, location.column)
            }
            hint = diagnostic.hint
            notes = diagnostic.notes.isEmpty ? nil : diagnostic.notes
            cell = diagnostic.cellTitle
        }
    }

    /// The encoding dln writes: indented, keys sorted.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

extension NotebookReport {
    /// The record of this run for `--report`.
    ///
    /// - Parameter files: the files each cell wrote, by cell index.
    public func reportFile(exitStatus: Int32, files: [Int: [String]] = [:], version: String, precision: Int = 32,
                           provenance: RunProvenance? = nil, results: [String: ResultValue] = [:]) -> RunReportFile {
        var record = RunReportFile(
            notebook: name, precision: precision, dlnVersion: version,
            status: succeeded ? "passed" : (wasInterrupted ? "interrupted" : "failed"),
            exitStatus: Int(exitStatus), durationSeconds: duration,
            diagnostics: diagnostics.map(RunReportFile.DiagnosticRecord.init),
            cells: cells.map { cell in
                RunReportFile.CellRecord(
                    index: cell.index, title: cell.title, kind: cell.kind.rawValue, status: cell.status.rawValue,
                    durationSeconds: cell.duration, displayed: cell.displayed, output: cell.output,
                    files: files[cell.index] ?? [], diagnostics: cell.diagnostics.map(RunReportFile.DiagnosticRecord.init))
            })
        if let provenance { record.add(provenance) }
        if !results.isEmpty { record.results = results }
        return record
    }

    /// Writes the record to `url` whole or not at all.
    public func writeJSON(to url: URL, exitStatus: Int32, files: [Int: [String]] = [:], version: String,
                          precision: Int = 32, provenance: RunProvenance? = nil, results: [String: ResultValue] = [:]) throws {
        let data = try reportFile(exitStatus: exitStatus, files: files, version: version, precision: precision,
                                  provenance: provenance, results: results).encoded()
        try AtomicFile.write(data, to: url)
    }
}
