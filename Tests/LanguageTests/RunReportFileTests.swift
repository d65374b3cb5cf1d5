import Foundation
import Testing
@testable import Language

@Suite("--report file")
struct RunReportFileTests {
    let report: NotebookReport = {
        let runner = NotebookRunner(evaluator: Evaluator(host: FakeHost(), sink: BufferSink()))
        return runner.run(Notebook(name: "nb.dln", text: "print(1)\n%% checks\nexpect 1 == 2\n"))
    }()

    @Test func theRecordHasTheDocumentedKeys() throws {
        let data = try report.reportFile(exitStatus: 1, files: [1: ["plots/a.svg"]], version: "9.9", precision: 64).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["notebook", "precision", "dln_version", "status", "exit_status", "duration_seconds", "diagnostics", "cells"])
        #expect(object["status"] as? String == "failed" && object["precision"] as? Int == 64)
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells[0]["title"] is NSNull, "an untitled cell's title is null, not missing")
        #expect(cells[0]["files"] as? [String] == ["plots/a.svg"] && cells[0]["output"] as? String == "1\n")
        let diagnostic = try #require((cells[1]["diagnostics"] as? [[String: Any]])?.first)
        #expect(Set(diagnostic.keys) == ["kind", "message", "rendered", "file", "line", "column", "notes", "cell"])
        #expect(diagnostic["cell"] as? String == "checks" && diagnostic["line"] as? Int == 3)
    }

    @Test func theRecordReadsBackAsWritten() throws {
        let written = report.reportFile(exitStatus: 1, version: "9.9")
        #expect(try JSONDecoder().decode(RunReportFile.self, from: written.encoded()) == written)
    }
}
