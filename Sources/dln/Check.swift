import ArgumentParser
import CellCache
import Foundation
import Console
import Language
import Library

/// `dln check NOTEBOOK…`: parse and resolve names without running anything.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find syntax errors, unknown names and builtin calls with the wrong arguments in notebooks without running them.",
        discussion: "Exit status: 0 when every notebook is clean, 1 when any has a problem, 2 when one cannot be read.")

    @ArgumentParser.Argument(help: "The notebooks (.dln) to check.")
    var notebooks: [String]

    @Flag(help: "Also print each notebook's cell dependencies: what each cell binds, uses from which cell, changes and reads.")
    var deps = false

    func run() throws {
        let sink = StandardStreamsSink(showsCellTitles: false)
        var status: Int32 = 0
        for path in notebooks {
            do {
                let notebook = try NotebookSession.load(path: path)
                let problems = NotebookSession(sink: sink).runner.check(notebook)
                problems.forEach(sink.report)
                if !problems.isEmpty { status = max(status, 1) }
                if deps { printDependencies(of: notebook) }
            } catch let error as DiagnosticError {
                error.diagnostics.forEach(sink.report)
                status = 2
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The graph of the cells that parsed (a cell with a syntax error is left out of it).
    private func printDependencies(of notebook: Notebook) {
        let programs = NotebookRunner.parseCells(of: notebook).map { result in
            result.flatMap { $0.diagnostics.isEmpty ? $0.program : nil }
        }
        let graph = CellGraph(notebook: notebook, programs: programs)
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let text = graph.text(of: notebook) { CellInputs.existingFiles(named: $0, in: folder) }
        print(notebooks.count > 1 ? "\(notebook.source.name):\n\(text)" : text, terminator: "")
    }
}
