import Foundation
import Language
import StandardStreams

/// The output of `dln run`: cell titles, printed text and displayed values on
/// standard output, diagnostics on standard error.
open class StandardStreamsSink: OutputSink {
    /// Whether cell titles are shown (`--quiet` turns them off).
    public var showsCellTitles: Bool
    /// Called when a cell ends (after its output), e.g. to collect the files it wrote.
    public var onCellEnd: ((CellReport) -> Void)?
    private let renderer = DiagnosticRenderer()
    private let lock = NSLock()

    public init(showsCellTitles: Bool = true) {
        self.showsCellTitles = showsCellTitles
    }

    open func write(_ text: String) {
        lock.withLock { StandardStream.write(text) }
    }

    public func display(_ value: Value, text: String) {
        write(text + "\n")
    }

    open func report(_ diagnostic: Diagnostic) {
        let text = renderer.render(diagnostic) + "\n"
        lock.withLock { StandardStream.write(text, to: STDERR_FILENO) }
    }

    public func beginCell(_ cell: Cell) {
        if showsCellTitles { write("%% \(cell.displayName)\n") }
    }

    public func endCell(_ report: CellReport) {
        onCellEnd?(report)
    }
}
