import Foundation
import Language
import Testing
@testable import Library

/// Bad figures give diagnostics that name the figure and point at the line.
@Suite("Figure diagnostics", .serialized)
struct FigureDiagnosticTests {
    /// The first diagnostic of `source`, run in a fresh harness, and whether any file was written.
    private func problem(_ source: String) -> (Diagnostic?, wroteFiles: Bool) {
        let run = FigureHarness()
        let problem = run.run(source)
        return (problem, FileManager.default.fileExists(atPath: run.directory.path))
    }

    @Test func lengthsThatDifferNameBothAndTheLine() {
        let (diagnostic, wrote) = problem("""
        x = linspace(0, 1, 101)
        figure "fit" {
          line x, x[1:]
        }
        """)
        #expect(diagnostic?.kind == .shape)
        #expect(diagnostic?.message == "figure 'fit': line: lengths differ: x has 101 values, y has 100 values")
        #expect(diagnostic?.range?.startLocation.line == 3)
        #expect(diagnostic?.range?.text == "line x, x[1:]")
        #expect(!wrote)
    }

    @Test func unknownCommandsSuggestTheClosest() {
        let (diagnostic, _) = problem("figure \"f\" { scater [1], [2] }")
        #expect(diagnostic?.kind == .name)
        #expect(diagnostic?.message == "figure 'f': unknown figure command 'scater'")
        #expect(diagnostic?.hint?.hasPrefix("did you mean 'scatter'?") == true)
    }

    @Test func unknownOptionsListTheValidOnes() {
        let (series, _) = problem("figure \"f\" { line [1], [2], colr: \"blue\" }")
        #expect(series?.message == "figure 'f': line: unknown option 'colr:'")
        #expect(series?.hint == "did you mean 'color'?; line takes title:, color:, colour:, width:, dash:")
        #expect(series?.range?.text == "colr: \"blue\"")
        let (figure, _) = problem("figure \"f\" (xlable: \"x\") { line [1], [2] }")
        #expect(figure?.message == "figure 'f': figure options: unknown option 'xlable:'")
        #expect(figure?.hint?.contains("did you mean 'xlabel'?") == true)
        let (choice, _) = problem("figure \"f\" (legend: \"top lefty\") { line [1], [2] }")
        #expect(choice?.message == "figure 'f': figure options: 'legend:' cannot be \"top lefty\"")
        #expect(choice?.hint?.contains("\"top left\"") == true)
    }

    @Test func heatmapFunctionsMustReturnNumbers() {
        let (diagnostic, wrote) = problem("""
        xs = linspace(-1, 1, 5)
        figure "heat" {
          heatmap xs, xs, (a, b) -> [a, b]
        }
        """)
        #expect(diagnostic?.kind == .type)
        #expect(diagnostic?.message.hasPrefix("figure 'heat': heatmap: the function returned a tensor of shape (2,) at (-1, -1)") == true)
        #expect(diagnostic?.range?.startLocation.line == 3)
        #expect(!wrote)
        let (arity, _) = problem("figure \"h\" { heatmap [0, 1], [0, 1], (a) -> a }")
        #expect(arity?.message == "figure 'h': heatmap: the function must take two arguments (a, b), it takes 1")
        let (shape, _) = problem("figure \"h\" { heatmap [0, 1, 2], [0, 1], [1, 2; 3, 4] }")
        #expect(shape?.message == "figure 'h': heatmap: values have shape (2, 2) but the grid needs [len(ys), len(xs)] = [2, 3]")
    }

    @Test func nonFiniteValuesAreMissingPoints() {
        let run = FigureHarness()
        #expect(run.run("figure \"gaps\" { line [0, 1, 2, 3], [0, 1 / 0, 0 / 0, 3] }") == nil)
        #expect(run.text("gaps.gp").contains("NaN"))
        #expect(run.exists("gaps.svg"))
    }

    @Test func badShapesAndValues() {
        #expect(problem("h = [1, 2; 3, 4]\nfigure \"f\" { line [1, 2], h }").0?.message
                == "figure 'f': line: y must be a vector, got a tensor of shape (2, 2)")
        #expect(problem("figure \"f\" { line [1, 2] }").0?.message == "figure 'f': line expects 2 values, got 1")
        #expect(problem("figure \"f\" { line [1, 2], \"y\" }").0?.message
                == "figure 'f': line: y must be a tensor, range or number, got string")
        #expect(problem("figure \"f\" { line [1], [2], colour: \"mauve\" }").0?.message
                == "figure 'f': line: unknown colour \"mauve\"")
        let whit = problem("figure \"f\" { line [1], [2], colour: \"whit\" }").0
        #expect(whit?.message == "figure 'f': line: unknown colour \"whit\"")
        #expect(whit?.hint?.contains("white") == true)
        #expect(problem("figure \"f\" (size: 10x10) { line [1], [2] }").0?.message
                == "figure 'f': size must be two whole numbers from 16 to 20000, like 640x400")
        #expect(problem("figure \"f\" (xrange: [1, 0]) { line [1], [2] }").0?.message
                == "figure 'f': figure options: xrange must be two finite numbers, low before high")
        #expect(problem("figure \"f\" { }").0?.message == "figure 'f': the figure draws nothing")
        #expect(problem("figure \"f\" (layout: 1x1) { panel \"a\" { line [1], [2] }\n panel \"b\" { line [1], [2] } }").0?.message
                == "figure 'f': 2 panels do not fit layout 1x1")
        #expect(problem("figure \"f\" { line [1], [2]\n panel \"b\" { line [1], [2] } }").0?.message
                == "figure 'f': 'line' is outside the panels")
        let logAxis = problem("figure \"f\" (xlog: true, xrange: [-1, 1]) { line [1], [2] }").0?.message ?? ""
        #expect(logAxis.hasPrefix("figure 'f': ") && !logAxis.contains("figure 'f': figure"))
        #expect(problem("figure \"f\" { loss {history: {accuracy: [1, 2]}} }").0?.message
                == "figure 'f': loss: found no loss in the training history (it has accuracy)")
    }

    @Test func slowGridFunctionsCanBeInterrupted() {
        let run = FigureHarness()
        let flag = run.evaluator.cancellation
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { flag.cancel() }
        let started = Date()
        let diagnostic = run.run("""
        fn slow(a, b) = if a > b { a } else { b }
        figure "slow" { heatmap linspace(0, 1, 1000), linspace(0, 1, 1000), slow }
        """)
        #expect(diagnostic?.kind == .interrupted)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(!run.exists("slow.svg"))
    }
}
