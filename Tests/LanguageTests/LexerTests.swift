import Testing
@testable import Language

private func kinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind)
}

private func lexErrors(_ text: String) -> [String] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).diagnostics.map(\.message)
}

@Suite struct LexerTests {
    @Test func numbers() {
        #expect(kinds("1 2.5 1e-4 3E+2 0.5e3") == [.number(1), .number(2.5), .number(1e-4), .number(300), .number(500), .end])
        // `1..<5` is a range, not the decimal `1.`.
        #expect(kinds("1..<5") == [.number(1), .dotDotLess, .number(5), .end])
        #expect(kinds("a.0") == [.identifier("a"), .dot, .number(0), .end])
        #expect(lexErrors("1e999") == ["number '1e999' is out of range"])
    }

    @Test func sizeLiterals() {
        #expect(kinds("640x400") == [.size(640, 400), .end])
        #expect(kinds("2 x") == [.number(2), .identifier("x"), .end])
    }

    @Test func stringsAndEscapes() {
        #expect(kinds(#""a\tb\n\"q\" \\""#) == [.string("a\tb\n\"q\" \\"), .end])
        #expect(kinds("\"# not a comment\"") == [.string("# not a comment"), .end])
        #expect(lexErrors("\"abc") == ["unterminated string"])
        #expect(lexErrors("\"abc\nx = 1") == ["unterminated string"])
        #expect(lexErrors(#""a\qb""#) == ["unknown escape sequence"])
    }

    @Test func identifiersKeywordsAndContextualWords() {
        #expect(kinds("fn if else for in while break continue return true false none and or not expect")
            == Keyword.allCases.map(TokenKind.keyword) + [.end])
        #expect(kinds("data loss network train figure on within every when all")
            == ["data", "loss", "network", "train", "figure", "on", "within", "every", "when", "all"].map(TokenKind.identifier) + [.end])
    }

    @Test func operators() {
        #expect(kinds("+ - * / ^ @ ' == != < <= > >= = ~= -> .. ..< ... : , ; . % ( ) [ ] { }") == [
            .plus, .minus, .star, .slash, .caret, .at, .apostrophe, .equalEqual, .bangEqual, .less, .lessEqual,
            .greater, .greaterEqual, .equal, .tildeEqual, .arrow, .dotDot, .dotDotLess, .dotDotDot, .colon, .comma,
            .semicolon, .dot, .percent, .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace, .end,
        ])
        #expect(kinds("x'") == [.identifier("x"), .apostrophe, .end])
    }

    @Test func newlinesAndComments() {
        #expect(kinds("a # comment\n\n\nb") == [.identifier("a"), .newline, .identifier("b"), .end])
        // Ignored inside () and [], significant inside {} (even inside parentheses).
        #expect(kinds("f(1,\n2)\n[1,\n2]") == [.identifier("f"), .leftParen, .number(1), .comma, .number(2), .rightParen, .newline,
                                             .leftBracket, .number(1), .comma, .number(2), .rightBracket, .end])
        #expect(kinds("{\na\n}") == [.leftBrace, .newline, .identifier("a"), .newline, .rightBrace, .end])
        #expect(kinds("(\n{\nx\n}\n)") == [.leftParen, .leftBrace, .newline, .identifier("x"), .newline, .rightBrace, .rightParen, .end])
        #expect(kinds("a\r\nb") == [.identifier("a"), .newline, .identifier("b"), .end])
    }

    @Test func badCharactersAreReportedAndSkipped() {
        let result = Lexer.tokenize(SourceFile(name: "t", text: "a $ b ! c λ"))
        #expect(result.tokens.map(\.kind) == [.identifier("a"), .identifier("b"), .identifier("c"), .end])
        #expect(result.diagnostics.map(\.message) == ["unexpected character '$'", "unexpected character '!'", "unexpected character 'λ'"])
        #expect(result.diagnostics[1].hint == "use 'not' for negation or '!=' for inequality")
        #expect(result.diagnostics.allSatisfy { $0.kind == .lexical })
    }

    @Test func tokensCarryRanges() {
        let tokens = Lexer.tokenize(SourceFile(name: "t", text: "ab  12")).tokens
        #expect(tokens[0].range.start == 0 && tokens[0].range.end == 2)
        #expect(tokens[1].range.start == 4 && tokens[1].range.end == 6)
    }
}
