import Testing
@testable import Language

private func diagnostics(_ source: String) -> [Diagnostic] { Parser.parse(source).diagnostics }

@Suite struct ParserRecoveryTests {
    @Test func reportsEveryErrorInOnePass() {
        let result = Parser.parse("""
        x = 1 +* 2
        y = 3
        z = (4))
        w = 5 5
        fn (x) = 1
        ok = $
        """)
        let lines = result.diagnostics.compactMap { $0.range?.startLocation.line }
        #expect(lines == [1, 3, 4, 5, 6, 6])
        #expect(result.diagnostics.map(\.kind) == [.syntax, .syntax, .syntax, .syntax, .syntax, .lexical])
        // Statements after errors still parse.
        #expect(result.program.statements.count == 3)  // y, z and w (kept despite trailing junk)
        #expect(!result.isIncomplete)
    }

    @Test func recoversInsideBlocks() {
        let result = Parser.parse("""
        fn f(x) {
          a = x + * 2
          b = )
          a
        }
        g = 1 2
        h = 3
        """)
        #expect(result.diagnostics.map { $0.range?.startLocation.line } == [2, 3, 6])
        #expect(result.program.statements.count == 3)
        guard case .function(let function)? = result.program.statements.first, case .block(let body) = function.body else {
            Issue.record("expected the function to survive"); return
        }
        #expect(body.statements.count == 1)
    }

    @Test func recoversPerLineInDeclarations() {
        let result = Parser.parse("""
        network n {
          dense 3,
          dense ,1
          dense 1
        }
        run = train n on d {
          epochs 5
          lr: 0.1
        }
        """)
        #expect(result.diagnostics.count == 3)
    }

    @Test func anUnclosedBracketRunsToTheEndOfTheCell() {
        // Newlines inside brackets are ignored, so an unclosed '(' swallows the rest of
        // the input; notebook cells are parsed separately, which bounds the damage.
        let result = Parser.parse("z = (4\nw = 5")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message == "expected ')' to close the '(' at 1:5, found 'w'")
    }

    @Test func messagesNameWhatWasExpected() {
        #expect(diagnostics("x = ").first?.message == "expected a value after '='")
        #expect(diagnostics("f(1 2)").first?.message == "expected ',' or ')' in the argument list, found number 2")
        #expect(diagnostics("1 = x").first?.message == "cannot assign to this expression")
        #expect(diagnostics("break").first?.message == "'break' outside a loop")
        #expect(diagnostics("return 1").first?.message == "'return' outside a function")
        #expect(diagnostics("a .. b").first?.hint == "use '..<' for a half-open range or '...' for a closed one")
        #expect(diagnostics("[1, 2; 3]").first?.message == "rows of a tensor literal must have the same length: row 1 has 2 elements, row 2 has 1")
        #expect(diagnostics("f(a: 1, 2)").first?.message == "positional argument after a named one")
        #expect(diagnostics("{a: 1, a: 2}").first?.message == "field 'a' given twice")
        #expect(diagnostics("train n { }").first?.message == "expected 'on' after the network in 'train', found '{'")
    }

    @Test func renderedSyntaxError() {
        let result = Parser.parse("x = 1\ny = (2 + )\n", name: "nb.dln")
        #expect(DiagnosticRenderer().render(result.diagnostics) == """
            nb.dln:2:10: error: expected an expression, found ')'
                2 | y = (2 + )
                  |          ^
            """)
    }

    @Test func incompleteInputIsFlagged() {
        for source in ["x = (1 +", "f(1,", "[1, 2", "if x {", "fn f(x) {\n  y = 1", "x = 1 +", "for i in 0..<3 {\n",
                       "network n {\n dense 3", "{lr: 0.1,", "if a { 1 } else", "x ="] {
            let result = Parser.parse(source)
            #expect(result.isIncomplete, "\(source) should be incomplete: \(result.diagnostics.map(\.message))")
        }
        for source in ["x = )", "x = 1 2", "\"abc", "x = (1 +\n$"] {
            #expect(!Parser.parse(source).isIncomplete, "\(source) is an error, not incomplete")
        }
        #expect(Parser.parse("x = (1 +").diagnostics.first?.message == "expected an expression, input ended too early")
    }

    @Test func nestingIsLimited() {
        let deepParens = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let deepBrackets = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let deepMinus = String(repeating: "-", count: 10_000) + "1"
        let deepNot = String(repeating: "not ", count: 10_000) + "true"
        let deepBlocks = String(repeating: "if a {\n", count: 10_000) + String(repeating: "}\n", count: 10_000)
        let deepPower = Array(repeating: "2", count: 10_000).joined(separator: "^")
        let unclosed = String(repeating: "(", count: 10_000)
        for source in [deepParens, deepBrackets, deepMinus, deepNot, deepBlocks, deepPower, unclosed] {
            let result = Parser.parse(source)
            #expect(result.diagnostics.contains { $0.message.hasPrefix("expression nested too deeply") })
        }
        // 100 levels are fine.
        let fine = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(Parser.parse(fine).diagnostics.isEmpty)
        // A long flat chain is fine too (a chain link costs 1/16 of a level).
        #expect(Parser.parse(Array(repeating: "1", count: 2_000).joined(separator: " + ")).diagnostics.isEmpty)
        #expect(Parser.parse(Array(repeating: "a", count: 200_000).joined(separator: " + ")).diagnostics.count == 1)
    }

    @Test func parseExpressionForSetValues() {
        let good = Parser.parseExpression(SourceFile(name: "--set x", text: "-0.5"))
        #expect(good.diagnostics.isEmpty)
        let bad = Parser.parseExpression(SourceFile(name: "--set x", text: "1 2"))
        #expect(bad.expression == nil && bad.diagnostics.first?.message == "unexpected number 2 after the value")
    }
}
