import Foundation
import Language

/// `.ipynb` → `.dln`. A notebook that `DLNToIpynb` made comes back byte for byte; any
/// other nbformat-4 notebook becomes one `%%` cell per Jupyter cell (`%% md` for Markdown,
/// `%% parameters` for the cell tagged `parameters`). Anything malformed is a diagnostic
/// naming the file and the cell, never a crash.
public enum IpynbToDLN {
    public struct Result {
        public var text: String
        /// What was changed on the way (raw cells become Markdown), as diagnostics.
        public var warnings: [Diagnostic]
    }

    public static func convert(_ data: Data, name: String) throws -> Result {
        let document = try parse(data, name: name)
        guard let cells = document["cells"] as? [Any] else { throw problem(name, "it has no \"cells\" list") }
        var text = "", warnings: [Diagnostic] = []
        for (index, item) in cells.enumerated() {
            let place = "\(name): cell \(index + 1)"
            guard let cell = item as? [String: Any] else { throw problem(place, "is not a JSON object") }
            let kind = cell["cell_type"] as? String ?? ""
            guard ["code", "markdown", "raw"].contains(kind) else {
                throw problem(place, "has cell_type \(describe(cell["cell_type"])); expected code, markdown or raw")
            }
            let metadata = cell["metadata"] as? [String: Any] ?? [:]
            let dln = metadata["dln"] as? [String: Any] ?? [:]
            let body = try source(of: cell, at: place)
            if kind == "raw" {
                warnings.append(Diagnostic(.io, "\(place) is a raw cell; it becomes a Markdown cell"))
            }
            if let line = firstMarkerLine(in: body) {
                throw problem(place, "line \(line) starts with '%%', which would begin a new cell in a .dln file",
                              hint: "remove the cell magic, or indent the line")
            }
            let isPreamble = index == 0 && dln["preamble"] as? Bool == true
            if !isPreamble {
                let end = (dln["eol"] as? String).flatMap { ["\r\n", "\r", ""].contains($0) ? $0 : nil } ?? "\n"
                text += marker(kind: kind, metadata: metadata, dln: dln) + end
            }
            if let trailing = (dln["trailing"] as? String).flatMap({ $0.allSatisfy(\.isNewline) ? $0 : nil }) {
                text += body + trailing
            } else {
                let (trimmed, _) = DLNToIpynb.splitTrailingNewlines(body)
                text += trimmed + defaultTrailing(trimmed, isLast: index == cells.count - 1)
            }
            // A cell that was last when converted may have gained a successor in Jupyter:
            // the next `%%` must start a line of its own.
            if index < cells.count - 1, !text.isEmpty, text.unicodeScalars.last != "\n" { text += "\n" }
        }
        return Result(text: text, warnings: warnings)
    }

    private static func parse(_ data: Data, name: String) throws -> [String: Any] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw problem(name, "is not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "unreadable"))")
        }
        guard let document = object as? [String: Any] else { throw problem(name, "is not a Jupyter notebook (not a JSON object)") }
        guard let format = document["nbformat"] as? Int, format == 4 else {
            throw problem(name, "has nbformat \(describe(document["nbformat"])); dln reads nbformat 4",
                          hint: "jupyter nbconvert --to notebook --nbformat 4 upgrades older notebooks")
        }
        return document
    }

    /// A cell's text: a string, or a list of strings joined.
    private static func source(of cell: [String: Any], at place: String) throws -> String {
        switch cell["source"] {
        case let text as String: return text
        case let parts as [Any]:
            return try parts.map { part in
                guard let line = part as? String else { throw problem(place, "has a source line that is not text") }
                return line
            }.joined()
        case nil: return ""
        default: throw problem(place, "has a source that is neither text nor a list of lines")
        }
    }

    /// The cell's `%%` line: its own (kept by DLNToIpynb) when that still fits its kind, else a new one.
    private static func marker(kind: String, metadata: [String: Any], dln: [String: Any]) -> String {
        // Scalars, not Characters: "\r\n" is one Character, which `contains("\n")` would miss.
        if let kept = dln["marker"] as? String, kept.hasPrefix("%%"), !kept.unicodeScalars.contains("\n"),
           isMarkdownMarker(kept) == (kind != "code") {
            return kept
        }
        if kind != "code" { return "%% md" }
        let tags = metadata["tags"] as? [Any] ?? []
        if tags.contains(where: { $0 as? String == "parameters" }) { return "%% parameters" }
        if tags.contains(where: { $0 as? String == "injected-parameters" }) { return "%% injected parameters" }
        return "%%"
    }

    private static func isMarkdownMarker(_ line: String) -> Bool {
        let title = line.dropFirst(2).trimmingCharacters(in: .whitespaces).lowercased()
        return title == "md" || title.hasPrefix("md ") || title.hasPrefix("[markdown]")
    }

    /// A blank line between cells, a final newline at the end.
    private static func defaultTrailing(_ body: String, isLast: Bool) -> String {
        if body.isEmpty { return isLast ? "" : "\n" }
        return isLast ? "\n" : "\n\n"
    }

    /// The 1-based number of the first line starting with `%%`, if any.
    private static func firstMarkerLine(in body: String) -> Int? {
        let lines = body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { $0.starts(with: "%%".unicodeScalars) }.map { $0 + 1 }
    }

    private static func describe(_ value: Any?) -> String {
        switch value {
        case nil: return "missing"
        case let text as String: return "'\(text.prefix(40))'"
        case let number as Int: return "\(number)"
        default: return "of the wrong type"
        }
    }

    private static func problem(_ place: String, _ message: String, hint: String? = nil) -> DiagnosticError {
        DiagnosticError(.io, "\(place) \(message)", hint: hint)
    }
}
