/// A polyline through `(xs[i], ys[i])`; non-finite values break the line.
public struct Line: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var title: String?
    public var style: LineStyle

    public init(xs: [Double], ys: [Double], title: String? = nil, style: LineStyle = LineStyle()) {
        self.xs = xs
        self.ys = ys
        self.title = title
        self.style = style
    }
}

extension Line: SeriesDrawing {
    var layer: Int { 5 }
    var legendTitles: [String] { [title].compactMap { $0 } }
    var legendAvoids: [(xs: [Double], ys: [Double])] { [(xs, ys)] }
    var xExtent: [Double] { xs }
    var plottedPoints: (xs: [Double], ys: [Double])? { (xs, ys) }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (line)"
        try renderer.checkLengths(what, [("xs", xs.count), ("ys", ys.count)])
        let block = try renderer.data.add(columns: [xs, ys])
        let colour = renderer.colour(style.colour)
        let styleText = try renderer.lineStyle(style, colour: colour)
        return ["\(block) using 1:2 with lines \(styleText) \(renderer.title(title))"]
    }
}
