import Foundation

/// The reserved words of dln. Declaration words (`data`, `loss`, `network`, `train`,
/// `figure`, `panel`) and clause words (`on`, `within`, `every`, `when`) are contextual:
/// they lex as identifiers and the parser recognises them by position.
public enum Keyword: String, Sendable, CaseIterable {
    case fn, `if`, `else`, `for`, `in`, `while`, `break`, `continue`, `return`
    case `true`, `false`, none, and, or, not, expect
}

/// What a token is.
public enum TokenKind: Equatable, Sendable, CustomStringConvertible {
    case number(Double)
    case string(String)
    /// An f-string, `f"loss {l:.3f}"`, in pieces (its expressions are parsed by the parser).
    case formatString([FormatStringPiece])
    case identifier(String)
    case keyword(Keyword)
    /// A size literal such as `640x400` (digits, `x`, digits, no spaces).
    case size(Int, Int)
    case plus, minus, star, slash, percent, caret, at, apostrophe
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual, equal, tildeEqual, arrow
    case dotDot, dotDotLess, dotDotDot, colon, comma, semicolon, dot
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case newline
    case end

    public var description: String {
        switch self {
        case .number(let value): return "number \(Formatting.number(value))"
        case .string: return "string"
        case .formatString: return "f-string"
        case .identifier(let name): return "'\(name)'"
        case .keyword(let keyword): return "'\(keyword.rawValue)'"
        case .size(let width, let height): return "'\(width)x\(height)'"
        case .newline: return "end of line"
        case .end: return "end of input"
        default: return "'\(symbol)'"
        }
    }

    /// The spelling of an operator or punctuation token.
    var symbol: String {
        switch self {
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .percent: return "%"
        case .caret: return "^"
        case .at: return "@"
        case .apostrophe: return "'"
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .equal: return "="
        case .tildeEqual: return "~="
        case .arrow: return "->"
        case .dotDot: return ".."
        case .dotDotLess: return "..<"
        case .dotDotDot: return "..."
        case .colon: return ":"
        case .comma: return ","
        case .semicolon: return ";"
        case .dot: return "."
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        default: return description
        }
    }
}

/// A piece of an f-string: text, or an expression in braces given by where
/// its source is in the file, with its format specification's text and place.
public enum FormatStringPiece: Equatable, Sendable {
    case text(String)
    case expression(source: Range<Int>, spec: String?, specSource: Range<Int>?)
}

/// A token and where it is.
public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(kind: TokenKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The identifier's name, if the token is an identifier.
    var identifier: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    func isIdentifier(_ name: String) -> Bool { identifier == name }
}
