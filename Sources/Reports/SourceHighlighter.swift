import Language

/// A code cell's source as HTML, coloured by dln's own lexer: every byte of the source
/// appears once, escaped, and tokens of a kind sit in a `<span>` of its class
/// (`kw` keywords, `num` numbers and sizes, `str` strings, `com` comments).
struct SourceHighlighter {
    let source: SourceFile

    func html(of range: Range<Int>) -> String {
        let tokens = Lexer.tokenize(source, range: range).tokens
        var result = ""
        var position = range.lowerBound
        for token in tokens where token.range.start >= position && token.range.end <= range.upperBound {
            result += gap(position..<token.range.start)
            result += span(for: token.kind, text: source.text(in: token.range.start..<token.range.end))
            position = token.range.end
        }
        result += gap(position..<range.upperBound)
        return result
    }

    private func span(for kind: TokenKind, text: String) -> String {
        let escaped = HTMLText.escaped(text)
        switch kind {
        case .keyword: return "<span class=\"kw\">\(escaped)</span>"
        case .number, .size: return "<span class=\"num\">\(escaped)</span>"
        case .string: return "<span class=\"str\">\(escaped)</span>"
        default: return escaped
        }
    }

    /// Text between tokens: blanks and comments (the lexer skips `#` to the end of the line).
    private func gap(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        var result = ""
        for (index, line) in source.text(in: range).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { result += "\n" }
            guard let hash = line.firstIndex(of: "#") else {
                result += HTMLText.escaped(String(line))
                continue
            }
            result += HTMLText.escaped(String(line[..<hash]))
            result += "<span class=\"com\">\(HTMLText.escaped(String(line[hash...])))</span>"
        }
        return result
    }
}
