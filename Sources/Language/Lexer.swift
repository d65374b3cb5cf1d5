import Foundation
import ResourceLimits

/// Turns source bytes into tokens.
///
/// Newlines separate statements, except inside `(…)` and `[…]` where they are ignored
/// (inside `{…}` they count again). `#` starts a comment that runs to the end of the line.
/// Strings use double quotes only, so `'` is always the transpose operator. Problems
/// (bad characters, unterminated strings, bad escapes) become lexical diagnostics and
/// lexing continues; only the first ``Parser/maximumDiagnostics`` are kept (the rest are
/// counted), so memory follows the tokens — a 10 MB file of stray bytes has none.
public struct Lexer {
    public let file: SourceFile
    let bytes: [UInt8]
    var position: Int
    let end: Int
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    private var brackets: [UInt8] = []
    /// Diagnostics found past the kept ones.
    private var droppedDiagnostics = 0
    private let cancellation: CancellationFlag?
    private var interrupted = false
    /// Tokens scanned between two cancellation checks (a few milliseconds of work).
    private static let tokensPerCancellationCheck = 1 << 14

    /// Lexes `range` of `file` (the whole file by default).
    public init(file: SourceFile, range: Range<Int>? = nil, cancellation: CancellationFlag? = nil) {
        self.file = file
        self.cancellation = cancellation
        bytes = file.bytes
        let range = range ?? 0..<file.bytes.count
        position = max(0, min(range.lowerBound, bytes.count))
        end = max(position, min(range.upperBound, bytes.count))
    }

