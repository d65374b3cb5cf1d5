import Foundation
import Language

/// The formatted lines of a stretch of code (whole lines of a notebook that lexes cleanly).
struct CodeLayout {
    let source: SourceFile
    let range: Range<Int>

    /// One code line as read: its bytes, its tokens, and the brackets open where it starts.
    private struct Line {
        var bytes: Range<Int>
        var tokens: [Token]
        var openBrackets: [TokenKind]
        var oldIndent: Int
        var isBlank: Bool { tokens.isEmpty && comment == nil }
        var comment: Range<Int>?
        /// Inside `(…)` or `[…]`: a continuation of the statement above.
        var isContinuation: Bool { openBrackets.contains { $0 != .leftBrace } }
    }

    func lines() -> [String] {
        let lines = readLines()
        let indents = newIndents(of: lines)
        var result: [String] = []
        var previousBlank = false
        for (line, indent) in zip(lines, indents) {
            if line.isBlank {
                if !previousBlank { result.append("") }
                previousBlank = true
                continue
            }
            previousBlank = false
            result.append(String(repeating: " ", count: indent) + body(of: line))
        }
        return result
    }

    private func readLines() -> [Line] {
        let tokens = Lexer.tokenize(source, range: range).tokens.filter { $0.kind != .newline && $0.kind != .end }
        var next = 0
        var open: [TokenKind] = []
        return SourceLines(source: source, range: range).lines.map { bytes in
            var line = Line(bytes: bytes, tokens: [], openBrackets: open, oldIndent: leadingBlanks(bytes))
            while next < tokens.count, tokens[next].range.start < bytes.upperBound {
                let token = tokens[next]
                line.tokens.append(token)
                switch token.kind {
                case .leftParen, .leftBracket, .leftBrace: open.append(token.kind)
                case .rightParen: close(.leftParen, in: &open)
                case .rightBracket: close(.leftBracket, in: &open)
                case .rightBrace: close(.leftBrace, in: &open)
                default: break
                }
                next += 1
            }
            line.comment = comment(in: (line.tokens.last?.range.end ?? bytes.lowerBound)..<bytes.upperBound)
            return line
        }
    }

    /// As the lexer does: back to the matching opener.
    private func close(_ opener: TokenKind, in open: inout [TokenKind]) {
        if let index = open.lastIndex(of: opener) { open.removeSubrange(index...) }
    }

    /// Statement lines get two spaces per open `{` (one less when they start with `}`);
    /// continuation lines move by as much as their statement moved; a comment line moves
    /// with the code line below it when it was aligned with it, else with the line above.
    private func newIndents(of lines: [Line]) -> [Int] {
        var indents = Array(repeating: 0, count: lines.count)
        var shift = 0
        var pendingComments: [Int] = []
        for (index, line) in lines.enumerated() where !line.isBlank {
            if line.tokens.isEmpty {
                pendingComments.append(index)
                continue
            }
            if line.isContinuation {
                indents[index] = max(0, line.oldIndent + shift)
            } else {
                let depth = line.openBrackets.count - (line.tokens.first?.kind == .rightBrace ? 1 : 0)
                indents[index] = 2 * max(0, depth)
                shift = indents[index] - line.oldIndent
            }
            for comment in pendingComments {
                let aligned = lines[comment].oldIndent == line.oldIndent
                indents[comment] = aligned ? indents[index] : max(0, lines[comment].oldIndent + shift)
            }
            pendingComments = []
        }
        for comment in pendingComments { indents[comment] = max(0, lines[comment].oldIndent + shift) }
        return indents
    }

    /// The tokens with normalised spacing, then the comment where it was (at least one space after code).
    private func body(of line: Line) -> String {
        var text = ""
        var previous: Token?
        for token in line.tokens {
            if let previous { text += spacing(between: previous, and: token) }
            text += source.text(in: token.range.start..<token.range.end)
            previous = token
        }
        guard let comment = line.comment else { return text }
        if let previous {
            let gap = source.text(in: previous.range.end..<comment.lowerBound).replacingTabs()
            text += gap.isEmpty ? " " : gap
        }
        return text + trimmedRight(source.text(in: comment))
    }

    private func spacing(between left: Token, and right: Token) -> String {
        switch (left.kind, right.kind) {
        case (_, .comma), (_, .semicolon): return ""
        case (.comma, .rightParen), (.comma, .rightBracket), (.semicolon, .rightBracket): return ""
        case (.comma, _), (.semicolon, _): return " "
        case (.leftParen, _), (.leftBracket, _), (_, .rightParen), (_, .rightBracket): return ""
        default: return left.range.end < right.range.start ? " " : ""
        }
    }

    private func comment(in gap: Range<Int>) -> Range<Int>? {
        guard let hash = source.bytes[gap].firstIndex(of: UInt8(ascii: "#")) else { return nil }
        return hash..<gap.upperBound
    }

    /// Columns of leading blanks (a tab counts as two, the indent unit).
    private func leadingBlanks(_ bytes: Range<Int>) -> Int {
        var count = 0
        for byte in source.bytes[bytes] {
            if byte == 0x20 { count += 1 } else if byte == 0x09 { count += 2 } else { break }
        }
        return count
    }

    private func trimmedRight(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}

extension String {
    func replacingTabs() -> String { replacingOccurrences(of: "\t", with: "  ") }
}
