import Foundation

/// How a cell ended.
public enum CellStatus: String, Sendable {
    /// Ran without errors or failed expectations.
    case passed
    /// A syntax or runtime error, or at least one failed expectation.
    case failed
    /// Not run: a Markdown cell, a cell after a failure, or after the selected cell.
    case skipped
    /// Stopped by cancellation (Ctrl-C, timeout).
    case interrupted
}

/// What happened in one cell.
public struct CellReport {
    public var index: Int
    public var title: String?
    public var kind: Cell.Kind
    public var status: CellStatus
    /// Wall-clock seconds spent evaluating the cell.
    public var duration: Double
    /// Display texts of the values the cell displayed (bare last expression, figures).
    public var displayed: [String]
    public var displayedValues: [Value]
    /// Text the cell printed.
    public var output: String
    /// Errors and failed expectations, with `cellTitle` set.
    public var diagnostics: [Diagnostic]
    /// With a cell cache, whether the cell was restored or why it ran (`cached`, `ran: …`).
    public var cacheExplanation: String?

    /// The title, or `cell N`.
    public var displayName: String { title ?? "cell \(index)" }
}

/// The outcome of running a notebook.
public struct NotebookReport {
    public var name: String
    public var cells: [CellReport]
    /// Problems that are not in any cell (a bad `--set` or `--cell`).
    public var diagnostics: [Diagnostic]

    /// Every diagnostic: run-level first, then the cells' in order.
    public var allDiagnostics: [Diagnostic] { diagnostics + cells.flatMap(\.diagnostics) }

    /// True when nothing failed and nothing was interrupted.
    public var succeeded: Bool {
        diagnostics.isEmpty && cells.allSatisfy { $0.status == .passed || $0.status == .skipped }
    }

    /// True when a cell was interrupted.
    public var wasInterrupted: Bool { cells.contains { $0.status == .interrupted } }

    /// Total seconds spent evaluating.
    public var duration: Double { cells.reduce(0) { $0 + $1.duration } }
}

/// Which cells `--cell` selects: the given cell and all cells before it.
public enum CellSelector: Equatable, Sendable {
    /// 1-based index among all cells (Markdown cells included).
    case index(Int)
    /// Exact title.
    case title(String)

    /// `--cell 3` is an index, anything else a title.
    public init(_ text: String) {
        if let number = Int(text.trimmingCharacters(in: .whitespaces)) { self = .index(number) } else { self = .title(text) }
    }
}

/// Options of a notebook run.
public struct RunOptions {
    /// `--set name=value` pairs: values are dln literals, applied to the top-level
    /// bindings of the cell titled `parameters`.
    public var overrides: [(name: String, value: String)]
    /// `--cell`: run only up to and including this cell.
    public var cell: CellSelector?
    /// Evaluate on a thread with a large stack (recommended; see ``LargeStack``).
    public var usesLargeStack: Bool
    /// Restores cells from a cache instead of running them (`dln run` with a cell cache).
    public var restorer: (any CellRestoring)?

    public init(overrides: [(name: String, value: String)] = [], cell: CellSelector? = nil, usesLargeStack: Bool = true) {
        self.overrides = overrides
        self.cell = cell
        self.usesLargeStack = usesLargeStack
    }

    /// Parses `name=value` (the `--set` syntax); nil when there is no `=` or no name.
    public static func override(_ text: String) -> (name: String, value: String)? {
        guard let equal = text.firstIndex(of: "=") else { return nil }
        let name = text[..<equal].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        return (name, String(text[text.index(after: equal)...]))
    }
}

/// Forwards to the caller's sink while recording one cell's output.
final class RecordingSink: OutputSink {
    let target: any OutputSink
    var output = ""
    var displayed: [String] = []
    var displayedValues: [Value] = []
    var diagnostics: [Diagnostic] = []
    var cellTitle: String?

    init(target: any OutputSink) { self.target = target }

    func reset(cellTitle: String?) {
        output = ""
        displayed = []
        displayedValues = []
        diagnostics = []
        self.cellTitle = cellTitle
    }

    func write(_ text: String) {
        output += text
        target.write(text)
    }

    func display(_ value: Value, text: String) {
        displayed.append(text)
        displayedValues.append(value)
        target.display(value, text: text)
    }

    func report(_ diagnostic: Diagnostic) {
        var diagnostic = diagnostic
        if diagnostic.cellTitle == nil { diagnostic.cellTitle = cellTitle }
        diagnostics.append(diagnostic)
        target.report(diagnostic)
    }
}
