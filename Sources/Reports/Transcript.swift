import Language

/// One thing a cell showed, in the order it showed it.
public enum ShownItem: Equatable, Sendable {
    /// Text from `print`.
    case printed(String)
    /// A displayed value's text.
    case displayed(String)
    /// A figure the cell drew.
    case figure(ReportFigure)
}

/// A figure as a report shows it: its name and the files written for it.
public struct ReportFigure: Equatable, Sendable {
    public var name: String
    /// The image file's path; nil when nothing was written (the figure failed).
    public var imagePath: String?
    /// The gnuplot script's path.
    public var scriptPath: String?
    /// The figure's title, if it has one.
    public var title: String?

    public init(name: String, imagePath: String?, scriptPath: String?, title: String? = nil) {
        self.name = name
        self.imagePath = imagePath
        self.scriptPath = scriptPath
        self.title = title
    }

    /// What the image shows, for alternative text: the title, or the name.
    var description: String { title.map { "\(name): \($0)" } ?? name }
}

/// Passes everything on to another sink while keeping, per cell, what it showed in
/// order: the run's report holds printed text and displays apart, a page shows them
/// as they came.
public final class TranscriptSink: OutputSink {
    private let target: any OutputSink
    private let figureOf: (Value) -> ReportFigure?
    private var openCell: Int?
    /// What each cell showed, by the cell's 1-based index.
    public private(set) var shown: [Int: [ShownItem]] = [:]

    /// - Parameter figureOf: the figure a displayed value is, if it is one (the host knows).
    public init(forwardingTo target: any OutputSink, figureOf: @escaping (Value) -> ReportFigure?) {
        self.target = target
        self.figureOf = figureOf
    }

    public func write(_ text: String) {
        record(.printed(text))
        target.write(text)
    }

    public func display(_ value: Value, text: String) {
        record(figureOf(value).map(ShownItem.figure) ?? .displayed(text))
        target.display(value, text: text)
    }

    public func report(_ diagnostic: Diagnostic) { target.report(diagnostic) }

    public func beginCell(_ cell: Cell) {
        openCell = cell.index
        target.beginCell(cell)
    }

    public func endCell(_ report: CellReport) {
        openCell = nil
        target.endCell(report)
    }

    /// Appends in place (pieces of printed text are joined when a page is made, so a
    /// cell printing a million lines costs no copying here).
    private func record(_ item: ShownItem) {
        guard let openCell else { return }
        shown[openCell, default: []].append(item)
    }
}

extension [ShownItem] {
    /// The items with consecutive printed pieces joined into one.
    var joiningPrintedText: [ShownItem] {
        var result: [ShownItem] = []
        var pending: [String] = []
        func flush() {
            if !pending.isEmpty { result.append(.printed(pending.joined())) }
            pending.removeAll()
        }
        for item in self {
            if case .printed(let text) = item { pending.append(text); continue }
            flush()
            result.append(item)
        }
        flush()
        return result
    }
}
