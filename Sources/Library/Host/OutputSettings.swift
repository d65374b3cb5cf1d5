import Foundation
import Language

/// Where the files a notebook makes go, and how figures are shown.
public struct OutputSettings {
    /// Image format of figure files.
    public enum ImageFormat: String, CaseIterable, Sendable { case svg, png, pdf }

    /// How figures are drawn in the terminal.
    public enum TerminalGraphics: String, CaseIterable, Sendable {
        /// Characters in ANSI colours (gnuplot's `dumb`): works everywhere.
        case text
        /// Sixel images, for terminals that show them (xterm -ti vt340, mlterm, foot, WezTerm, …).
        case sixel
    }

    /// The folder figures (and other relative outputs) are written to (`--out`).
    public var directory: URL
    /// The format of figure files.
    public var imageFormat: ImageFormat
    /// Whether figures are drawn in the terminal (the REPL) instead of files.
    public var drawsInTerminal: Bool
    /// Formats each figure file is also written in, beside the main one
    /// (the Jupyter kernel shows PNG as well as SVG).
    public var companionFormats: [ImageFormat] = []
    /// How figures drawn in the terminal look.
    public var terminalGraphics: TerminalGraphics = .text
    /// Folders outside the notebook's folder and `directory` that `save` may
    /// write into (`--allow-write`).
    public var allowedWriteFolders: [URL]

    public init(directory: URL = URL(fileURLWithPath: "plots"), imageFormat: ImageFormat = .svg, drawsInTerminal: Bool = false,
                allowedWriteFolders: [URL] = []) {
        self.directory = directory
        self.imageFormat = imageFormat
        self.drawsInTerminal = drawsInTerminal
        self.allowedWriteFolders = allowedWriteFolders
    }
}

/// What a notebook host writes, whatever its precision: where files go,
/// whether progress is shown, and the files written so far (its figures'
/// gnuplot process is keyed by this object too).
public class HostOutput {
    /// Where figures and other files go.
    public var output: OutputSettings
    /// Whether long operations (training) report progress on standard error.
    public var showsProgress = true
    /// Where progress lines go instead of standard error, as plain lines
    /// (the Jupyter kernel streams them to the notebook's stdout).
    public var progressStream: ((String) -> Void)?
    private var writtenFiles: [String] = []
    /// The values marked with `record("name", value)`, by name (the last value of a name counts).
    public private(set) var results: [String: ResultValue] = [:]
    /// Whether `record` calls are kept in order for `takeRecordedResults()` (a run with a cell cache).
    public var keepsRecordedResults = false
    private var recordedResults: [(name: String, value: ResultValue)] = []
    /// The figure that wrote each figure file base (`plots/loss_train`), so two
    /// names that sanitise alike cannot overwrite each other's files.
    private var figureFileOwners: [String: String] = [:]

    public init(output: OutputSettings = OutputSettings()) {
        self.output = output
    }

    /// Notes a file the notebook wrote, for `--report` and `dln figures`.
    public func recordWrittenFile(_ url: URL) {
        writtenFiles.append(url.path)
    }

    /// Notes a result of the run, replacing an earlier value of the same name.
    public func record(_ value: ResultValue, as name: String) {
        results[name] = value
        if keepsRecordedResults { recordedResults.append((name, value)) }
    }

    /// The results recorded since the last call, in order.
    public func takeRecordedResults() -> [(name: String, value: ResultValue)] {
        defer { recordedResults.removeAll() }
        return recordedResults
    }

    /// Claims the files `base`.* for the figure `name`; returns the name of a
    /// different figure that claimed them earlier in this run, if any.
    func claimFigureFiles(_ base: URL, for name: String) -> String? {
        let key = base.standardizedFileURL.path
        if let owner = figureFileOwners[key], owner != name { return owner }
        figureFileOwners[key] = name
        return nil
    }

    /// The files written since the last call.
    public func takeWrittenFiles() -> [String] {
        defer { writtenFiles.removeAll() }
        return writtenFiles
    }
}
