import ArgumentParser
import Console
import Foundation
import Language
import Library
import Reports
import TensorCore

/// The glue between a run and its documents (`--html`, `--markdown`, `--report`).
extension Run {
    /// What the run was made with. Asked only when a record is wanted: it loads OpenBLAS
    /// to name its kernels, which a notebook without products never does.
    func provenance(session: NotebookSession, notebook: Notebook, startTime: Date, status: Int32) -> RunProvenance {
        RunProvenance(
            notebookPath: self.notebook,
            overrides: overrides.compactMap(RunOptions.override).map { RunProvenance.NamedValue(name: $0.name, value: $0.value) },
            parameters: session.runner.parameterValues(of: notebook), dlnVersion: DLN.version, precision: session.precision.rawValue,
            openBLASCoreType: try? BLASLibrary.shared.get().coreName, threads: Parallelism.threads, startTime: startTime,
            durationSeconds: Date().timeIntervalSince(startTime), exitStatus: Int(status))
    }

    /// Writes the HTML and Markdown documents asked for; one that cannot be written is
    /// reported and ends the run with its status (2 when it had passed).
    func writeDocuments(_ document: RunDocument, status: Int32, sink: StandardStreamsSink) throws {
        let documents = ReportFiles(htmlPath: html, markdownPath: markdown)
        guard !documents.isEmpty else { return }
        do {
            try documents.write(document)
        } catch {
            sink.report(Diagnostic(.io, String(describing: error)))
            throw ExitCode(status != 0 ? status : 2)
        }
    }

    /// The figure a displayed value is, as a report shows it.
    static func reportFigure(_ value: Value) -> ReportFigure? {
        guard let figure = value.hostValue as? FigureValue else { return nil }
        return ReportFigure(name: figure.name, imagePath: figure.image?.path, scriptPath: figure.script?.path, title: figure.title)
    }
}
