/// f-strings: `f"loss {l:.3f} after {n} steps"`. The lexer splits one into
/// text and the source ranges of its expressions (which the parser parses
/// where they are, so their diagnostics point into the string).
extension Lexer {
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}"), colon = UInt8(ascii: ":")

    /// At the `"` after `f`: the whole f-string, as one token. `{{` and `}}`
    /// are braces; escapes are those of strings.
    mutating func scanFormatString(from start: Int) {
        position += 1
        var pieces: [FormatStringPiece] = []
        var text: [UInt8] = []
        while true {
            let byte = peek()
            if position >= end || byte == 0x0A {
                report("unterminated string", from: start, to: position, hint: "close the string with '\"' on the same line")
                break
            }
            position += 1
            if byte == Self.quote { break }
            switch byte {
            case Self.backslash: scanEscape(into: &text)
            case Self.openBrace where peek() == Self.openBrace, Self.closeBrace where peek() == Self.closeBrace:
                position += 1
                text.append(byte)
            case Self.openBrace:
                if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
                text = []
                if let piece = scanFormatExpression(openedAt: position - 1) { pieces.append(piece) }
            case Self.closeBrace:
                report("single '}' in an f-string", from: position - 1, to: position, hint: "write '}}' for a brace")
            default: text.append(byte)
            }
        }
        if !text.isEmpty { pieces.append(.text(String(decoding: text, as: UTF8.self))) }
        add(.formatString(pieces), from: start)
    }

    /// After a `{`: the expression, up to the `:` or `}` outside brackets, then
    /// the format specification up to the `}`. Nil, reported, when they are not
    /// closed on the line or hold what cannot be there.
    private mutating func scanFormatExpression(openedAt open: Int) -> FormatStringPiece? {
        let expressionStart = position
        var depth = 0
        while depth > 0 || (peek() != Self.colon && peek() != Self.closeBrace) {
            guard position < end, peek() != 0x0A, peek() != Self.quote else { return abandonExpression(openedAt: open) }
            switch peek() {
            case UInt8(ascii: "("), UInt8(ascii: "["), Self.openBrace: depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), Self.closeBrace: depth -= 1
            default: break
            }
            position += 1
        }
        let source = expressionStart..<position
        let isEmpty = bytes[source].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        if isEmpty {
            report("empty expression in an f-string's braces", from: open, to: position + 1, hint: "write '{{' for a brace")
        }
        var spec: (text: String, range: Range<Int>)?
        if peek() == Self.colon {
            position += 1
            let specStart = position
            while peek() != Self.closeBrace {
                guard position < end, peek() != 0x0A, peek() != Self.quote, peek() != Self.openBrace else {
                    return abandonExpression(openedAt: open)
                }
                position += 1
            }
            spec = (String(decoding: bytes[specStart..<position], as: UTF8.self), specStart..<position)
        }
        position += 1
        return isEmpty ? nil : .expression(source: source, spec: spec?.text, specSource: spec?.range)
    }

    /// Reports why the braces opened at `open` cannot be read, leaving the
    /// position where the string's scan can go on.
    private mutating func abandonExpression(openedAt open: Int) -> FormatStringPiece? {
        switch peek() {
        case Self.quote where position < end:
            // The quote ends the f-string (as before Python 3.12): strings cannot nest.
            report("unclosed '{' in an f-string", from: open, to: open + 1,
                   hint: "close it with '}'; a string cannot appear inside the braces (bind it to a name first)")
        case Self.openBrace:
            report("a format specification cannot hold braces", from: position, to: position + 1,
                   hint: "nested fields such as {x:{width}} are not supported; write the width out")
            // Past `{width}` and the field's own `}`.
            for _ in 0..<2 {
                while position < end, peek() != Self.closeBrace, peek() != Self.quote, peek() != 0x0A { position += 1 }
                if peek() == Self.closeBrace { position += 1 }
            }
        default:
            report("unclosed '{' in an f-string", from: open, to: open + 1, hint: "close it with '}'; '{{' writes a brace")
        }
        return nil
    }
}
