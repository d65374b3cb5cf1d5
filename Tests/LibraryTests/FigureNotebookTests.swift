import Foundation
import Language
import Testing
@testable import Library

/// The demo notebook `notebooks/examples/shallow_figures.dln` runs and draws every figure.
/// Set `DLN_FIGURE_DEMO_OUT=/some/folder` to keep its images (as PNG when
/// `DLN_FIGURE_DEMO_FORMAT=png`).
@Suite("Figure demo notebook", .serialized)
struct FigureNotebookTests {
    @Test func shallowFiguresNotebookDrawsEverything() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("notebooks/examples/shallow_figures.dln")
        let text = try String(contentsOf: path, encoding: .utf8)
        let environment = ProcessInfo.processInfo.environment
        let format = OutputSettings.ImageFormat(rawValue: environment["DLN_FIGURE_DEMO_FORMAT"] ?? "svg") ?? .svg
        let run = FigureHarness(format: format)
        if let kept = environment["DLN_FIGURE_DEMO_OUT"] {
            run.host.output.directory = URL(fileURLWithPath: kept)
        }
        let report = NotebookRunner(evaluator: run.evaluator).run(Notebook(name: "shallow_figures.dln", text: text))
        for cell in report.cells where cell.kind == .code {
            #expect(cell.status == .passed, "\(cell.title ?? "?"): \(cell.diagnostics.map(\.message))")
        }
        let names = ["shallow_units", "shallow_output", "shallow_two_inputs", "gd_loss"]
        for name in names {
            let image = run.host.output.directory.appendingPathComponent("\(name).\(format.rawValue)")
            #expect(FileManager.default.fileExists(atPath: image.path), "\(name)")
        }
        #expect(run.host.gnuplotStartCount == 1)
    }
}
