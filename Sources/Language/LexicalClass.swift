import Foundation

/// What a stretch of notebook text is to a reader's eye: the classes an editor's
/// syntax colouring must agree on (`editors/` is tested against these).
public enum LexicalClass: String, Sendable, CaseIterable {
    case keyword, number, string, comment, identifier, punctuation
    /// A `%%` line opening a cell.
    case cellMarker = "cell-marker"
    /// The body of a Markdown cell (prose, never lexed).
    case markdown
}

/// A stretch of source bytes and its class.
public struct ClassifiedSpan: Equatable, Sendable {
    public var range: Range<Int>
    public var lexicalClass: LexicalClass
}

extension Notebook {
    /// Every token, comment, cell marker and Markdown body of the notebook, in order,
    /// as dln's own lexer sees them.
    public func lexicalSpans() -> [ClassifiedSpan] {
        var spans: [ClassifiedSpan] = []
        var codeStart = 0
        for cell in cells {
            if let line = cell.markerLine {
                let marker = source.byteRange(ofLine: line)
                spans += codeSpans(in: codeStart..<marker.lowerBound)
                spans.append(ClassifiedSpan(range: marker, lexicalClass: .cellMarker))
            } else {
                spans += codeSpans(in: codeStart..<cell.bodyRange.lowerBound)
            }
            codeStart = cell.bodyRange.upperBound
            if cell.kind == .markdown {
                if !cell.bodyRange.isEmpty { spans.append(ClassifiedSpan(range: cell.bodyRange, lexicalClass: .markdown)) }
            } else {
                spans += codeSpans(in: cell.bodyRange)
            }
        }
        spans += codeSpans(in: codeStart..<source.bytes.count)
        return spans
    }

    /// Tokens and the comments between them (the lexer skips `#` to the end of the line).
    private func codeSpans(in range: Range<Int>) -> [ClassifiedSpan] {
        guard !range.isEmpty else { return [] }
        var spans: [ClassifiedSpan] = []
        var position = range.lowerBound
        for token in Lexer.tokenize(source, range: range).tokens where token.range.start < token.range.end && token.kind != .newline {
            spans += comments(in: position..<token.range.start)
            spans.append(ClassifiedSpan(range: token.range.start..<token.range.end, lexicalClass: token.kind.lexicalClass))
            position = token.range.end
        }
        spans += comments(in: position..<range.upperBound)
        return spans
    }

    private func comments(in gap: Range<Int>) -> [ClassifiedSpan] {
        var spans: [ClassifiedSpan] = []
        var index = gap.lowerBound
        let bytes = source.bytes
        while index < gap.upperBound {
            guard bytes[index] == UInt8(ascii: "#") else { index += 1; continue }
            let start = index
            while index < gap.upperBound, bytes[index] != 0x0A { index += 1 }
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            spans.append(ClassifiedSpan(range: start..<end, lexicalClass: .comment))
        }
        return spans
    }
}

extension TokenKind {
    /// The class a reader sees: contextual words (`data`, `figure`, …) are identifiers.
    public var lexicalClass: LexicalClass {
        switch self {
        case .keyword: return .keyword
        case .number, .size: return .number
        case .string, .formatString: return .string
        case .identifier: return .identifier
        default: return .punctuation
        }
    }
}
