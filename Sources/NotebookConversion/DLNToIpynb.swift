import Foundation
import Language

/// `.dln` → `.ipynb` (nbformat 4.5): one Jupyter cell per dln cell, Markdown cells as
/// Markdown, the `parameters` cell tagged `parameters` (papermill's convention). Each
/// cell keeps its `%%` line and trailing blank lines in `metadata.dln`, so converting
/// back gives the same file byte for byte.
public enum DLNToIpynb {
    public static func convert(_ notebook: Notebook) -> Data {
        var cells: [[String: Any]] = []
        let source = notebook.source
        let firstBodyStart = notebook.cells.first.map { start(of: $0, in: source) } ?? source.bytes.count
        if firstBodyStart > 0 {
            // Lines before the first `%%` that the notebook omits (comments only): kept as a preamble.
            cells.append(cell(kind: .code, body: source.text(in: 0..<firstBodyStart), dln: ["preamble": true], tags: [], number: 1))
        }
        for notebookCell in notebook.cells {
            var dln: [String: Any] = [:]
            if let line = notebookCell.markerLine {
                let range = source.byteRange(ofLine: line)
                dln["marker"] = source.text(in: range)
                // Only an unusual line end is recorded: CRLF, or none at the end of the file.
                let end = source.text(in: range.upperBound..<notebookCell.bodyRange.lowerBound)
                if end != "\n" { dln["eol"] = end }
            } else {
                dln["preamble"] = true
            }
            let tags = notebookCell.title == "parameters" && notebookCell.kind == .code ? ["parameters"] : []
            cells.append(cell(kind: notebookCell.kind, body: source.text(in: notebookCell.bodyRange), dln: dln, tags: tags,
                              number: cells.count + 1))
        }
        let document: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": cells,
            "metadata": [
                "kernelspec": ["name": "dln", "display_name": "dln", "language": "dln"],
                "language_info": ["name": "dln", "file_extension": ".dln", "mimetype": "text/x-dln",
                                  "codemirror_mode": "python", "pygments_lexer": "python"],
                "dln": ["source": (source.name as NSString).lastPathComponent],
            ] as [String: Any],
        ]
        let json = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
        return (json ?? Data()) + Data("\n".utf8)
    }

    /// Where the first cell's text begins: its `%%` line, or its body when it has none.
    private static func start(of cell: Cell, in source: SourceFile) -> Int {
        guard let line = cell.markerLine else { return cell.bodyRange.lowerBound }
        return source.byteRange(ofLine: line).lowerBound
    }

    private static func cell(kind: Cell.Kind, body: String, dln: [String: Any], tags: [String], number: Int) -> [String: Any] {
        var dln = dln
        let (text, trailing) = splitTrailingNewlines(body)
        dln["trailing"] = trailing
        var metadata: [String: Any] = ["dln": dln]
        if !tags.isEmpty { metadata["tags"] = tags }
        var cell: [String: Any] = ["id": "cell-\(number)", "cell_type": kind == .markdown ? "markdown" : "code",
                                   "metadata": metadata, "source": lines(of: text)]
        if kind == .code {
            cell["execution_count"] = NSNull()
            cell["outputs"] = [] as [Any]
        }
        return cell
    }

    /// Jupyter keeps source as lines, each but the last ending in its newline.
    static func lines(of text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The text without its trailing line ends, and those line ends (blank lines between cells).
    static func splitTrailingNewlines(_ body: String) -> (String, String) {
        var text = body
        var trailing = ""
        while let last = text.last, last == "\n" || last == "\r\n" || last == "\r" {
            trailing = String(last) + trailing
            text.removeLast()
        }
        return (text, trailing)
    }
}
