import Foundation

/// Runs a notebook's cells in order in one environment, as a kernel does, and reports
/// per cell. `dln run` turns the report into stdout, a JSON report and an exit status.
///
/// - All code cells are parsed first; if any has a syntax error, nothing runs and every
///   syntax error is reported.
/// - A runtime error stops the run at that cell (status `failed`, or `interrupted` when
///   cancelled); later cells are `skipped`.
/// - A failed `expect` marks its cell `failed` but the run continues, so one run reports
///   every failed expectation; so does any problem a host reports through
///   `EvaluationContext.report` instead of throwing (a figure gnuplot could not draw).
/// - `--set name=value` overrides top-level bindings of the cell titled `parameters`.
/// - `--cell TITLE|N` runs that cell and all cells before it.
public final class NotebookRunner {
    public let evaluator: Evaluator

    public init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    /// Parses every code cell; nil for Markdown cells. `cancellation` stops the parse of a
    /// huge cell (its result is then one `interrupted` diagnostic).
    public static func parseCells(of notebook: Notebook, cancellation: CancellationFlag? = nil) -> [ParseResult?] {
        notebook.cells.map { cell in
            guard cell.kind == .code else { return nil }
            var result = Parser.parse(notebook.source, range: cell.bodyRange, cancellation: cancellation)
            for index in result.diagnostics.indices { result.diagnostics[index].cellTitle = cell.displayName }
            return result
        }
    }

    /// Parses and resolves names without running anything: syntax errors of every cell,
    /// then unknown names (with "did you mean" hints) given the evaluator's builtins, and
    /// calls of builtins that do not fit their parameters.
    public func check(_ notebook: Notebook) -> [Diagnostic] {
        let parsed = NotebookRunner.parseCells(of: notebook, cancellation: evaluator.cancellation)
        let syntax = parsed.compactMap { $0?.diagnostics }.flatMap { $0 }
        let checker = NameChecker(knownNames: evaluator.globals.visibleNames, builtins: evaluator.builtins)
        var programs: [(program: Program, cellTitle: String?)] = []
        for (cell, result) in zip(notebook.cells, parsed) {
            if let result { programs.append((result.program, cell.displayName)) }
        }
        return syntax + LargeStack.run { checker.check(programs) }
    }

    /// Runs the notebook (see the type's documentation for the rules).
    public func run(_ notebook: Notebook, options: RunOptions = RunOptions()) -> NotebookReport {
        if options.usesLargeStack {
            return LargeStack.run { self.runOnCurrentThread(notebook, options) }
        }
        return runOnCurrentThread(notebook, options)
    }

    private func runOnCurrentThread(_ notebook: Notebook, _ options: RunOptions) -> NotebookReport {
        let target = evaluator.sink
        let recorder = RecordingSink(target: target)
        evaluator.sink = recorder
        defer { evaluator.sink = target }

        var report = NotebookReport(name: notebook.source.name, cells: notebook.cells.map {
            CellReport(index: $0.index, title: $0.title, kind: $0.kind, status: .skipped, duration: 0,
                       displayed: [], displayedValues: [], output: "", diagnostics: [])
        }, diagnostics: [])

        let parsed = NotebookRunner.parseCells(of: notebook, cancellation: evaluator.cancellation)
        for (index, result) in parsed.enumerated() {
            guard let result, !result.diagnostics.isEmpty else { continue }
            report.cells[index].status = .failed
            report.cells[index].diagnostics = result.diagnostics
            result.diagnostics.forEach(target.report)
        }
        if report.cells.contains(where: { $0.status == .failed }) { return report }

        let lastIndex: Int
        let overrides: [String: Value]
        do {
            lastIndex = try selectedCell(options.cell, in: notebook)
            overrides = try resolveOverrides(options.overrides, notebook: notebook, parsed: parsed)
        } catch let error as DiagnosticError {
            report.diagnostics = error.diagnostics
            error.diagnostics.forEach(target.report)
            return report
        } catch {
            return report
        }

        options.restorer?.prepare(notebook: notebook, programs: parsed.map { $0?.program })
        for (index, cell) in notebook.cells.enumerated() where index <= lastIndex {
            guard cell.kind == .code, let program = parsed[index]?.program else { continue }
            recorder.reset(cellTitle: cell.displayName)
            target.beginCell(cell)
            if let restorer = options.restorer, restorer.restore(cell, at: index, into: recorder) {
                report.cells[index] = CellReport(
                    index: cell.index, title: cell.title, kind: cell.kind, status: .passed, duration: 0,
                    displayed: recorder.displayed, displayedValues: recorder.displayedValues, output: recorder.output,
                    diagnostics: [], cacheExplanation: restorer.explanation(at: index))
                target.endCell(report.cells[index])
                continue
            }
            let clock = ContinuousClock()
            let start = clock.now
            var status = CellStatus.passed
            // Only an error that ended the cell stops the run; reported problems (failed
            // expectations, figure faults through `EvaluationContext.report`) fail the cell
            // and the run goes on.
            var stopped = false
            do {
                try evaluator.run(program, overrides: cell.title == "parameters" ? overrides : [:])
            } catch let error as DiagnosticError {
                error.diagnostics.forEach(recorder.report)
                status = error.diagnostics.contains { $0.kind == .interrupted } ? .interrupted : .failed
                stopped = true
            } catch {
                recorder.report(Diagnostic(.runtime, String(describing: error)))
                status = .failed
                stopped = true
            }
            if status == .passed, !recorder.diagnostics.isEmpty { status = .failed }
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            report.cells[index] = CellReport(
                index: cell.index, title: cell.title, kind: cell.kind, status: status, duration: seconds,
                displayed: recorder.displayed, displayedValues: recorder.displayedValues,
                output: recorder.output, diagnostics: recorder.diagnostics,
                cacheExplanation: options.restorer?.explanation(at: index))
            target.endCell(report.cells[index])
            if status == .failed, stopped { break }
            if status == .interrupted { break }
        }
        return report
    }

