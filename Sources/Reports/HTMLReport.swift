import Foundation
import Language

/// A run as one self-contained HTML page: provenance, a banner when the run failed,
/// a table of contents, and every cell with its source, output and figures. It needs
/// no network and no JavaScript (its content security policy forbids scripts), and
/// everything from the notebook or the run is escaped.
public struct HTMLReport {
    public let document: RunDocument
    /// The folder the page is written to: links to figure scripts are relative to it.
    public let pageFolder: URL

    public init(document: RunDocument, pageFolder: URL) {
        self.document = document
        self.pageFolder = pageFolder
    }

    public func html() -> String {
        let title = HTMLText.escaped(document.title)
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src * data:">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="dln \(HTMLText.escaped(document.provenance.dlnVersion))">
        \(firstFigureMeta())
        <title>\(title) · dln report</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <header>
        <h1>\(title)</h1>
        \(banner())\(ProvenanceSection(provenance: document.provenance, status: document.status).html())
        </header>
        \(contents())
        <main>
        \(document.cells.map { CellSection(document: document, cell: $0.cell, report: $0.report, pageFolder: pageFolder).html() }.joined(separator: "\n"))
        </main>
        <footer><p>Made by dln \(HTMLText.escaped(document.provenance.dlnVersion)) from \(HTMLText.escaped(document.provenance.notebookPath)).</p></footer>
        </body>
        </html>

        """
    }

    /// Names the first figure's image for a gallery's thumbnail (``SiteIndex``).
    private func firstFigureMeta() -> String {
        let images = document.cells.lazy.flatMap { self.document.shown(in: $0.cell) }.compactMap { item -> String? in
            if case .figure(let figure) = item { return figure.imagePath }
            return nil
        }
        guard let image = images.first else { return "" }
        return "<meta name=\"\(SiteIndex.firstFigureMetaName)\" content=\"\(HTMLText.escaped(RelativePath.link(to: image, from: pageFolder)))\">"
    }

    /// The papermill-style notice at the top of a failed or interrupted run.
    private func banner() -> String {
        guard document.status != "passed" else { return "" }
        let verb = document.status == "interrupted" ? "was interrupted" : "failed"
        var text = "<strong>This run \(verb)</strong> (exit status \(document.provenance.exitStatus))"
        if let cell = document.failingCell {
            text += " in <a href=\"#\(HTMLText.cellAnchor(cell.index))\">\(HTMLText.escaped(cell.displayName))</a>"
        }
        let message = (document.failingCell?.diagnostics ?? document.report.diagnostics).first?.message
        text += message.map { ": \(HTMLText.escaped($0))" } ?? "."
        return "<p class=\"banner\" role=\"alert\">\(text)</p>\n"
    }

    /// The table of contents: one entry per code cell, by title.
    private func contents() -> String {
        let entries = document.cells.filter { $0.cell.kind == .code }.map { cell, report in
            "<li><a href=\"#\(HTMLText.cellAnchor(cell.index))\">\(HTMLText.escaped(cell.displayName))</a>"
                + (report.status == .passed ? "" : " <span class=\"meta\">(\(report.status.rawValue))</span>") + "</li>"
        }
        guard !entries.isEmpty else { return "" }
        return "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ol>\n\(entries.joined(separator: "\n"))\n</ol>\n</nav>"
    }
}

/// The provenance as a definition list.
struct ProvenanceSection {
    let provenance: RunProvenance
    let status: String

    func html() -> String {
        let rows = ProvenanceRows(provenance: provenance, status: status).rows.map { name, value in
            "<dt>\(HTMLText.escaped(name))</dt><dd>\(HTMLText.escaped(value))</dd>"
        }
        return "<dl class=\"provenance\" aria-label=\"How this run was made\">\n\(rows.joined(separator: "\n"))\n</dl>"
    }
}

/// The provenance as name–value rows, shared by the HTML and Markdown reports.
struct ProvenanceRows {
    let provenance: RunProvenance
    let status: String

    var rows: [(String, String)] {
        func list(_ values: [RunProvenance.NamedValue]) -> String {
            values.isEmpty ? "none" : values.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        }
        return [
            ("notebook", provenance.notebookPath),
            ("status", "\(status) (exit status \(provenance.exitStatus))"),
            ("--set", list(provenance.overrides)),
            ("parameters", list(provenance.parameters)),
            ("dln", provenance.dlnVersion),
            ("precision", "float\(provenance.precision)"),
            ("OpenBLAS", "\(provenance.openBLASCoreType ?? "not loaded"), \(provenance.threads) thread\(provenance.threads == 1 ? "" : "s")"),
            ("started", provenance.startTime),
            ("duration", RunDocument.describe(seconds: provenance.durationSeconds)),
        ]
    }
}
