import Foundation
import Language

/// Everything a report shows of one run: the notebook, how each cell ended, what
/// each showed, and the provenance.
public struct RunDocument {
    public var notebook: Notebook
    public var report: NotebookReport
    public var provenance: RunProvenance
    /// What each cell showed, by cell index (from ``TranscriptSink``).
    public var shown: [Int: [ShownItem]]

    public init(notebook: Notebook, report: NotebookReport, provenance: RunProvenance, shown: [Int: [ShownItem]]) {
        self.notebook = notebook
        self.report = report
        self.provenance = provenance
        self.shown = shown
    }

    /// The notebook's name without folder or extension, the page's title.
    public var title: String {
        let base = URL(fileURLWithPath: provenance.notebookPath).deletingPathExtension().lastPathComponent
        return base.isEmpty ? provenance.notebookPath : base
    }

    /// `passed`, `failed` or `interrupted`, as in the JSON report.
    public var status: String {
        if provenance.exitStatus == 0 { return "passed" }
        if report.wasInterrupted || provenance.exitStatus > 128 { return "interrupted" }
        return "failed"
    }

    /// The first cell that failed or was interrupted: the one a banner links to.
    public var failingCell: CellReport? {
        report.cells.first { $0.status == .failed || $0.status == .interrupted }
    }

    /// The cells with their reports, in order.
    var cells: [(cell: Cell, report: CellReport)] {
        zip(notebook.cells, report.cells).map { ($0, $1) }
    }

    /// What a cell showed, printed pieces joined.
    func shown(in cell: Cell) -> [ShownItem] { (shown[cell.index] ?? []).joiningPrintedText }

    /// Seconds as a report shows them: `0.012 s`, `3.4 s`, `2 min 5 s`.
    static func describe(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 1 { return String(format: "%.3f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min \(whole % 60) s"
    }
}
