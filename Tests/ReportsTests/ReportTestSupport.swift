import Foundation
import Language
@testable import Reports

/// Runs a notebook in the language alone (no tensors, no figures) and makes its document.
func runDocument(_ text: String, name: String = "nb.dln", exitStatus: Int = 0) -> RunDocument {
    let notebook = Notebook(name: name, text: text)
    let transcript = TranscriptSink(forwardingTo: NullSink()) { _ in nil }
    let runner = NotebookRunner(evaluator: Evaluator(sink: transcript))
    let report = runner.run(notebook, options: RunOptions(usesLargeStack: false))
    let status = exitStatus != 0 ? exitStatus : (report.succeeded ? 0 : 1)
    let provenance = RunProvenance(
        notebookPath: name, overrides: [.init(name: "n", value: "3")], parameters: runner.parameterValues(of: notebook),
        dlnVersion: "test", precision: 32, openBLASCoreType: "Haswell", threads: 2, startTime: Date(timeIntervalSince1970: 0),
        durationSeconds: 1.5, exitStatus: status)
    return RunDocument(notebook: notebook, report: report, provenance: provenance, shown: transcript.shown)
}

func htmlOf(_ document: RunDocument) -> String {
    HTMLReport(document: document, pageFolder: URL(fileURLWithPath: "/tmp")).html()
}
