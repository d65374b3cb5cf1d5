import Testing
@testable import Language

private let lecture = """
%% md
# Shallow networks
Some *prose* with code-like text: x = = =

%% parameters
seed = 1          # overridable
lr = 0.1

%% the network
theta = [0.3, -1.0]
y = theta * lr
y[0]

%% checks
expect y[0] ~= 0.03 within 1e-9
expect seed == 1
"""

private func runner(_ host: FakeHost = FakeHost(), sink: BufferSink = BufferSink()) -> NotebookRunner {
    NotebookRunner(evaluator: Evaluator(host: host, sink: sink))
}

@Suite struct NotebookCellTests {
    @Test func splitsCells() {
        let notebook = Notebook(name: "nb.dln", text: "a = 1\n%% first\nb = 2\n%%\nc = 3\n%% [markdown]\n# hi\n%% md\ntext")
        #expect(notebook.cells.map(\.title) == [nil, "first", nil, "[markdown]", "md"])
        #expect(notebook.cells.map(\.kind) == [.code, .code, .code, .markdown, .markdown])
        #expect(notebook.cells.map(\.index) == [1, 2, 3, 4, 5])
        #expect(notebook.text(of: notebook.cells[1]) == "b = 2\n")
        #expect(notebook.cells[1].markerLine == 2)
        // A blank preamble is not a cell.
        #expect(Notebook(name: "x", text: "\n\n%% a\n1").cells.map(\.title) == ["a"])
        // Found by the golden corpus: neither is a header of comments.
        #expect(Notebook(name: "x", text: "# A notebook\n  # by us\n\n%% a\n1").cells.map(\.title) == ["a"])
        #expect(Notebook(name: "x", text: "# only comments\n").cells.isEmpty)
        #expect(Notebook(name: "x", text: "# header\nx = 1\n%% a\n1").cells.map(\.title) == [nil, "a"])
    }

