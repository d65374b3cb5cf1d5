import FileWriting
import Foundation

/// The gallery of a course (`dln figures --html DIR`): `DIR/index.html` with one entry per
/// notebook, linking to its page and showing its first figure as a thumbnail.
public struct SiteIndex {
    /// One notebook of the gallery.
    public struct Entry {
        public var name: String
        /// The notebook's page; nil when it has none yet (its run failed).
        public var page: URL?

        public init(name: String, page: URL?) {
            self.name = name
            self.page = page
        }
    }

    /// The `<meta>` by which a page names its first figure, relative to the page.
    static let firstFigureMetaName = "dln-first-figure"

    public let title: String
    public let entries: [Entry]

    public init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    /// Writes `index.html` into `folder` (creating it) whole or not at all.
    public func write(into folder: URL) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AtomicFile.write(Data(html(folder: folder).utf8), to: folder.appendingPathComponent("index.html"))
        } catch {
            let path = folder.appendingPathComponent("index.html").path
            throw ReportWriteError(path: path, reason: (error as? FileWriteError)?.reason ?? error.localizedDescription)
        }
    }

    func html(folder: URL) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src * data:">
        <meta name="color-scheme" content="light dark">
        <title>\(HTMLText.escaped(title))</title>
        <style>
        \(HTMLStyle.css)
        .gallery { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
        .gallery li { border: 1px solid var(--border); border-radius: 6px; padding: .6rem; }
        .gallery h2 { font-size: 1.05rem; margin: .4rem 0 0; overflow-wrap: anywhere; }
        .gallery img { display: block; width: 100%; height: 10rem; object-fit: contain; background: #fff; border-radius: 4px; }
        </style>
        </head>
        <body>
        <main>
        <h1>\(HTMLText.escaped(title))</h1>
        <ul class="gallery">
        \(entries.map { entryHTML($0, folder: folder) }.joined(separator: "\n"))
        </ul>
        </main>
        </body>
        </html>

        """
    }

    private func entryHTML(_ entry: Entry, folder: URL) -> String {
        let name = HTMLText.escaped(entry.name)
        guard let page = entry.page, FileManager.default.fileExists(atPath: page.path) else {
            return "<li><h2>\(name)</h2><p>(no page: its run failed or has not been made)</p></li>"
        }
        let link = HTMLText.escaped(RelativePath.link(to: page.path, from: folder))
        var thumbnail = ""
        if let figure = Self.firstFigure(ofPage: page) {
            let source = RelativePath.link(to: page.deletingLastPathComponent().appendingPathComponent(figure).path, from: folder)
            thumbnail = "<img src=\"\(HTMLText.escaped(source))\" alt=\"The first figure of \(name)\" loading=\"lazy\">"
        }
        return "<li><a href=\"\(link)\">\(thumbnail)<h2>\(name)</h2></a></li>"
    }

    /// The first figure a page names in its `<meta>`, relative to the page (percent-decoded).
    static func firstFigure(ofPage page: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: page) else { return nil }
        defer { try? handle.close() }
        // The <meta> is in the head: the first few kilobytes hold it.
        guard let head = try? handle.read(upToCount: 16_384) else { return nil }
        let text = String(decoding: head, as: UTF8.self)
        let marker = "<meta name=\"\(firstFigureMetaName)\" content=\""
        guard let start = text.range(of: marker), let end = text[start.upperBound...].firstIndex(of: "\"") else { return nil }
        let value = String(text[start.upperBound..<end])
        guard !value.contains("&"), !value.hasPrefix("/"), !value.contains(":") else { return nil }
        return value.removingPercentEncoding
    }
}
