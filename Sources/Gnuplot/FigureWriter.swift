import FileWriting
import Foundation

/// Writes figures to files with a shared `GnuplotProcess`: the script as
/// `<name>.gp` and the image as `<name>.<ext>`, each appearing whole or not at all.
///
/// ```swift
/// let writer = FigureWriter(process: GnuplotProcess())
/// let files = try writer.write(figure, to: URL(fileURLWithPath: "plots"), terminal: .svg())
/// ```
public struct FigureWriter: Sendable {
    /// The files written for one figure.
    public struct Output: Hashable, Sendable {
        public var image: URL
        public var script: URL
        /// gnuplot's warnings, e.g. about points outside a log axis.
        public var warnings: [ScriptMessage]
    }

    public let process: GnuplotProcess
    public var renderer = ScriptRenderer()

    public init(process: GnuplotProcess) {
        self.process = process
    }

    /// Writes `figure` into `directory` (created if needed), named after the
    /// sanitised figure name. The script is kept even if gnuplot fails, so it can
    /// be inspected; the image is never left half-written.
    @discardableResult
    public func write(_ figure: Figure, to directory: URL, terminal: Terminal = .svg()) throws -> Output {
        let base = FileNames.sanitised(figure.name)
        let image = directory.appendingPathComponent("\(base).\(terminal.fileExtension)")
        let script = directory.appendingPathComponent("\(base).gp")
        let text = try renderer.render(figure, terminal: terminal, defaultOutput: image.lastPathComponent)
        try Self.reportingFileErrors { try AtomicFile.createDirectory(directory) }
        try Self.reportingFileErrors { try AtomicFile.write(Data(text.utf8), to: script) }
        // gnuplot opens its output by name: it gets a file dln created under an unguessable name.
        var temporary = image
        try Self.reportingFileErrors { temporary = try AtomicFile.createTemporary(beside: image) }
        do {
            let warnings = try process.run(scriptAt: script, figure: figure.name, output: temporary)
            let size = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? Int) ?? nil
            guard let size, size > 0 else {
                throw GnuplotError.processFailed(figure: figure.name, message: "gnuplot produced no output")
            }
            // gnuplot does not notice a failed write (a full disk): a cut-off image must
            // not replace a good one.
            guard ImageCompleteness.isComplete(temporary, terminal: terminal) else {
                throw GnuplotError.fileSystem(path: image.path, message: "gnuplot's output is incomplete (is the disk full?)")
            }
            do {
                if case .pdf = terminal { try ReproduciblePDF.fixCreationDate(at: temporary) }
                if case .svg = terminal { try SVGCellRuns.compact(at: temporary) }
            } catch {
                throw GnuplotError.fileSystem(path: image.path, message: "could not be written: \(error.localizedDescription)")
            }
            try Self.reportingFileErrors { try AtomicFile.moveIntoPlace(temporary, image) }
            return Output(image: image, script: script, warnings: warnings)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Runs file operations, reporting their failures as `GnuplotError.fileSystem`.
    private static func reportingFileErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as FileWriteError {
            throw GnuplotError.fileSystem(path: error.path, message: error.message)
        }
    }

    /// Draws `figure` and returns the bytes gnuplot produced (text for `.dumb`,
    /// escape sequences for `.sixel`), leaving no files behind.
    public func draw(_ figure: Figure, terminal: Terminal) throws -> Data {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dln-gnuplot-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try write(figure, to: directory, terminal: terminal)
        do {
            return try Data(contentsOf: output.image)
        } catch {
            throw GnuplotError.fileSystem(path: output.image.path, message: "could not be read: \(error.localizedDescription)")
        }
    }
}

/// Whether an image file gnuplot wrote ends as its format requires.
enum ImageCompleteness {
    static func isComplete(_ url: URL, terminal: Terminal) -> Bool {
        let trailer: [UInt8]
        switch terminal {
        case .svg: trailer = Array("</svg>".utf8)
        case .pdf: trailer = Array("%%EOF".utf8)
        case .png: trailer = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]   // the IEND chunk
        case .dumb, .sixel: return true
        }
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end >= UInt64(trailer.count) else { return false }
        let start = end > 64 ? end - 64 : 0
        guard (try? handle.seek(toOffset: start)) != nil, let tail = try? handle.readToEnd() else { return false }
        // Trailing whitespace (newlines after </svg> or %%EOF) is allowed.
        var bytes = [UInt8](tail)
        while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 { bytes.removeLast() }
        return bytes.count >= trailer.count && Array(bytes.suffix(trailer.count)) == trailer
    }
}
