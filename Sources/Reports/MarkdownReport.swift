import Foundation
import Language

/// A run as one Markdown file (GitHub, static sites): the same parts as the HTML page,
/// with figures as image links relative to the file. Markdown cells are copied as
/// written; output, values, diagnostics and titles are fenced or escaped.
public struct MarkdownReport {
    public let document: RunDocument
    /// The folder the file is written to: figure links are relative to it.
    public let pageFolder: URL

    public init(document: RunDocument, pageFolder: URL) {
        self.document = document
        self.pageFolder = pageFolder
    }

    public func markdown() -> String {
        var parts = ["# \(Self.inline(document.title))"]
        if let banner = banner() { parts.append(banner) }
        parts.append(provenanceTable())
        parts += document.cells.map { section($0.cell, $0.report) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func banner() -> String? {
        guard document.status != "passed" else { return nil }
        var text = "> **This run \(document.status == "interrupted" ? "was interrupted" : "failed")** (exit status \(document.provenance.exitStatus))"
        if let cell = document.failingCell {
            text += " in [\(Self.inline(cell.displayName))](#\(HTMLText.cellAnchor(cell.index)))"
        }
        let message = (document.failingCell?.diagnostics ?? document.report.diagnostics).first?.message
        return text + (message.map { ": " + Self.inline($0) } ?? ".")
    }

    private func provenanceTable() -> String {
        let rows = ProvenanceRows(provenance: document.provenance, status: document.status).rows
        return (["| | |", "| --- | --- |"] + rows.map { "| \(Self.inline($0.0)) | \(Self.inline($0.1)) |" })
            .joined(separator: "\n")
    }

    private func section(_ cell: Cell, _ report: CellReport) -> String {
        let anchor = "<a id=\"\(HTMLText.cellAnchor(cell.index))\"></a>"
        if cell.kind == .markdown { return anchor + "\n\n" + document.notebook.text(of: cell).trimmingCharacters(in: .newlines) }
        var parts = [anchor + "\n\n## \(Self.inline(cell.displayName))"]
        let duration = report.status == .skipped ? "" : " · \(RunDocument.describe(seconds: report.duration))"
        parts.append("*\(report.status == .skipped ? "not run" : report.status.rawValue) · cell \(cell.index)\(duration)*")
        parts.append(Self.fenced(document.notebook.text(of: cell), language: "dln"))
        for item in document.shown(in: cell) {
            switch item {
            case .printed(let text), .displayed(let text): parts.append(Self.fenced(text, language: "text"))
            case .figure(let figure): parts.append(figureMarkdown(figure))
            }
        }
        for diagnostic in report.diagnostics {
            parts.append(Self.fenced(DiagnosticRenderer().render(diagnostic), language: "text"))
        }
        return parts.joined(separator: "\n\n")
    }

    private func figureMarkdown(_ figure: ReportFigure) -> String {
        let name = Self.inline(figure.name)
        var lines: [String] = []
        if let image = figure.imagePath { lines.append("![\(Self.inline(figure.description))](\(RelativePath.link(to: image, from: pageFolder)))") }
        var caption = "Figure **\(name)**" + (figure.title.map { ": " + Self.inline($0) } ?? "")
        if let script = figure.scriptPath { caption += " · [gnuplot script](\(RelativePath.link(to: script, from: pageFolder)))" }
        return (lines + [caption]).joined(separator: "\n\n")
    }

    /// A fenced block whose fence is longer than any run of backticks in `text`.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    /// Text on one line with Markdown's and HTML's special characters escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r": result += " "
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "(", ")", "{", "}", "$", "~": result += "\\\(character)"
            default: result.append(character)
            }
        }
        return result
    }
}