    /// Lexes everything; the token list always ends with `.end`.
    public static func tokenize(_ file: SourceFile, range: Range<Int>? = nil) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: file, range: range)
        let result = lexer.run()
        return (result.tokens, result.diagnostics)
    }

    /// What lexing found: the tokens (ending with `.end`), the first diagnostics, how many
    /// more there were, and whether cancellation stopped it early.
    public struct Result {
        public var tokens: [Token]
        public var diagnostics: [Diagnostic]
        public var droppedDiagnostics: Int
        public var interrupted: Bool
    }

    mutating func run() -> Result {
        var scanned = 0
        while position < end {
            scanToken()
            scanned += 1
            if scanned % Self.tokensPerCancellationCheck == 0 {
                if cancellation?.isCancelled == true {
                    interrupted = true
                    break
                }
                if let exceeded = roomForMoreTokens() {
                    diagnostics.append(Diagnostic(.limit, "the notebook is too large to read: \(exceeded.description)",
                                                  at: SourceRange(file: file, start: position, end: position),
                                                  hint: MemoryBudgetExceeded.hint))
                    break
                }
            }
        }
        add(.end, from: end, to: end)
        return Result(tokens: tokens, diagnostics: diagnostics, droppedDiagnostics: droppedDiagnostics, interrupted: interrupted)
    }

    /// Checks that the tokens may double their storage (as an array does
    /// when it grows) within the memory budget.
    private func roomForMoreTokens() -> MemoryBudgetExceeded? {
        do {
            try MemoryBudget.shared.requireRoom(tokens.capacity &* MemoryLayout<Token>.stride, for: "lexing")
            return nil
        } catch let error as MemoryBudgetExceeded {
            return error
        } catch {
            return nil
        }
    }

    func peek(_ offset: Int = 0) -> UInt8 {
        let index = position + offset
        return index < end ? bytes[index] : 0
    }

    mutating func add(_ kind: TokenKind, from start: Int, to stop: Int? = nil) {
        tokens.append(Token(kind: kind, range: SourceRange(file: file, start: start, end: stop ?? position)))
    }

    mutating func report(_ message: String, from start: Int, to stop: Int, hint: String? = nil) {
        guard diagnostics.count < Parser.maximumDiagnostics else {
            droppedDiagnostics += 1
            return
        }
        diagnostics.append(Diagnostic(.lexical, message, at: SourceRange(file: file, start: start, end: stop), hint: hint))
    }

    private mutating func scanToken() {
        let start = position
        let byte = peek()
        switch byte {
        case 0x20, 0x09, 0x0D:
            position += 1
        case 0x0A:
            position += 1
            let significant = brackets.last.map { $0 == UInt8(ascii: "{") } ?? true
            if significant, let last = tokens.last?.kind, last != .newline {
                add(.newline, from: start)
            }
        case UInt8(ascii: "#"):
            while position < end, peek() != 0x0A { position += 1 }
        case UInt8(ascii: "\""):
            scanString()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            while isIdentifierByte(peek()) { position += 1 }
            if position == start + 1, byte == UInt8(ascii: "f"), peek() == UInt8(ascii: "\"") {
                scanFormatString(from: start)
                return
            }
            let name = String(decoding: bytes[start..<position], as: UTF8.self)
            add(Keyword(rawValue: name).map(TokenKind.keyword) ?? .identifier(name), from: start)
        default:
            scanOperator(start)
        }
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func scanNumber() {
        let start = position
        while isDigit(peek()) { position += 1 }
        // A size literal: 640x400.
        if peek() == UInt8(ascii: "x"), isDigit(peek(1)) {
            let widthText = String(decoding: bytes[start..<position], as: UTF8.self)
            position += 1
            let heightStart = position
            while isDigit(peek()) { position += 1 }
            let heightText = String(decoding: bytes[heightStart..<position], as: UTF8.self)
            if let width = Int(widthText), let height = Int(heightText) {
                add(.size(width, height), from: start)
            } else {
                report("size literal is too large", from: start, to: position)
                add(.size(0, 0), from: start)
            }
            return
        }
        if peek() == UInt8(ascii: "."), isDigit(peek(1)) {
            position += 1
            while isDigit(peek()) { position += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") ? 1 : 0
            if isDigit(peek(1 + sign)) {
                position += 1 + sign
                while isDigit(peek()) { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let value = Double(text), value.isFinite {
            add(.number(value), from: start)
        } else {
            report("number '\(text)' is out of range", from: start, to: position)
            add(.number(0), from: start)
        }
    }

    private mutating func scanString() {
        let start = position
        position += 1
        var value: [UInt8] = []
        while true {
            let byte = peek()
            if position >= end || byte == 0x0A {
                report("unterminated string", from: start, to: position, hint: "close the string with '\"' on the same line")
                break
            }
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            if byte != UInt8(ascii: "\\") { value.append(byte); continue }
            scanEscape(into: &value)
        }
        add(.string(String(decoding: value, as: UTF8.self)), from: start)
    }

    /// After a backslash: appends the escaped byte (or reports the escape).
    mutating func scanEscape(into value: inout [UInt8]) {
        let escape = peek()
        switch escape {
        case UInt8(ascii: "n"): value.append(0x0A)
        case UInt8(ascii: "t"): value.append(0x09)
        case UInt8(ascii: "r"): value.append(0x0D)
        case UInt8(ascii: "0"): value.append(0)
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escape)
        default:
            if position >= end || escape == 0x0A { return }
            report("unknown escape sequence", from: position - 1, to: position + 1,
                   hint: "use \\n, \\t, \\r, \\0, \\\" or \\\\")
        }
        position += 1
    }

    private mutating func scanOperator(_ start: Int) {
        let byte = peek()
        let next = peek(1)
        func two(_ second: Character) -> Bool { next == UInt8(ascii: second.unicodeScalars.first ?? " ") }
        var kind: TokenKind?
        var length = 1
        switch UnicodeScalar(byte) {
        case "+": kind = .plus
        case "-": if two(">") { kind = .arrow; length = 2 } else { kind = .minus }
        case "*": kind = .star
        case "/": kind = .slash
        case "%": kind = .percent
        case "^": kind = .caret
        case "@": kind = .at
        case "'": kind = .apostrophe
        case "=": if two("=") { kind = .equalEqual; length = 2 } else { kind = .equal }
        case "!": if two("=") { kind = .bangEqual; length = 2 }
        case "~": if two("=") { kind = .tildeEqual; length = 2 }
        case "<": if two("=") { kind = .lessEqual; length = 2 } else { kind = .less }
        case ">": if two("=") { kind = .greaterEqual; length = 2 } else { kind = .greater }
        case ".":
            if two(".") {
                if peek(2) == UInt8(ascii: "<") { kind = .dotDotLess; length = 3 }
                else if peek(2) == UInt8(ascii: ".") { kind = .dotDotDot; length = 3 }
                else { kind = .dotDot; length = 2 }
            } else { kind = .dot }
        case ":": kind = .colon
        case ",": kind = .comma
        case ";": kind = .semicolon
        case "(": kind = .leftParen; brackets.append(byte)
        case "[": kind = .leftBracket; brackets.append(byte)
        case "{": kind = .leftBrace; brackets.append(byte)
        case ")", "]", "}": kind = closing(byte)
        default: break
        }
        if let kind {
            position += length
            add(kind, from: start)
            return
        }
        reportBadCharacter(start)
    }

    private mutating func closing(_ byte: UInt8) -> TokenKind {
        let opener: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
        // Pop back to the matching opener, so one stray closer does not poison the rest.
        if let index = brackets.lastIndex(of: opener) { brackets.removeSubrange(index...) }
        return opener == UInt8(ascii: "(") ? .rightParen : opener == UInt8(ascii: "[") ? .rightBracket : .rightBrace
    }

    private mutating func reportBadCharacter(_ start: Int) {
        let byte = peek()
        var length = 1
        if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
        position = min(end, position + length)
        // Counted without building a message: a file of stray bytes has millions.
        guard diagnostics.count < Parser.maximumDiagnostics else {
            droppedDiagnostics += 1
            return
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        var hint: String?
        switch text {
        case "!": hint = "use 'not' for negation or '!=' for inequality"
        case "~": hint = "use '~=' for approximate equality"
        case "&", "&&": hint = "use 'and'"
        case "|", "||": hint = "use 'or'"
        case "'": hint = "strings use double quotes"
        default: break
        }
        report("unexpected character '\(text)'", from: start, to: position, hint: hint)
    }
}
