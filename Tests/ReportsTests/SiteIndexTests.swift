import Foundation
import Testing
@testable import Reports

@Suite struct SiteIndexTests {
    func page(_ head: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("report.html")
        try "<!DOCTYPE html><html><head>\(head)</head></html>".write(to: page, atomically: true, encoding: .utf8)
        return page
    }

    @Test func readsThePagesFirstFigure() throws {
        let page = try page("<meta name=\"dln-first-figure\" content=\"loss%20curve.svg\">")
        defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
        #expect(SiteIndex.firstFigure(ofPage: page) == "loss curve.svg")
    }

    @Test func ignoresAddressesThatLeaveThePagesFolderByScheme() throws {
        for content in ["javascript:alert(1)", "/etc/passwd", "a&quot;b"] {
            let page = try page("<meta name=\"dln-first-figure\" content=\"\(content)\">")
            defer { try? FileManager.default.removeItem(at: page.deletingLastPathComponent()) }
            #expect(SiteIndex.firstFigure(ofPage: page) == nil, "\(content)")
        }
    }

    @Test func listsNotebooksWithoutPagesAsSuch() {
        let index = SiteIndex(title: "course <1>", entries: [.init(name: "a<b>", page: nil)])
        let html = index.html(folder: URL(fileURLWithPath: "/tmp"))
        #expect(html.contains("<h2>a&lt;b&gt;</h2><p>(no page: its run failed or has not been made)</p>"))
        #expect(html.contains("<title>course &lt;1&gt;</title>"))
    }
}
