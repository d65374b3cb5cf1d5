import Testing
@testable import Language

@Suite struct SourceAndDiagnosticTests {
    @Test func lineAndColumnLookup() {
        let file = SourceFile(name: "a.dln", text: "x = 1\ny = héllo\n")
        #expect(file.location(ofOffset: 0) == SourceLocation(line: 1, column: 1, offset: 0))
        #expect(file.location(ofOffset: 6).line == 2)
        // Columns count characters, not bytes: 'l' after 'é' (2 bytes) is column 7.
        #expect(file.location(ofOffset: 6 + 4 + 3).column == 7)
        #expect(file.text(ofLine: 2) == "y = héllo")
        #expect(file.location(ofOffset: 999).line == 3)
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        #expect(SourceFile.firstInvalidUTF8Offset(in: Array("héllo".utf8)) == nil)
        #expect(SourceFile.firstInvalidUTF8Offset(in: [0x61, 0x62, 0xFF, 0x63]) == 2)
        #expect(SourceFile.firstInvalidUTF8Offset(in: [0x61, 0xC3]) == 1)          // truncated
        #expect(SourceFile.firstInvalidUTF8Offset(in: [0xC0, 0x80]) == 0)          // overlong
        #expect(SourceFile.firstInvalidUTF8Offset(in: [0xED, 0xA0, 0x80]) == 0)    // surrogate
        #expect(throws: DiagnosticError.self) { try SourceFile(name: "x", utf8: [0x0A, 0x61, 0xFE]) }
        do {
            _ = try SourceFile(name: "bad.dln", utf8: [0x0A, 0x61, 0xFE])
        } catch let error as DiagnosticError {
            #expect(error.first?.message == "bad.dln: invalid UTF-8 at byte offset 2 (line 2)")
        } catch {}
    }

    @Test func rendersTheOneErrorFormat() {
        let file = SourceFile(name: "nb.dln", text: "x = 1\nh = rleu(theta0 + x)\n")
        let range = SourceRange(file: file, start: 10, end: 14)
        let diagnostic = Diagnostic(.name, "unknown name 'rleu'", at: range, hint: "did you mean 'relu'?")
        #expect(DiagnosticRenderer().render(diagnostic) == """
            nb.dln:2:5: error: unknown name 'rleu'
                2 | h = rleu(theta0 + x)
                  |     ^~~~
            hint: did you mean 'relu'?
            """)
    }

    @Test func rendersNotesCellAndTabs() {
        let file = SourceFile(name: "t.dln", text: "\tx = y\n")
        var diagnostic = Diagnostic(.expectation, "x == 1", at: SourceRange(file: file, start: 1, end: 6),
                                    notes: ["left:  2", "right: 1"])
        diagnostic.cellTitle = "checks"
        #expect(diagnostic.description == """
            t.dln:1:2: expectation failed: x == 1
                1 | \tx = y
                  | \t^~~~~
            note: left:  2
            note: right: 1
            note: in cell 'checks'
            """)
        #expect(Diagnostic(.runtime, "boom").description == "error: boom")
    }

    @Test func suggestionsByEditDistance() {
        #expect(Suggestions.editDistance("rleu", "relu") == 1)
        #expect(Suggestions.editDistance("kitten", "sitting") == 3)
        #expect(Suggestions.closest(to: "rleu", among: ["relu", "sum", "print"]) == "relu")
        #expect(Suggestions.closest(to: "lnspace", among: ["linspace", "print"]) == "linspace")
        #expect(Suggestions.closest(to: "x", among: ["y", "abc"]) == nil)
        #expect(Suggestions.closest(to: "zzzzzz", among: ["relu"]) == nil)
        #expect(Suggestions.didYouMean("Relu", among: ["relu"]) == "did you mean 'relu'?")
    }
}
