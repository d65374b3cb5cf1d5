import Foundation

/// One cell of a notebook: a run of lines opened by a `%%` line (or the lines before the first one).
public struct Cell: Sendable {
    /// Whether a cell holds code or Markdown prose (never evaluated).
    public enum Kind: String, Sendable {
        case code, markdown
    }

    /// 1-based position in the notebook (Markdown cells are counted too).
    public var index: Int
    /// The text after `%%`, trimmed; nil for the untitled first cell or a bare `%%`.
    public var title: String?
    public var kind: Kind
    /// The 1-based line of the `%%` marker; nil for the untitled first cell.
    public var markerLine: Int?
    /// The byte range of the cell's body (after the marker line) in the notebook's file.
    public var bodyRange: Range<Int>

    /// A name for reports and diagnostics: the title, or `cell N`.
    public var displayName: String { title ?? "cell \(index)" }
}

/// A `.dln` file split into cells.
///
/// A line starting with `%%` opens a cell; the rest of that line is its title. `%% md`
/// and `%% [markdown]` open Markdown cells. Lines before the first `%%` form an untitled
/// first cell, which is omitted when it holds only whitespace and comments.
public struct Notebook: Sendable {
    public let source: SourceFile
    public let cells: [Cell]

    public init(source: SourceFile) {
        self.source = source
        var cells: [Cell] = []
        let bytes = source.bytes
        var bodyStart = 0
        var pending: (title: String?, kind: Cell.Kind, line: Int?) = (nil, .code, nil)
        func close(at end: Int) {
            if pending.line == nil && Notebook.holdsNoCode(source.text(in: bodyStart..<end)) { return }
            cells.append(Cell(index: cells.count + 1, title: pending.title, kind: pending.kind,
                              markerLine: pending.line, bodyRange: bodyStart..<end))
        }
        for line in 1...source.lineCount {
            let range = source.byteRange(ofLine: line)
            guard range.count >= 2, bytes[range.lowerBound] == 0x25, bytes[range.lowerBound + 1] == 0x25 else {
                continue
            }
            close(at: range.lowerBound)
            let title = source.text(in: (range.lowerBound + 2)..<range.upperBound)
                .trimmingCharacters(in: .whitespaces)
            let lowered = title.lowercased()
            let isMarkdown = lowered == "md" || lowered.hasPrefix("md ") || lowered.hasPrefix("[markdown]")
            pending = (title.isEmpty ? nil : title, isMarkdown ? .markdown : .code, line)
            bodyStart = min(bytes.count, range.upperBound + 1)
            if range.upperBound < bytes.count, bytes[range.upperBound] == 0x0D {
                bodyStart = min(bytes.count, range.upperBound + 2)
            }
        }
        close(at: bytes.count)
        self.cells = cells
    }

    /// True when `text` is only blank lines and `#` comments (a header before the first `%%`).
    static func holdsNoCode(_ text: String) -> Bool {
        switch asciiVerdict(text) {
        case .code: return false
        case .noCode: return true
        case .undecided: break
        }
        return text.split(whereSeparator: \.isNewline).allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
    }

    private enum Verdict { case code, noCode, undecided }

    /// ``holdsNoCode(_:)`` on bytes, which is linear and cheap on a 10 MB header; undecided
    /// when a line starts with a non-ASCII character (it may be a Unicode line break).
    private static func asciiVerdict(_ text: String) -> Verdict {
        var atLineStart = true
        for byte in text.utf8 {
            switch byte {
            case 0x0A, 0x0B, 0x0C, 0x0D: atLineStart = true
            case 0x20, 0x09: continue
            case UInt8(ascii: "#") where atLineStart: atLineStart = false
            case 0x80... where atLineStart: return .undecided
            default: if atLineStart { return .code }
            }
        }
        return .noCode
    }

    /// Convenience: a notebook from text.
    public init(name: String, text: String) {
        self.init(source: SourceFile(name: name, text: text))
    }

    /// The body text of a cell.
    public func text(of cell: Cell) -> String { source.text(in: cell.bodyRange) }
}
