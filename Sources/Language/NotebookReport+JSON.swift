import FileWriting
import Foundation

extension NotebookReport {
    /// The machine-readable record of a run that `dln run --report` writes:
    /// per cell its title, status, duration, displayed values, printed output,
    /// files written and diagnostics (each with its location and rendering).
    ///
    /// - Parameter files: the files each cell wrote, by cell index.
    public func json(exitStatus: Int32, files: [Int: [String]] = [:], version: String, precision: Int = 32) -> [String: Any] {
        [
            "notebook": name,
            "precision": precision,
            "dln_version": version,
            "status": succeeded ? "passed" : (wasInterrupted ? "interrupted" : "failed"),
            "exit_status": Int(exitStatus),
            "duration_seconds": duration,
            "diagnostics": diagnostics.map(Self.json),
            "cells": cells.map { cell in
                [
                    "index": cell.index,
                    "title": cell.title as Any? ?? NSNull(),
                    "kind": cell.kind.rawValue,
                    "status": cell.status.rawValue,
                    "duration_seconds": cell.duration,
                    "displayed": cell.displayed,
                    "output": cell.output,
                    "files": files[cell.index] ?? [],
                    "diagnostics": cell.diagnostics.map(Self.json),
                ] as [String: Any]
            },
        ]
    }

    static func json(_ diagnostic: Diagnostic) -> [String: Any] {
        var entry: [String: Any] = [
            "kind": diagnostic.kind.rawValue,
            "message": diagnostic.message,
            "rendered": DiagnosticRenderer().render(diagnostic),
        ]
        if let range = diagnostic.range {
            let location = range.startLocation
            entry["file"] = range.file.name
            entry["line"] = location.line
            entry["column"] = location.column
        }
        if let hint = diagnostic.hint { entry["hint"] = hint }
        if !diagnostic.notes.isEmpty { entry["notes"] = diagnostic.notes }
        if let cell = diagnostic.cellTitle { entry["cell"] = cell }
        return entry
    }

    /// Writes the JSON record to `url` whole or not at all.
    public func writeJSON(to url: URL, exitStatus: Int32, files: [Int: [String]] = [:], version: String,
                          precision: Int = 32) throws {
        let object = json(exitStatus: exitStatus, files: files, version: version, precision: precision)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try AtomicFile.write(data, to: url)
    }
}
