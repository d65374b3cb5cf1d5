import Console
import Foundation
import Language
import Library

/// The kernel's one session: runs cells in one environment (bindings persist from
/// cell to cell, as in `dln repl`), counts executions and keeps their history.
/// Used from the execution thread only, except `interrupt()`.
final class CellInterpreter: @unchecked Sendable {
    /// How one execution ended.
    enum Outcome {
        case ok(result: String?)
        case failed(ename: String, evalue: String, traceback: [String])
    }

    let session: NotebookSession
    let sink: KernelSink
    private(set) var executionCount = 0
    /// Every stored execution: its number, code and result text.
    private(set) var history: [(count: Int, code: String, result: String?)] = []
    private let renderer = DiagnosticRenderer()
    private let lock = NSLock()
    private var isExecuting = false

    init(precision: Precision, figureFolder: URL) {
        sink = KernelSink()
        let output = OutputSettings(directory: figureFolder, imageFormat: .svg, drawsInTerminal: false)
        session = NotebookSession(output: output, sink: sink, precision: precision)
        session.host.output.companionFormats = [.png]
        session.host.progressStream = { [sink] in sink.write($0) }
    }

    /// Counts an execution (unless silent or not stored) and returns its number.
    func count(_ code: String, store: Bool) -> Int {
        guard store else { return executionCount }
        executionCount += 1
        history.append((executionCount, code, nil))
        return executionCount
    }

    /// Runs `code` as cell `number`; Ctrl-C or an interrupt request stops it at the next
    /// step boundary, keeping what was computed (a training run keeps its partly trained network).
    func execute(_ code: String, number: Int) -> Outcome {
        sink.begin()
        let parsed = Parser.parse(SourceFile(name: "In[\(number)]", text: code))
        guard parsed.succeeded else { return failure(parsed.diagnostics) }
        lock.withLock { isExecuting = true }
        defer {
            lock.withLock { isExecuting = false }
            session.evaluator.cancellation.reset()
        }
        do {
            try session.evaluator.runOnLargeStack(parsed.program)
        } catch let error as DiagnosticError {
            _ = sink.end()
            return failure(error.diagnostics)
        } catch {
            _ = sink.end()
            return failure([Diagnostic(.runtime, String(describing: error))])
        }
        let (result, problems) = sink.end()
        if let last = history.indices.last, history[last].count == number { history[last].result = result }
        guard problems.isEmpty else { return failure(problems, alreadyShown: true) }
        return .ok(result: result)
    }

    /// The `:help` text a cell of just `:help [topic]` asks for (the REPL's command), else nil.
    func helpPage(for code: String) -> String? {
        let line = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard line == ":help" || line.hasPrefix(":help "), !line.contains("\n") else { return nil }
        let topic = line.dropFirst(":help".count).trimmingCharacters(in: .whitespaces)
        return Help.text(for: topic.isEmpty ? nil : topic, commands: [], builtins: session.evaluator.builtins)
    }

    /// Stops the running cell, if one is running.
    func interrupt() {
        lock.withLock { if isExecuting { session.evaluator.cancellation.cancel() } }
    }

    /// An error reply's parts: the first diagnostic's kind and message, and every
    /// diagnostic rendered as `dln run` renders it (`In[3]:2:5: …`).
    private func failure(_ diagnostics: [Diagnostic], alreadyShown: Bool = false) -> Outcome {
        let first = diagnostics.first ?? Diagnostic(.runtime, "the cell failed")
        let ename = first.kind == .expectation ? "ExpectationFailed" : first.kind.rawValue.capitalized + "Error"
        let evalue = alreadyShown && diagnostics.count > 1 ? "\(first.message) (and \(diagnostics.count - 1) more)" : first.message
        let traceback = diagnostics.flatMap { renderer.render($0).components(separatedBy: "\n") }
        return .failed(ename: first.kind == .interrupted ? "KeyboardInterrupt" : ename, evalue: evalue, traceback: traceback)
    }
}
