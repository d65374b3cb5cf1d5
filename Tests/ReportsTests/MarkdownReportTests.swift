import Foundation
import Language
import Testing
@testable import Reports

@Suite struct MarkdownReportTests {
    @Test func fencesWhatCellsShowAndEscapesTitles() {
        let document = runDocument("%% md\nSome *prose*.\n%% a `title` <b>\nprint(\"```\\n<script>\")\n")
        let markdown = MarkdownReport(document: document, pageFolder: URL(fileURLWithPath: "/tmp")).markdown()
        #expect(markdown.contains("## a \\`title\\` &lt;b&gt;"))
        #expect(markdown.contains("````text\n```\n<script>\n````"))
        #expect(markdown.contains("Some *prose*."))
        #expect(markdown.contains("| --set | n = 3 |"))
    }

    @Test func aFailedRunStartsWithABannerLinkingToTheCell() {
        let document = runDocument("%% one\nexpect 1 == 2\n")
        let markdown = MarkdownReport(document: document, pageFolder: URL(fileURLWithPath: "/tmp")).markdown()
        #expect(markdown.contains("> **This run failed** (exit status 1) in [one](#cell-1)"))
        #expect(markdown.contains("<a id=\"cell-1\"></a>"))
    }

    @Test func linksFiguresRelativeToTheFile() {
        #expect(RelativePath.link(to: "/work/plots/a b.svg", from: URL(fileURLWithPath: "/work/docs")) == "../plots/a%20b.svg")
        #expect(RelativePath.link(to: "/work/plots/x.gp", from: URL(fileURLWithPath: "/work")) == "plots/x.gp")
    }
}

@Suite struct ReportFilesTests {
    @Test func writesBothFilesWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = ReportFiles(htmlPath: folder.appendingPathComponent("r.html").path,
                                markdownPath: folder.appendingPathComponent("r.md").path)
        try files.write(runDocument("%% a\nprint(1)\n"))
        let html = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["r.html", "r.md"])
    }

    @Test func aFolderThatCannotBeWrittenIsReportedWithItsPath() {
        let files = ReportFiles(htmlPath: "/nonexistent-folder/r.html", markdownPath: nil)
        #expect(throws: ReportWriteError.self) { try files.write(runDocument("%% a\n1\n")) }
    }

    @Test func theJSONReportCarriesTheProvenance() throws {
        let document = runDocument("%% parameters\nn = 3\nrate = 0.5\n")
        let record = document.report.reportFile(exitStatus: 0, version: "test", provenance: document.provenance)
        let json = String(decoding: try record.encoded(), as: UTF8.self)
        #expect(json.contains("\"set\" : ["))
        #expect(json.contains("\"openblas_core_type\" : \"Haswell\""))
        #expect(json.contains("\"start_time\" : \"1970-01-01T00:00:00Z\""))
        #expect(record.parameters == [.init(name: "n", value: "3"), .init(name: "rate", value: "0.5")])
    }
}
