import ArgumentParser
import Console
import Foundation
import Language
import NotebookBatch
import ResourceLimits
import Library
import Reports
import StandardStreams

/// `dln figures [DIR]`: regenerates every notebook's figures that are out of date.
struct Figures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Regenerate the figures of every notebook in a folder, skipping those up to date.",
        discussion: """
            Runs each DIR/*.dln with 'dln run' into OUT/<notebook>/, several at once, \
            and skips a notebook whose source, data files, --set values and dln version \
            are unchanged since its figures were made (OUT/<notebook>/.dln-manifest.json). \
            A notebook's figures are replaced only when its run succeeds.

            Exit status: 0 when every notebook passed or was up to date (with --check: \
            when all figures are up to date); 1 when any notebook failed (with --check: \
            when any is out of date); 2 for usage errors; 130/143 when interrupted.
            """)

    @ArgumentParser.Argument(help: ArgumentHelp("The folder of notebooks (its *.dln files; subfolders are not searched).",
                                                valueName: "dir"))
    var directory: String = "notebooks"

    @Option(help: ArgumentHelp("The folder for the figures, one subfolder per notebook.", valueName: "dir"))
    var out: String = "plots"

    @Option(help: ArgumentHelp("How many notebooks run at once (default: the number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Run nothing; exit 1 listing the notebooks whose figures are out of date.")
    var check = false

    @Flag(help: "Run every notebook, even those up to date (and every cell: the cell cache is refreshed).")
    var force = false

    @Flag(name: .customLong("no-cache"), help: "Run every cell of the notebooks that run, without the cell cache (docs/caching.md).")
    var noCache = false

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override a binding of the 'parameters' cell of every notebook that has it, or of one notebook with notebook:name=value (repeatable).",
        valueName: "[notebook:]name=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Tensor precision in bits for every notebook: 32 or 64 (default: each notebook's own).",
                               valueName: "32|64"))
    var precision: String?

    @Option(name: .customLong("allow-write"), help: ArgumentHelp(
        "Let every notebook's save() write into this folder too (repeatable), as dln run --allow-write.",
        valueName: "dir"))
    var allowedWriteFolders: [String] = []

    @Option(name: .customLong("html"), help: ArgumentHelp(
        "Also write each notebook's HTML report beside its figures (OUT/<notebook>/report.html) and a gallery, DIR/index.html.",
        valueName: "dir"))
    var pagesFolder: String?

    @OptionGroup var memoryLimit: MemoryLimitOption

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs expects a positive number, got \(jobs)") }
        if check && force { throw ValidationError("--check and --force cannot be combined") }
        for text in overrides where RunOptions.override(text) == nil {
            throw ValidationError("--set expects name=value, got '\(text)'")
        }
        if let precision, Precision(name: precision) == nil {
            throw ValidationError("--precision must be 32 or 64, got '\(precision)'")
        }
        try requireUTF8(("the notebooks folder", directory), ("--out", out), ("--html", pagesFolder))
        for folder in allowedWriteFolders { try requireUTF8(("--allow-write", folder)) }
    }

    func run() throws {
        var options = FiguresOptions(
            notebooks: URL(fileURLWithPath: directory), output: URL(fileURLWithPath: out), jobs: jobs,
            force: force, settings: overrides, runArguments: runArguments, version: DLN.version, executable: Self.executable)
        options.resourceArguments = ["--memory-limit", String(memoryLimit.bytes ?? MachineMemory.defaultBudget / max(jobs, 1))]
        // The cell cache changes how long a notebook takes, never what it draws: not fingerprinted.
        options.resourceArguments += noCache ? ["--no-cache"] : (force ? ["--refresh"] : [])
        options.writesPages = pagesFolder != nil
        do {
            var status = check ? try FiguresBatch.check(options) : try runBatch(options)
            if let pagesFolder, !check, status < 128 { status = max(status, writeGallery(into: pagesFolder, options)) }
            if status != 0 { throw ExitCode(status) }
        } catch let error as FiguresUsageError {
            StandardStream.write("dln figures: \(error.description)\n", to: STDERR_FILENO)
            throw ExitCode(2)
        }
    }

    /// Runs the batch, passing SIGINT and SIGTERM on to its children.
    private func runBatch(_ options: FiguresOptions) throws -> Int32 {
        let batch = FiguresBatch(options: options)
        let monitor = InterruptMonitor { [weak batch] number in batch?.interrupt(number) }
        defer { monitor.stop() }
        return try batch.run()
    }

    /// Writes the gallery of the notebooks' pages; 1 when it cannot be written.
    private func writeGallery(into folder: String, _ options: FiguresOptions) -> Int32 {
        let notebooks = (try? NotebookJob.discover(in: options.notebooks)) ?? []
        let entries = notebooks.map { notebook in
            let job = NotebookJob(notebook: notebook, outputRoot: options.output)
            return SiteIndex.Entry(name: job.name, page: job.output.appendingPathComponent(FiguresOptions.pageName))
        }
        let title = options.notebooks.standardizedFileURL.lastPathComponent
        do {
            try SiteIndex(title: title, entries: entries).write(into: URL(fileURLWithPath: folder))
            return 0
        } catch {
            StandardStream.write("dln figures: \(error)\n", to: STDERR_FILENO)
            return 1
        }
    }

    /// Options every child `dln run` gets; children run in the notebooks' folder,
    /// so folders are passed as absolute paths.
    private var runArguments: [String] {
        (precision.map { ["--precision", $0] } ?? [])
            + allowedWriteFolders.flatMap { ["--allow-write", URL(fileURLWithPath: $0).standardizedFileURL.path] }
    }

    /// The running dln (`$DLN_EXECUTABLE` overrides it), which runs each notebook.
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["DLN_EXECUTABLE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        let first = CommandLine.arguments.first ?? "dln"
        return URL(fileURLWithPath: first).standardizedFileURL.resolvingSymlinksInPath()
    }
}
