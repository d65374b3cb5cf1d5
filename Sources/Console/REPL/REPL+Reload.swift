import CellCache
import Foundation
import Language
import Library

/// `:reload`: re-read the loaded notebook and run only the cells whose keys changed (their
/// code, the cells they read from, the files they name) — and, since the session holds
/// the values the notebook left at its end, the cells whose inputs were rebound or
/// changed after them, and cells that change objects in place after a cell that runs.
extension REPL {
    func keys(of notebook: Notebook) -> NotebookKeys {
        let programs = NotebookRunner.parseCells(of: notebook).map { $0.flatMap { $0.diagnostics.isEmpty ? $0.program : nil } }
        return NotebookKeys(notebook: notebook, programs: programs, precision: session.precision.description,
                            folder: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    }

    func reload() {
        guard let (path, previous) = loaded else {
            return sink.report(Diagnostic(.runtime, "no notebook is loaded", hint: "use :load FILE first"))
        }
        let notebook: Notebook
        do {
            notebook = try NotebookSession.load(path: path)
        } catch let error as DiagnosticError {
            return error.diagnostics.forEach(sink.report)
        } catch {
            return sink.report(Diagnostic(.io, "cannot read '\(path)': \(error)"))
        }
        let parsed = NotebookRunner.parseCells(of: notebook)
        let syntax = parsed.compactMap { $0?.diagnostics }.flatMap { $0 }
        guard syntax.isEmpty else { return syntax.forEach(sink.report) }  // nothing runs; the session stays as it was
        let current = keys(of: notebook)
        let reasons = Self.cellsToRun(current, since: previous)
        for position in reasons.keys.sorted() {
            guard let program = parsed[position]?.program else { continue }
            sink.write("%% \(notebook.cells[position].displayName) (\(reasons[position] ?? "changed"))\n")
            guard runReloaded(program) else { break }
        }
        self.notebook = notebook
        loaded = (path, current)
        let unchanged = current.graph.nodes.count - reasons.count
        sink.write("reloaded \(path): \(reasons.count) cell\(reasons.count == 1 ? "" : "s") ran, \(unchanged) unchanged\n")
    }

    /// The cells to run, with why.
    static func cellsToRun(_ current: NotebookKeys, since previous: NotebookKeys) -> [Int: String] {
        var reasons: [Int: String] = [:]
        for node in current.graph.nodes {
            if let change = current.change(at: node.position, since: previous) { reasons[node.position] = change }
        }
        let name = { (position: Int) in current.notebook.cells[position].displayName }
        var grew = true
        while grew {
            grew = false
            for node in current.graph.nodes where reasons[node.position] != nil {
                for source in node.sources where reasons[source.position] == nil && current.isRewritten(source.name, since: previous) {
                    reasons[source.position] = "cell '\(name(node.position))' needs '\(source.name)' as this cell left it"
                    grew = true
                }
            }
            for node in current.graph.nodes where reasons[node.position] == nil && (node.changesInPlace || !node.usage.changes.isEmpty) {
                if reasons.keys.contains(where: { $0 < node.position }) {
                    reasons[node.position] = "an earlier cell ran, and this one changes objects in place"
                    grew = true
                }
            }
        }
        return reasons
    }

    /// Runs one cell's program as an input would; false when it failed or was interrupted.
    private func runReloaded(_ program: Program) -> Bool {
        interrupts.evaluation(started: true)
        defer {
            interrupts.evaluation(started: false)
            session.evaluator.cancellation.reset()
        }
        do {
            try session.evaluator.runOnLargeStack(program)
            return true
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(sink.report)
        } catch {
            sink.report(Diagnostic(.runtime, "\(error)"))
        }
        return false
    }
}
