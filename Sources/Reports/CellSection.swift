import Foundation
import Language

/// One cell of the HTML page: a Markdown cell as prose; a code cell as its heading,
/// status and duration, highlighted source, what it showed and its diagnostics.
struct CellSection {
    let document: RunDocument
    let cell: Cell
    let report: CellReport
    let pageFolder: URL

    func html() -> String {
        let anchor = HTMLText.cellAnchor(cell.index)
        if cell.kind == .markdown {
            let prose = MarkdownCellRenderer().html(of: document.notebook.text(of: cell))
            return "<section id=\"\(anchor)\" class=\"cell prose\">\n\(prose)\n</section>"
        }
        var parts = [
            "<h2 id=\"\(anchor)-title\">\(HTMLText.escaped(cell.displayName))</h2>",
            "<p class=\"meta\"><span class=\"status\">\(statusText)</span> · cell \(cell.index)\(durationText)</p>",
            "<pre class=\"source\"><code>\(SourceHighlighter(source: document.notebook.source).html(of: cell.bodyRange))</code></pre>",
        ]
        for (number, item) in document.shown(in: cell).enumerated() {
            parts.append(shownHTML(item, number: number))
        }
        for diagnostic in report.diagnostics {
            parts.append("<pre class=\"diagnostic\">\(HTMLText.escaped(DiagnosticRenderer().render(diagnostic)))</pre>")
        }
        return "<section id=\"\(anchor)\" class=\"cell status-\(report.status.rawValue)\" aria-labelledby=\"\(anchor)-title\">\n"
            + parts.joined(separator: "\n") + "\n</section>"
    }

    private var statusText: String {
        switch report.status {
        case .passed: return "passed"
        case .failed: return "failed"
        case .interrupted: return "interrupted"
        case .skipped: return "not run"
        }
    }

    private var durationText: String {
        report.status == .skipped ? "" : " · \(RunDocument.describe(seconds: report.duration))"
    }

    private func shownHTML(_ item: ShownItem, number: Int) -> String {
        switch item {
        case .printed(let text): return "<pre class=\"output\">\(HTMLText.escaped(text))</pre>"
        case .displayed(let text): return "<pre class=\"display\">\(HTMLText.escaped(text))</pre>"
        case .figure(let figure):
            return FigureEmbedding(figure: figure, idPrefix: "c\(cell.index)f\(number)-", pageFolder: pageFolder).html()
        }
    }
}

/// A figure inside the page: SVG as sanitised markup, PNG as a `data:` URI, PDF as a
/// link; with its name as caption and alternative text, and a link to its script.
struct FigureEmbedding {
    let figure: ReportFigure
    let idPrefix: String
    let pageFolder: URL

    func html() -> String {
        "<figure>\n\(image())\n<figcaption>\(caption())</figcaption>\n</figure>"
    }

    private func caption() -> String {
        var text = "Figure <strong>\(HTMLText.escaped(figure.name))</strong>"
        if let title = figure.title { text += ": \(HTMLText.escaped(title))" }
        if let image = figure.imagePath { text += " · <a href=\"\(link(image))\">image</a>" }
        if let script = figure.scriptPath { text += " · <a href=\"\(link(script))\">gnuplot script</a>" }
        return text
    }

    private func link(_ path: String) -> String { HTMLText.escaped(RelativePath.link(to: path, from: pageFolder)) }

    private func image() -> String {
        let alt = HTMLText.escaped(figure.description)
        guard let path = figure.imagePath else { return "<p>(the figure was not drawn)</p>" }
        // Only a regular file is read (a FIFO would block), and only one of a sensible size.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = attributes?[.type] as? FileAttributeType == .typeRegular ? attributes?[.size] as? Int : nil
        guard let size, size <= Self.largestEmbedded, let data = FileManager.default.contents(atPath: path) else {
            return "<p>(the image <a href=\"\(link(path))\">\(HTMLText.escaped((path as NSString).lastPathComponent))</a> is not embedded)</p>"
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "svg":
            if let markup = SVGSanitiser(idPrefix: idPrefix, title: figure.description).markup(of: data) { return markup }
            return "<img alt=\"\(alt)\" src=\"data:image/svg+xml;base64,\(data.base64EncodedString())\">"
        case "png":
            return "<img alt=\"\(alt)\" src=\"data:image/png;base64,\(data.base64EncodedString())\">"
        default:
            return "<p><a href=\"\(link(path))\">\(alt) (\(HTMLText.escaped((path as NSString).pathExtension.uppercased())))</a></p>"
        }
    }

    /// Images larger than this are linked, not embedded, to keep the page openable.
    static let largestEmbedded = 32 << 20
}
