import Foundation
import Testing

/// `dln figures --html DIR`: a page beside each notebook's figures, skipped with them,
/// and a gallery linking the pages with each one's first figure.
@Suite struct SiteTests {
    static func notebook(_ name: String, figure: Bool) -> String {
        "%% md\n# Notebook \(name)\n%% compute\nx = linspace(0, 1, 5)\nprint(\"\(name) ran\")\n"
            + (figure ? "%% figure\nfigure \"\(name)_line\" (title: \"\(name)\") {\n  line x, x\n}\n" : "")
    }

    @Test func writesAPagePerNotebookAndAGalleryAndSkipsThemWithTheFigures() throws {
        let root = try ReportChecker.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        try Self.notebook("a", figure: true).write(to: root.appendingPathComponent("notebooks/a.dln"), atomically: true, encoding: .utf8)
        try Self.notebook("b", figure: false).write(to: root.appendingPathComponent("notebooks/b.dln"), atomically: true, encoding: .utf8)
        let arguments = ["figures", "notebooks", "--out", "plots", "--html", "site", "--jobs", "2"]

        let first = try DLNProcess.run(arguments, directory: root, timeout: 300)
        #expect(first.status == 0, "\(first.stderr)")
        let page = try ReportChecker.structure(of: root.appendingPathComponent("plots/a/report.html"))
        #expect(page.sections.first { $0.id == "cell-3" }?.svgs == 1)
        #expect(page.sections.first { $0.id == "cell-3" }?.links == ["a_line.svg", "a_line.gp"])
        let index = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
        _ = try ReportChecker.structure(of: root.appendingPathComponent("site/index.html"))  // well-formed
        #expect(index.contains("<a href=\"../plots/a/report.html\"><img src=\"../plots/a/a_line.svg\" alt=\"The first figure of a\""))
        #expect(index.contains("<a href=\"../plots/b/report.html\"><h2>b</h2></a>"))

        let second = try DLNProcess.run(arguments, directory: root, timeout: 300)
        #expect(second.stderr.contains("a: up to date") && second.stderr.contains("b: up to date"), "\(second.stderr)")

        try FileManager.default.removeItem(at: root.appendingPathComponent("plots/b/report.html"))
        let third = try DLNProcess.run(arguments, directory: root, timeout: 300)
        #expect(third.stderr.contains("a: up to date") && third.stderr.contains("b: running"), "\(third.stderr)")

        let withoutPages = try DLNProcess.run(["figures", "notebooks", "--out", "plots"], directory: root, timeout: 300)
        #expect(withoutPages.stderr.contains("a: running"), "pages are part of the fingerprint: \(withoutPages.stderr)")
    }
}
