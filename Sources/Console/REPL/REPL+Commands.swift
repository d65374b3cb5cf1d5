import Foundation
import Language
import Library

extension REPL {
    /// The REPL's commands, with their one-line descriptions.
    static let commands: [(name: String, usage: String, summary: String)] = [
        ("help", ":help [topic]", "this list, or help on a function, keyword or command"),
        ("load", ":load FILE", "run a notebook in this session and keep its cells"),
        ("reload", ":reload", "read the loaded notebook again; run only the cells that changed and those that depend on them"),
        ("cells", ":cells", "list the cells of the loaded notebook"),
        ("run", ":run CELL", "run one cell of the loaded notebook (title or number)"),
        ("vars", ":vars", "the names you have bound, with their types and shapes"),
        ("time", ":time", "turn timing of each input on or off"),
        ("plots", ":plots [DIR|sixel|text]", "write figures to files in DIR, or draw them here as sixel images or text"),
        ("reset", ":reset", "forget every binding and start afresh"),
        ("quit", ":quit", "leave (Ctrl-D does too)"),
    ]

    func runCommand(_ line: String) {
        let words = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = words.first ?? ""
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : nil
        switch name {
        case "help", "h", "?": sink.write(Help.text(for: argument, commands: Self.commands, builtins: session.evaluator.builtins) + "\n")
        case "load": load(argument)
        case "reload": reload()
        case "cells": listCells()
        case "run": runCell(argument)
        case "vars": listVariables()
        case "time":
            showsTiming.toggle()
            sink.write("timing is \(showsTiming ? "on" : "off")\n")
        case "plots": setPlotDirectory(argument)
        case "reset": reset()
        case "quit", "q", "exit": finish()
        default:
            let known = Self.commands.map(\.name)
            let hint = Suggestions.didYouMean(name, among: known) ?? "type :help for the list of commands"
            sink.report(Diagnostic(.name, "unknown command ':\(name)'", hint: hint))
        }
    }

    private func load(_ path: String?) {
        guard let path, !path.isEmpty else { return sink.report(Diagnostic(.io, ":load needs a notebook file")) }
        do {
            let notebook = try NotebookSession.load(path: path)
            self.notebook = notebook
            if let asked = try NotebookSettings.precision(in: notebook), asked != session.precision {
                sink.write("warning: the notebook asks for precision \(asked), but this session's tensors are \(session.precision.dtypeName); start dln repl --precision \(asked) for \(asked.dtypeName)\n")
            }
            sink.showsCellTitles = true
            defer { sink.showsCellTitles = false }
            interrupts.evaluation(started: true)
            defer {
                interrupts.evaluation(started: false)
                session.evaluator.cancellation.reset()
            }
            _ = session.runner.run(notebook)
            loaded = (path, keys(of: notebook))
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(sink.report)
        } catch {
            sink.report(Diagnostic(.io, "cannot load '\(path)': \(error)"))
        }
    }

    private func listCells() {
        guard let notebook else { return sink.report(Diagnostic(.runtime, "no notebook is loaded", hint: "use :load FILE")) }
        for cell in notebook.cells {
            sink.write("\(cell.index)\t\(cell.kind == .markdown ? "md " : "   ")\(cell.title ?? "(untitled)")\n")
        }
    }

    private func runCell(_ selector: String?) {
        guard let notebook else { return sink.report(Diagnostic(.runtime, "no notebook is loaded", hint: "use :load FILE")) }
        guard let selector, !selector.isEmpty else { return sink.report(Diagnostic(.runtime, ":run needs a cell title or number")) }
        let cell = Int(selector).flatMap { n in notebook.cells.first { $0.index == n } }
            ?? notebook.cells.first { $0.title == selector }
        guard let cell else {
            let titles = notebook.cells.compactMap(\.title)
            return sink.report(Diagnostic(.name, "the notebook has no cell '\(selector)'",
                                          hint: Suggestions.didYouMean(selector, among: titles) ?? "use :cells to list them"))
        }
        guard cell.kind == .code else { return sink.write(notebook.text(of: cell) + "\n") }
        evaluate(notebook.source, range: cell.bodyRange)
    }

    private func listVariables() {
        let globals = session.evaluator.globals
        let names = globals.visibleNames.sorted().filter { name in
            guard let value = globals.lookup(name) else { return false }
            if case .builtin = value { return false }
            return !StandardLibrary.isUnchangedConstant(name, value)
        }
        if names.isEmpty { return sink.write("no names are bound yet\n") }
        for name in names {
            guard let value = globals.lookup(name) else { continue }
            sink.write("\(name)\t\(Self.describe(value))\n")
        }
    }

    public static func describe(_ value: Value) -> String {
        if let tensor = value.hostValue as? any AnyTensorValue {
            return "tensor \(tensor.summary)"
        }
        return value.typeName
    }

    private func setPlotDirectory(_ path: String?) {
        if let mode = path.flatMap(OutputSettings.TerminalGraphics.init(rawValue:)) {
            session.host.output.drawsInTerminal = true
            session.host.output.terminalGraphics = mode
            return sink.write(mode == .sixel ? "figures are drawn here as sixel images (the terminal must show sixel graphics)\n"
                                             : "figures are drawn here as text\n")
        }
        if let path, !path.isEmpty {
            session.host.output.directory = URL(fileURLWithPath: path)
            session.host.output.drawsInTerminal = false
            sink.write("figures go to \(path)/\n")
        } else {
            session.host.output.drawsInTerminal = true
            sink.write("figures are drawn here\n")
        }
    }

    private func reset() {
        let output = session.host.output
        session = NotebookSession(output: output, sink: sink, precision: session.precision)
        interrupts.onEvaluationInterrupt { [session] in session.evaluator.cancellation.cancel() }
        onSessionChange?(session)
        notebook = nil
        loaded = nil
        sink.write("the session is empty again\n")
    }
}