    /// The index of the last cell to run.
    private func selectedCell(_ selector: CellSelector?, in notebook: Notebook) throws -> Int {
        guard let selector else { return notebook.cells.count - 1 }
        let titles = notebook.cells.compactMap(\.title)
        switch selector {
        case .index(let number):
            guard number >= 1, number <= notebook.cells.count else {
                throw DiagnosticError(.runtime, "there is no cell \(number); the notebook has \(notebook.cells.count) cell\(notebook.cells.count == 1 ? "" : "s")")
            }
            return number - 1
        case .title(let title):
            if let index = notebook.cells.firstIndex(where: { $0.title == title }) { return index }
            throw DiagnosticError(.name, "no cell is titled '\(title)'",
                                  hint: Suggestions.didYouMean(title, among: titles)
                                    ?? "cells: \(titles.map { "'\($0)'" }.joined(separator: ", "))")
        }
    }

    /// The top-level names bound by `name = …` in a program, in order.
    static func topLevelBindings(_ program: Program) -> [String] {
        var names: [String] = []
        for case .assignment(.name(let name, _), _, _) in program.statements where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    private func resolveOverrides(_ pairs: [(name: String, value: String)], notebook: Notebook,
                                  parsed: [ParseResult?]) throws -> [String: Value] {
        guard !pairs.isEmpty else { return [:] }
        guard let index = notebook.cells.firstIndex(where: { $0.title == "parameters" && $0.kind == .code }),
              let program = parsed[index]?.program else {
            throw DiagnosticError(.name, "--set needs a cell titled 'parameters'",
                                  hint: "add a cell starting with '%% parameters' that binds the names to override")
        }
        let parameters = NotebookRunner.topLevelBindings(program)
        var values: [String: Value] = [:]
        var problems: [Diagnostic] = []
        for (name, text) in pairs {
            guard parameters.contains(name) else {
                let list = parameters.isEmpty ? "the 'parameters' cell binds no names" : "the parameters are: \(parameters.joined(separator: ", "))"
                problems.append(Diagnostic(.name, "unknown parameter '\(name)'; \(list)",
                                           hint: Suggestions.didYouMean(name, among: parameters)))
                continue
            }
            let source = SourceFile(name: "--set \(name)", text: text)
            let (expression, diagnostics) = Parser.parseExpression(source)
            guard let expression else { problems += diagnostics; continue }
            guard NotebookRunner.isLiteral(expression) else {
                problems.append(Diagnostic(.syntax, "a --set value must be a literal (number, string, bool, tensor, record or range)",
                                           at: expression.range, hint: "strings need quotes: --set \(name)='\"text\"'"))
                continue
            }
            do {
                values[name] = try evaluator.evaluate(expression, in: evaluator.globals)
            } catch let error as DiagnosticError {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticError(diagnostics: problems) }
        return values
    }

    static func isLiteral(_ expression: Expr) -> Bool {
        switch expression {
        case .number, .string, .bool, .none, .size: return true
        case .unary(.negate, let operand, _): return isLiteral(operand)
        case .tensor(let rows, _, _): return rows.allSatisfy { $0.allSatisfy(isLiteral) }
        case .record(let fields, _): return fields.allSatisfy { isLiteral($0.value) }
        case .range(let lower, let upper, _, _): return isLiteral(lower) && isLiteral(upper)
        default: return false
        }
    }
}
