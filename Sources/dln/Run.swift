import ArgumentParser
import Console
import FileWriting
import Foundation
import Language
import Library
import NotebookBatch
import Reports

/// `dln run NOTEBOOK`: every cell in order, headless.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a notebook's cells in order and print what they show.",
        discussion: """
            Cell titles, printed text and displayed values go to standard output; \
            diagnostics to standard error; figures under --out. --html and --markdown \
            also write the run as one document (docs/reports.md), also when it fails.

            Exit status: 0 when every cell and every expect passed; 1 when a cell or \
            an expect failed (or the run timed out); 2 for usage and file errors \
            (unreadable notebook, bad --set or --cell); 130 after Ctrl-C and 143 \
            after SIGTERM (the run stops between operations; files are never left \
            half-written).
            """)

    @ArgumentParser.Argument(help: "The notebook (.dln) to run.")
    var notebook: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a binding of the cell titled 'parameters' (repeatable); the value is a dln literal.",
        valueName: "name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Run only up to this cell (its title or 1-based number), with every cell before it.",
                               valueName: "title|N"))
    var cell: String?

    @Option(help: ArgumentHelp("The folder for figures and other files.", valueName: "dir"))
    var out: String = "plots"

    @Option(name: .customLong("allow-write"), help: ArgumentHelp(
        "Let save() write into this folder too (repeatable); by default only the notebook's folder and --out.",
        valueName: "dir"))
    var allowedWriteFolders: [String] = []

    @Option(help: "The image format of figures: svg, png or pdf.")
    var format: String = "svg"

    @Option(help: ArgumentHelp("Stop the run after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(help: ArgumentHelp("Write a JSON record of the run to this file.", valueName: "file.json"))
    var report: String?

    @Option(help: ArgumentHelp("Write the run as a self-contained HTML page to this file (also when it fails).",
                               valueName: "file.html"))
    var html: String?

    @Option(help: ArgumentHelp("Write the run as a Markdown document to this file (also when it fails).",
                               valueName: "file.md"))
    var markdown: String?

    @Flag(help: "Do not print cell titles or training progress.")
    var quiet = false

    @Option(help: ArgumentHelp("Tensor precision in bits: 32 (default) or 64; overrides the notebook's settings cell.",
                               valueName: "32|64"))
    var precision: String?

    @OptionGroup var memoryLimit: MemoryLimitOption

    @OptionGroup var cacheOptions: CacheOptions

    @Flag(name: .customLong("watch"), help: "After the run, run again whenever the notebook or a file it names changes (cached cells are restored); Ctrl-C stops.")
    var watches = false

    func validate() throws {
        for text in overrides where RunOptions.override(text) == nil {
            throw ValidationError("--set expects name=value, got '\(text)'")
        }
        if let precision, Precision(name: precision) == nil {
            throw ValidationError("--precision must be 32 or 64, got '\(precision)'")
        }
        if let timeout, !(timeout > 0) { throw ValidationError("--timeout expects a positive number of seconds") }
        if OutputSettings.ImageFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of svg, png, pdf; got '\(format)'")
        }
        try requireUTF8(("--out", out), ("--report", report), ("--html", html), ("--markdown", markdown))
        for folder in allowedWriteFolders { try requireUTF8(("--allow-write", folder)) }
        try requireDistinctOutputs()
    }

    /// A report written over the notebook (`--html nb.dln`) or over another report would destroy it.
    private func requireDistinctOutputs() throws {
        let outputs = [("--report", report), ("--html", html), ("--markdown", markdown)].compactMap { name, path in
            path.map { (name, URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path) }
        }
        let source = URL(fileURLWithPath: notebook).standardizedFileURL.resolvingSymlinksInPath().path
        for (index, (name, path)) in outputs.enumerated() {
            if path == source { throw ValidationError("\(name) would overwrite the notebook '\(notebook)'") }
            if let other = outputs[..<index].first(where: { $0.1 == path }) {
                throw ValidationError("\(other.0) and \(name) name the same file")
            }
        }
    }

    func run() throws {
        ParentDeath.followParentIfAsked()
        memoryLimit.apply()
        let sink = StandardStreamsSink(showsCellTitles: !quiet)
        guard watches else {
            let status = try runOnce(sink: sink, signals: nil)
            if status != 0 { throw ExitCode(status) }
            return
        }
        try watchNotebook(sink: sink)
    }

    /// One run of the notebook; returns its exit status (usage errors throw). Under
    /// `--watch`, `signals` catches Ctrl-C for every run (a process catches a signal
    /// through one monitor only: a second one made later would never hear it).
    func runOnce(sink: StandardStreamsSink, signals: WatchStop?) throws -> Int32 {
        let notebook: Notebook
        do {
            notebook = try NotebookSession.load(path: self.notebook)
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(sink.report)
            throw ExitCode(2)
        }
        // Watched before parsing: lexing a huge notebook takes time too. (Not while reading
        // it: a notebook that is a FIFO would then ignore SIGTERM while it blocks.)
        let cancellation = CancellationFlag()
        let watch = RunWatch(cancellation: cancellation, timeout: timeout, catchesSignals: signals == nil)
        signals?.running(cancellation)
        let output = OutputSettings(directory: URL(fileURLWithPath: out),
                                    imageFormat: OutputSettings.ImageFormat(rawValue: format) ?? .svg,
                                    allowedWriteFolders: allowedWriteFolders.map { URL(fileURLWithPath: $0) })
        let chosen: Precision
        do {
            chosen = try precision.flatMap(Precision.init(name:)) ?? NotebookSettings.precision(in: notebook) ?? .single
        } catch let error as DiagnosticError {
            error.diagnostics.forEach(sink.report)
            throw ExitCode(2)
        }
        let transcript = TranscriptSink(forwardingTo: sink, figureOf: Self.reportFigure)
        let folder = try cacheOptions.open(notebook: self.notebook, sink: sink)
        let (session, cache) = cachedRun(folder: folder, session: {
            NotebookSession(output: output, sink: $0, cancellation: cancellation, precision: chosen)
        }, transcript: transcript, sink: sink, precision: chosen)
        session.host.showsProgress = !quiet
        var files: [Int: [String]] = [:]
        let explains = cacheOptions.explain
        sink.onCellEnd = { report in
            let written = session.host.takeWrittenFiles()
            files[report.index] = written
            cache?.cellEnded(report, files: written, results: session.host.takeRecordedResults())
            if explains { Run.explain(report) }
        }

        var options = RunOptions(overrides: overrides.compactMap(RunOptions.override), cell: cell.map(CellSelector.init))
        options.restorer = cache
        let startTime = Date()
        var result = session.runner.run(notebook, options: options)
        watch.stop()
        cache?.finish()

        if watch.timedOut, let seconds = timeout {
            let diagnostic = Diagnostic(.interrupted, "the run timed out after \(seconds) seconds (--timeout)")
            sink.report(diagnostic)
            result.diagnostics.append(diagnostic)
        }
        let status = exitStatus(result, watch: watch, notebook: notebook, sink: sink)
        let wantsRecord = report != nil || html != nil || markdown != nil
        let provenance = wantsRecord ? self.provenance(session: session, notebook: notebook, startTime: startTime, status: status) : nil
        if let provenance {
            try writeDocuments(RunDocument(notebook: notebook, report: result, provenance: provenance, shown: transcript.shown),
                               status: status, sink: sink)
        }
        if let report {
            do {
                try result.writeJSON(to: URL(fileURLWithPath: report), exitStatus: status, files: files, version: DLN.version,
                                     precision: chosen.rawValue, provenance: provenance, results: session.host.results)
            } catch {
                let reason = (error as? FileWriteError)?.reason ?? error.localizedDescription
                sink.report(Diagnostic(.io, "cannot write the report '\(report)': \(reason)"))
                throw ExitCode(status != 0 ? status : 2)  // a failed run stays a failed run
            }
        }
        return status
    }

    private func exitStatus(_ result: NotebookReport, watch: RunWatch, notebook: Notebook, sink: StandardStreamsSink) -> Int32 {
        if let signal = watch.signal { return 128 + signal }
        if watch.timedOut { return 1 }
        // Problems with --set or --cell are usage errors, reported before any cell runs.
        if !result.diagnostics.isEmpty { return 2 }
        if notebook.cells.allSatisfy({ notebook.text(of: $0).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            sink.report(Diagnostic(.io, "the notebook '\(notebook.source.name)' is empty", hint: "cells start with a '%%' line"))
            return 1
        }
        return result.succeeded ? 0 : 1
    }
}

/// Stops a run on Ctrl-C, SIGTERM or a time limit, remembering which.
final class RunWatch: @unchecked Sendable {
    private var monitor: InterruptMonitor?
    private var timer: DispatchSourceTimer?
    private let lock = NSLock()
    private var receivedSignal: Int32?
    private var expired = false

    init(cancellation: CancellationFlag, timeout: Double?, catchesSignals: Bool = true) {
        if catchesSignals {
            monitor = InterruptMonitor { [weak self] number in
                self?.lock.withLock { if self?.receivedSignal == nil { self?.receivedSignal = number } }
                cancellation.cancel()
            }
        }
        if let timeout {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + timeout)
            timer.setEventHandler { [weak self] in
                self?.lock.withLock { self?.expired = true }
                cancellation.cancel()
            }
            timer.resume()
            self.timer = timer
        }
    }

    var signal: Int32? { lock.withLock { receivedSignal } }
    var timedOut: Bool { lock.withLock { expired && receivedSignal == nil } }

    func stop() {
        timer?.cancel()
        monitor?.stop()
    }
}
