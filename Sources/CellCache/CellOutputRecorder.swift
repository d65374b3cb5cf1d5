import Foundation
import Language

/// Passes a run's output on, recording what the current cell shows, so that a restored
/// cell shows it again. A figure's display names its file under `--out`; that folder is
/// kept as a placeholder, so a run with another `--out` shows its own.
public final class CellOutputRecorder: OutputSink {
    private let target: any OutputSink
    private let outputPrefix: String
    private static let placeholder = "\u{0}out/"
    private var events: [CacheEntry.Event] = []
    /// What each ended cell showed, by cell index.
    private var shown: [Int: [CacheEntry.Event]] = [:]

    public init(target: any OutputSink, outputDirectory: URL) {
        self.target = target
        outputPrefix = CellOutputRecorder.displayPath(outputDirectory) + "/"
    }

    public func write(_ text: String) {
        events.append(.init(text: text, isDisplay: false, figure: nil))
        target.write(text)
    }

    public func display(_ value: Value, text: String) {
        let isFigure = value.typeName == "figure"
        let kept = isFigure ? text.replacingOccurrences(of: outputPrefix, with: Self.placeholder) : text
        let form = isFigure ? (value.hostValue as? any StorableHostValue)?.storedForm : nil
        events.append(.init(text: kept, isDisplay: true, figure: form.map { CacheEntry.StoredFigure(kind: $0.kind, bytes: $0.bytes) }))
        target.display(value, text: text)
    }

    public func report(_ diagnostic: Diagnostic) { target.report(diagnostic) }

    public func beginCell(_ cell: Cell) {
        events = []
        target.beginCell(cell)
    }

    public func endCell(_ report: CellReport) {
        shown[report.index] = events
        target.endCell(report)
    }

    /// What the cell with this index showed (once it has ended).
    func events(ofCell index: Int) -> [CacheEntry.Event] { shown[index] ?? [] }

    /// Shows a stored event again through `sink` (which passes it back through this recorder);
    /// `figure` makes a displayed figure again (in this run's `--out`).
    func replay(_ event: CacheEntry.Event, into sink: any OutputSink, figure: (StoredHostForm) -> Value?) {
        if event.isDisplay {
            let text = event.text.replacingOccurrences(of: Self.placeholder, with: outputPrefix)
            let value = event.figure.flatMap { figure(StoredHostForm(kind: $0.kind, bytes: $0.bytes)) } ?? .string(text)
            sink.display(value, text: text)
        } else {
            sink.write(event.text)
        }
    }

    /// A path as figure displays show it: relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