    @Test func diagnosticsPointIntoTheFile() {
        let notebook = Notebook(name: "nb.dln", text: "%% one\nx = 1\n%% two\ny = )\n")
        let report = runner().run(notebook)
        #expect(!report.succeeded)
        #expect(report.cells.map(\.status) == [.skipped, .failed])
        #expect(report.cells[1].diagnostics.first?.description == """
            nb.dln:4:5: error: expected an expression, found ')'
                4 | y = )
                  |     ^
            note: in cell 'two'
            """)
    }

    /// Found by the golden corpus: "input ended too early" pointed at the line after the code.
    @Test func endOfInputErrorsPointAtTheEndOfTheCode() {
        let notebook = Notebook(name: "nb.dln", text: "x = 1 +\n\n%% next\ny = 2\n")
        let diagnostic = runner().run(notebook).cells[0].diagnostics.first
        #expect(diagnostic?.range?.startLocation.line == 1)
        #expect(diagnostic?.range?.startLocation.column == 8)
    }

    @Test func allSyntaxErrorsOfAllCellsAreReportedBeforeRunning() {
        let sink = BufferSink()
        let report = runner(sink: sink).run(Notebook(name: "nb.dln", text: "%% a\nprint(1)\nx = (\n%% b\ny = 1 +\n%% c\nz = ]"))
        #expect(report.cells.map(\.status) == [.failed, .failed, .failed])
        #expect(sink.printed.isEmpty)
        #expect(sink.diagnostics.count == 3)
        // An unclosed bracket is contained by the cell boundary.
        #expect(report.cells[2].diagnostics.first?.range?.startLocation.line == 7)
    }
}

@Suite struct NotebookRunnerTests {
    @Test func runsCellsInOneEnvironment() {
        let sink = BufferSink()
        let report = runner(sink: sink).run(Notebook(name: "nb.dln", text: lecture))
        #expect(report.succeeded)
        #expect(report.cells.map(\.status) == [.skipped, .passed, .passed, .passed])
        #expect(report.cells[2].displayed == ["0.03"])
        #expect(sink.displayed == ["0.03"])
        #expect(report.cells.allSatisfy { $0.duration >= 0 })
    }

    @Test func aRuntimeErrorStopsTheRunAndNamesTheCell() {
        let report = runner().run(Notebook(name: "nb.dln", text: "%% a\nprint(1)\n%% bad one\nx = nope\n%% c\nprint(3)"))
        #expect(report.cells.map(\.status) == [.passed, .failed, .skipped])
        #expect(report.cells[0].output == "1\n")
        let diagnostic = report.cells[1].diagnostics.first
        #expect(diagnostic?.cellTitle == "bad one")
        #expect(diagnostic?.description.hasSuffix("note: in cell 'bad one'") == true)
    }

    @Test func failedExpectationsFailTheCellButTheRunContinues() {
        let report = runner().run(Notebook(name: "nb.dln", text: "%% a\nexpect 1 == 2\nexpect 2 == 3\n%% b\nprint(3)"))
        #expect(report.cells.map(\.status) == [.failed, .passed])
        #expect(report.cells[0].diagnostics.count == 2)
        #expect(report.cells[0].diagnostics.allSatisfy { $0.cellTitle == "a" })
        #expect(!report.succeeded)
    }

    @Test func setOverridesParameters() {
        let options = RunOptions(overrides: [("lr", "0.5"), ("seed", "-7")])
        let report = runner().run(Notebook(name: "nb.dln", text: lecture), options: options)
        #expect(report.cells[2].displayed == ["0.15"])
        #expect(report.cells[3].diagnostics.map(\.message) == ["y[0] ~= 0.03 within 1e-9", "seed == 1"])
        #expect(RunOptions.override("lr=0.5")?.name == "lr")
        #expect(RunOptions.override("lr=\"a=b\"")?.value == "\"a=b\"")
        #expect(RunOptions.override("=3") == nil)
    }

    @Test func setValuesAreLiterals() {
        let ok = runner().run(Notebook(name: "nb.dln", text: "%% parameters\nname = \"a\"\nv = 0\n%% x\n[name, v]"),
                              options: RunOptions(overrides: [("name", "\"b\""), ("v", "{a: [1, 2]}")]))
        #expect(ok.cells[1].displayed.isEmpty)  // a record inside a tensor literal is an error in the fake host
        let literal = runner().run(Notebook(name: "nb.dln", text: "%% parameters\nname = \"a\"\n%% x\nname"),
                                   options: RunOptions(overrides: [("name", "\"b\"")]))
        #expect(literal.cells[1].displayed == ["\"b\""])
        let bad = runner().run(Notebook(name: "nb.dln", text: "%% parameters\nname = \"a\"\n"),
                               options: RunOptions(overrides: [("name", "b")]))
        #expect(bad.diagnostics.first?.message == "a --set value must be a literal (number, string, bool, tensor, record or range)")
    }

    @Test func unknownParametersAreListed() {
        let report = runner().run(Notebook(name: "nb.dln", text: lecture), options: RunOptions(overrides: [("sed", "3")]))
        #expect(!report.succeeded)
        #expect(report.cells.allSatisfy { $0.status == .skipped })
        #expect(report.diagnostics.first?.message == "unknown parameter 'sed'; the parameters are: seed, lr")
        #expect(report.diagnostics.first?.hint == "did you mean 'seed'?")
        let none = runner().run(Notebook(name: "nb.dln", text: "x = 1"), options: RunOptions(overrides: [("x", "3")]))
        #expect(none.diagnostics.first?.message == "--set needs a cell titled 'parameters'")
    }

    @Test func cellSelectionRunsTheCellAndThoseBefore() {
        let text = "%% a\nprint(1)\n%% b\nprint(2)\n%% c\nprint(3)"
        let byTitle = runner().run(Notebook(name: "nb.dln", text: text), options: RunOptions(cell: CellSelector("b")))
        #expect(byTitle.cells.map(\.status) == [.passed, .passed, .skipped])
        let byIndex = runner().run(Notebook(name: "nb.dln", text: text), options: RunOptions(cell: CellSelector("1")))
        #expect(byIndex.cells.map(\.status) == [.passed, .skipped, .skipped])
        let missing = runner().run(Notebook(name: "nb.dln", text: text), options: RunOptions(cell: .title("bb")))
        #expect(missing.diagnostics.first?.message == "no cell is titled 'bb'")
        #expect(missing.diagnostics.first?.hint == "did you mean 'b'?")
        let outOfRange = runner().run(Notebook(name: "nb.dln", text: text), options: RunOptions(cell: .index(9)))
        #expect(outOfRange.diagnostics.first?.message == "there is no cell 9; the notebook has 3 cells")
    }
}

@Suite struct CheckTests {
    @Test func checkFindsUnknownNamesWithoutRunning() {
        let sink = BufferSink()
        let text = """
        %% a
        x = linspace(0, 1, 5)
        print(lnspace(0, 1, 2))
        fn f(p) = p + later + q
        later = 1
        %% b
        network n {
          dense 3, relu
        }
        run = train n on toy { loss: mse; record: loss every 10; stop: when loss < 1 }
        figure "f" { line x, sqr(x) }
        for i in 0..<3 { total = i }
        total + undefined_thing
        """
        let diagnostics = runner(sink: sink).check(Notebook(name: "nb.dln", text: text))
        #expect(sink.printed.isEmpty)
        #expect(diagnostics.map(\.message) == [
            "unknown name 'lnspace'", "unknown name 'q'", "unknown name 'toy'", "unknown name 'sqr'", "unknown name 'undefined_thing'",
        ])
        #expect(diagnostics.first?.hint == "did you mean 'linspace'?")
        #expect(diagnostics.first?.cellTitle == "a")
        #expect(diagnostics[3].hint == "did you mean 'sqrt'?")
    }

    @Test func checkReportsSyntaxErrorsToo() {
        let diagnostics = runner().check(Notebook(name: "nb.dln", text: "%% a\nx = (\n%% b\ny = nope"))
        #expect(diagnostics.map(\.kind) == [.syntax, .name])
    }

    @Test func useBeforeDefinitionAtTopLevel() {
        let checker = NameChecker(knownNames: Set(StandardLibrary.names))
        let program = Parser.parse("y = x\nx = 1\nfn g() = h()\nfn h() = 1").program
        #expect(checker.check(program).map(\.message) == ["unknown name 'x'"])
    }

    @Test func callsOfBuiltinsAreCheckedAgainstTheirParameters() {
        let checker = NameChecker(knownNames: Set(StandardLibrary.names), builtins: StandardLibrary.builtins)
        let source = "a = range()\nb = print(1, sep: \" \", ende: \"\")\nc = keys({x: 1}, 2)\nfn f(range) = range(1, 2, 3)\nd = range(3)"
        let diagnostics = checker.check([(Parser.parse(source).program, "cell")])
        #expect(diagnostics.map(\.message) == ["'range' expects 1 to 2 arguments (start, stop), got 0",
                                               "'print' has no argument named 'ende'",
                                               "'keys' expects 1 argument (record), got 2"])
        #expect(diagnostics.first?.hint == "missing: start" && diagnostics.first?.range?.text == "range()")
        #expect(diagnostics.allSatisfy { $0.cellTitle == "cell" })
        // A name the notebook rebinds anywhere is no longer the builtin.
        let shadowed = "x = len(1, 2)\nfn len(a, b) = a"
        #expect(checker.check(Parser.parse(shadowed).program).isEmpty)
    }
}
