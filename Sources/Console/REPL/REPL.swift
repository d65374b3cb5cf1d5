import CellCache
import Foundation
import Language
import Library

/// The interactive session of `dln repl`: reads input (continuing lines while
/// the parser says the input ended too early), runs `:commands`, evaluates
/// everything else in one environment, and keeps going after errors and
/// interrupts.
public final class REPL {
    /// The environment inputs run in (replaced by `:reset`).
    public internal(set) var session: NotebookSession
    let reader: LineReader
    let sink: StandardStreamsSink
    let interrupts: InterruptState
    /// Whether each input's evaluation time is shown (`:time`).
    var showsTiming = false
    /// The notebook loaded with `:load` (for `:cells` and `:run`).
    var notebook: Notebook?
    /// Its path and its cells' keys when it was loaded or last reloaded (for `:reload`).
    var loaded: (path: String, keys: NotebookKeys)?
    var inputCount = 0
    private(set) var isFinished = false
    /// Called with the new session after `:reset`.
    public var onSessionChange: ((NotebookSession) -> Void)?

    public init(session: NotebookSession, reader: LineReader, sink: StandardStreamsSink, interrupts: InterruptState) {
        self.session = session
        self.reader = reader
        self.sink = sink
        self.interrupts = interrupts
        interrupts.onEvaluationInterrupt { [session] in session.evaluator.cancellation.cancel() }
    }

    /// Reads and handles inputs until `:quit` or the end of input.
    public func run() {
        while !isFinished {
            guard let input = readInput() else { break }
            handle(input)
        }
    }

    /// One whole input: a `:command` line, or as many lines as the parser needs.
    func readInput() -> String? {
        var lines: [String] = []
        while true {
            switch reader.readLine(prompt: lines.isEmpty ? "dln> " : "...> ") {
            case .endOfInput:
                return lines.isEmpty ? nil : lines.joined(separator: "\n")
            case .interrupted:
                lines.removeAll()
            case let .line(line):
                lines.append(line)
                let text = lines.joined(separator: "\n")
                if lines.count == 1, line.trimmingCharacters(in: .whitespaces).hasPrefix(":") { return text }
                if !Parser.parse(text).isIncomplete { return text }
            }
        }
    }

    /// Runs one input and records it in the history.
    public func handle(_ input: String) {
        let trimmed = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        reader.addToHistory(input)
        if trimmed.hasPrefix(":") {
            runCommand(trimmed)
        } else {
            inputCount += 1
            evaluate(SourceFile(name: "<repl:\(inputCount)>", text: input), range: nil)
        }
    }

    /// Parses and evaluates source text (or a range of it), reporting errors;
    /// Ctrl-C during evaluation cancels it and keeps what was computed before.
    func evaluate(_ source: SourceFile, range: Range<Int>?) {
        let parsed = Parser.parse(source, range: range)
        guard parsed.succeeded else {
            parsed.diagnostics.forEach(sink.report)
            return
        }
        let clock = ContinuousClock()
        let start = clock.now
        interrupts.evaluation(started: true)
        defer {
            interrupts.evaluation(started: false)
            session.evaluator.cancellation.reset()
        }
        do {
            try session.evaluator.runOnLargeStack(parsed.program)
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(sink.report)
        } catch {
            sink.report(Diagnostic(.runtime, String(describing: error)))
        }
        if showsTiming { sink.write(String(format: "(%.3f s)\n", Self.seconds(clock.now - start))) }
    }

    func finish() { isFinished = true }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

/// Where a Ctrl-C goes: to the running evaluation, or to the prompt.
public final class InterruptState: @unchecked Sendable {
    private let lock = NSLock()
    private var evaluating = false
    private var pendingAtPrompt = false
    private var cancel: () -> Void

    public init(cancel: @escaping () -> Void = {}) {
        self.cancel = cancel
    }

    /// Sets what an interrupt during evaluation calls (the session's cancellation).
    public func onEvaluationInterrupt(_ cancel: @escaping () -> Void) {
        lock.withLock { self.cancel = cancel }
    }

    /// Whether an evaluation is running.
    public var isEvaluating: Bool { lock.withLock { evaluating } }

    /// Called from the signal handler.
    public func interrupt() {
        let action: (() -> Void)? = lock.withLock {
            if evaluating { return cancel }
            pendingAtPrompt = true
            return nil
        }
        action?()
    }

    func evaluation(started: Bool) {
        lock.withLock {
            evaluating = started
            pendingAtPrompt = false
        }
    }

    /// Whether Ctrl-C was pressed at the prompt since the last call.
    public func takePromptInterrupt() -> Bool {
        lock.withLock {
            defer { pendingAtPrompt = false }
            return pendingAtPrompt
        }
    }
}
