import Foundation
import Gnuplot
import Language

/// Shows a built figure: as files in a headless run, as text in the terminal in the REPL.
struct FigureOutput {
    let host: HostOutput
    let scope: FigureScope

    /// Writes or draws `built` and displays the result; returns what it wrote, if anything.
    func show(_ built: BuiltFigure) throws -> FigureValue {
        var writer = FigureWriter(process: FigureSessions.shared.process(for: host))
        // Writing the data of millions of points takes seconds: Ctrl-C and --timeout must reach it.
        let cancellation = scope.context.evaluator.cancellation
        writer.renderer.isCancelled = { cancellation.isCancelled }
        // In the REPL a figure is drawn in the terminal unless it asks for a file format.
        if host.output.drawsInTerminal && built.format == nil {
            if let bytes = try translating({ try drawInTerminal(built.figure, writer: writer) }) {
                scope.context.write(String(decoding: bytes, as: UTF8.self))
            }
            return FigureValue(name: built.figure.name, image: nil, script: nil)
        }
        let format = built.format ?? host.output.imageFormat
        if let clash = fileNameClash(of: built.figure.name, format: format) {
            // Reported like a file-system failure: the cell fails, the run goes on.
            clash.diagnostics.forEach(scope.context.report)
            return FigureValue(name: built.figure.name, image: nil, script: nil)
        }
        // Companions first, so the script beside the image is the main format's.
        for companion in host.output.companionFormats where companion != format {
            guard try translating({ try writer.write(built.figure, to: host.output.directory, terminal: Self.terminal(companion)) }) != nil
            else { return FigureValue(name: built.figure.name, image: nil, script: nil) }
        }
        guard let written = try translating({ try writer.write(built.figure, to: host.output.directory, terminal: Self.terminal(format)) })
        else { return FigureValue(name: built.figure.name, image: nil, script: nil) }
        host.recordWrittenFile(written.image)
        host.recordWrittenFile(written.script)
        for warning in written.warnings where warning.line != nil {
            scope.context.write("warning: figure '\(built.figure.name)': gnuplot: \(warning)\n")
        }
        return FigureValue(name: built.figure.name, image: written.image, script: written.script, title: built.figure.title)
    }

    /// The figure as the terminal shows it: sixel when asked for and gnuplot can
    /// draw it, else text (saying once why, and staying with text afterwards).
    private func drawInTerminal(_ figure: Figure, writer: FigureWriter) throws -> Data {
        if host.output.terminalGraphics == .sixel {
            do {
                return try writer.draw(figure, terminal: .sixel())
            } catch GnuplotError.scriptFailed(_, let messages) where messages.contains(where: { $0.text.contains("terminal") }) {
                host.output.terminalGraphics = .text
                scope.context.write("warning: this gnuplot cannot draw sixel images (no 'sixelgd' terminal); "
                    + "figures are drawn as text (install gnuplot-nox 5.4 or later)\n")
            }
        }
        return try writer.draw(figure, terminal: Self.terminalSize())
    }

    /// The error for a figure whose files another figure of this run already
    /// wrote ("loss/train" and "loss train" both become loss_train.*), if it is one.
    private func fileNameClash(of name: String, format: OutputSettings.ImageFormat) -> DiagnosticError? {
        let base = host.output.directory.appendingPathComponent(FileNames.sanitised(name))
        guard let owner = host.claimFigureFiles(base, for: name) else { return nil }
        let image = Self.displayPath(base.appendingPathExtension(format.rawValue))
        return scope.error(.runtime, "its files would overwrite those of figure '\(owner)' (\(image))",
                          hint: "file names keep only letters, digits, '.', '_' and '-'; give the figures names that differ in those")
    }

    static func terminal(_ format: OutputSettings.ImageFormat) -> Terminal {
        switch format {
        case .svg: return .svg()
        case .png: return .png()
        case .pdf: return .pdf()
        }
    }

    /// The dumb terminal sized from the environment, in colour.
    static func terminalSize() -> Terminal {
        let size = terminalDimensions()
        return .dumb(columns: size.columns, rows: size.rows, ansiColour: true)
    }

    /// Characters across and lines down for terminal figures: `$COLUMNS` × (`$LINES` − 1,
    /// so the prompt stays visible), 80 × 24 when unset or unreasonable.
    static func terminalDimensions(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> (columns: Int, rows: Int) {
        func size(_ name: String, _ fallback: Int, _ limits: ClosedRange<Int>) -> Int {
            guard let text = environment[name], let value = Int(text), limits.contains(value) else { return fallback }
            return value
        }
        return (size("COLUMNS", 80, 20...400), size("LINES", 25, 11...200) - 1)
    }

    /// Runs `body`, turning Gnuplot errors into diagnostics naming the figure.
    /// Runs a drawing step. A figure that is wrong in itself stops its cell;
    /// one that gnuplot or the file system could not draw is reported, fails
    /// the cell, and lets the run go on (nil), as docs/figures.md promises.
    private func translating<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch is ScriptRenderingCancelled {
            throw scope.error(.interrupted, "interrupted")
        } catch let error as GnuplotError {
            if case .invalidFigure = error { throw diagnostic(error) }
            diagnostic(error).diagnostics.forEach(scope.context.report)
            return nil
        }
    }

    private func diagnostic(_ error: GnuplotError) -> DiagnosticError {
        let name = scope.name
        let script = host.output.directory.appendingPathComponent("\(FileNames.sanitised(name)).gp")
        switch error {
        case .invalidFigure(_, let message):
            return scope.error(.runtime, message)
        case .gnuplotNotFound:
            return scope.error(.io, "cannot draw: \(error.message)",
                               hint: "install gnuplot (Debian/Ubuntu: sudo apt-get install gnuplot-nox), or set DLN_GNUPLOT to its path")
        case .scriptFailed(_, let messages):
            let details = messages.map(\.description).joined(separator: "; ")
            return scope.error(.runtime, "gnuplot reported: \(details)",
                               hint: host.output.drawsInTerminal ? nil : "the script is \(Self.displayPath(script))")
        case .timedOut(_, let seconds):
            return scope.error(.runtime, "gnuplot did not finish within \(FigureScope.describe(seconds)) s",
                               hint: "draw fewer points; gnuplot was restarted")
        case .processFailed(_, let message):
            return scope.error(.runtime, message)
        case .fileSystem(let path, let message):
            return scope.error(.io, "\(Self.displayPath(URL(fileURLWithPath: path))): \(message)")
        }
    }

    /// `path` relative to the working directory when it is inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
