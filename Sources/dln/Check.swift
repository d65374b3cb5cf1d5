import ArgumentParser
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

    func run() throws {
        let sink = StandardStreamsSink(showsCellTitles: false)
        var status: Int32 = 0
        for path in notebooks {
            do {
                let notebook = try NotebookSession.load(path: path)
                let problems = NotebookSession(sink: sink).runner.check(notebook)
                problems.forEach(sink.report)
                if !problems.isEmpty { status = max(status, 1) }
            } catch let error as DiagnosticError {
                error.diagnostics.forEach(sink.report)
                status = 2
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
