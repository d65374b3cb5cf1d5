/// A grid of values drawn as coloured cells with a colour bar.
/// `values[j][i]` is the value at `(xs[i], ys[j])`.
public struct Heatmap: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    /// Numbers written in the cells.
    public var labels: CellLabels
    /// Classes (whole numbers) in light tints of the colours a classed scatter of the
    /// same panel gives them, instead of the panel's colour map.
    public var isCategorical: Bool
    /// The colour bar's text for each class, in the order of the sorted classes.
    public var classNames: [String]?

    public init(xs: [Double], ys: [Double], values: [[Double]], labels: CellLabels = .automatic,
                isCategorical: Bool = false, classNames: [String]? = nil) {
        self.xs = xs
        self.ys = ys
        self.values = values
        self.labels = labels
        self.isCategorical = isCategorical
        self.classNames = classNames
    }

    /// The classes of a categorical heatmap: its distinct finite values, sorted.
    var classes: [Int] {
        guard isCategorical else { return [] }
        return Set(values.joined().compactMap { $0.isFinite ? Int(exactly: $0) : nil }).sorted()
    }
}

/// Numbers written in the cells of a heatmap, in white on dark cells and in the
/// house ink on light ones.
public enum CellLabels: Hashable, Sendable {
    /// The values when the grid has at most ``CellLabels/automaticLimit`` cells each
    /// way and the numbers fit the cells at a readable size; else none.
    case automatic
    case hidden
    /// The values, as large as the cells allow.
    case values
    /// These numbers instead of the values (one per cell), e.g. counts over a
    /// logarithmic colour scale.
    case numbers([[Double]])

    /// Grids up to this many cells across and down get labels by default.
    public static let automaticLimit = 15
}

extension Heatmap: SeriesDrawing {
    var layer: Int { 0 }
    var xExtent: [Double] { xs }
    var isImage: Bool { true }
    var classLabels: [Int] { classes }
    var colourValues: [Double] { isCategorical ? [] : Array(values.joined()) }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (heatmap)"
        let block = try renderer.matrixBlock(what, xs: xs, ys: ys, values: try drawnValues(what, renderer: renderer))
        let panel = renderer.panel
        if panel.x.lowerBound == nil, panel.x.upperBound == nil { lines.append("set autoscale xfix") }
        if panel.y.lowerBound == nil, panel.y.upperBound == nil { lines.append("set autoscale yfix") }
        let style = renderer.terminal.drawsImageCells ? "image pixels" : "image"
        var clauses = ["\(block) nonuniform matrix with \(style) notitle"]
        if let labels = try labelClause(what, renderer: &renderer) { clauses.append(labels) }
        return clauses
    }

    /// The values as drawn: a categorical heatmap's classes become their colour's
    /// position in the panel's classes.
    private func drawnValues(_ what: String, renderer: PanelRenderer) throws -> [[Double]] {
        guard isCategorical else { return values }
        return try values.map { row in
            try row.map { value in
                guard value.isFinite else { return .nan }
                guard let label = Int(exactly: value), let rank = renderer.classRank(label) else {
                    throw renderer.invalid("\(what): a categorical heatmap holds whole numbers (classes), not \(GnuplotSyntax.number(value))")
                }
                return Double(rank)
            }
        }
    }
}
