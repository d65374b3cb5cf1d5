import Foundation
import Testing
import Language
@testable import NotebookFormatter

private func formatted(_ text: String) throws -> String {
    try NotebookFormatter.format(Notebook(name: "t.dln", text: text))
}

@Suite struct NotebookFormatterTests {
    @Test func indentsBlocksByTwoSpacesPerBrace() throws {
        let text = "%% a\nfor i in 0..<3 {\nif i > 1 {\n    print(i)\n     }\n}\n"
        #expect(try formatted(text) == "%% a\nfor i in 0..<3 {\n  if i > 1 {\n    print(i)\n  }\n}\n")
    }

    @Test func normalisesSpacingBetweenTokens() throws {
        #expect(try formatted("x  =  f( 1 ,2,  3 )\ny = [1 ; 2]\n") == "x = f(1, 2, 3)\ny = [1; 2]\n")
        // Tokens written together stay together: spacing never joins or splits a token.
        #expect(try formatted("y = a-b*c'\n") == "y = a-b*c'\n")
    }

    @Test func keepsCommentsAndTheirAlignment() throws {
        let text = "a = 1      # one\nbb = 22    # two\n           # still two\n"
        #expect(try formatted(text) == text)
        #expect(try formatted("x = 1# tight  \t\n") == "x = 1 # tight\n")
    }

    @Test func continuationLinesMoveWithTheirStatement() throws {
        let text = "if true {\n      m = [1, 2;\n           3, 4]\n}\n"
        #expect(try formatted(text) == "if true {\n  m = [1, 2;\n       3, 4]\n}\n")
    }

    @Test func blankLinesAroundMarkers() throws {
        let text = "%%a\n\n\nx = 1\n\n\n\ny = 2\n%% md\n\nSome *prose*  \nkept  \n\n\n%%   b  \n\n\nz = 3\n\n\n"
        #expect(try formatted(text) == "%% a\nx = 1\n\ny = 2\n\n%% md\nSome *prose*  \nkept  \n\n%% b\nz = 3\n")
    }

    @Test func lineEndsBecomeNewlines() throws {
        #expect(try formatted("%% a\r\nx = 1\r\n") == "%% a\nx = 1\n")
    }

    @Test func isIdempotent() throws {
        let text = "%% a\nfn f(x) = x^2   # square\nfor k in 1..3 {\n\tz = f( k )\n   w = [z,\n          k]\n}\n"
        let once = try formatted(text)
        #expect(try formatted(once) == once)
    }

    @Test func refusesNotebooksThatDoNotLex() {
        #expect(throws: DiagnosticError.self) { try formatted("x = \"open\ny = 1\n") }
        #expect(throws: DiagnosticError.self) { try formatted("x = 1 $ 2\n") }
    }

    @Test func lexicalSpansClassifyEveryToken() {
        let notebook = Notebook(name: "t", text: "%% a\nx = 640x400 # c\nprint(\"s\", 1.5) if\n%% md\n# title\n")
        let classes = notebook.lexicalSpans().map { "\(notebook.source.text(in: $0.range))=\($0.lexicalClass.rawValue)" }
        #expect(classes == ["%% a=cell-marker", "x=identifier", "==punctuation", "640x400=number", "# c=comment",
                            "print=identifier", "(=punctuation", "\"s\"=string", ",=punctuation", "1.5=number",
                            ")=punctuation", "if=keyword", "%% md=cell-marker", "# title\n=markdown"])
    }
}
