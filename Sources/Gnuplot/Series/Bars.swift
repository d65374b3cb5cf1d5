/// Vertical bars of `heights[i]` centred on `xs[i]` (a histogram when the xs are bin centres).
public struct Bars: Hashable, Sendable {
    public var xs: [Double]
    public var heights: [Double]
    /// Bar width in x units; `nil` leaves a small gap between neighbours.
    public var width: Double?
    public var title: String?
    public var colour: SeriesColour

    public init(xs: [Double], heights: [Double], width: Double? = nil, title: String? = nil,
                colour: SeriesColour = .automatic) {
        self.xs = xs
        self.heights = heights
        self.width = width
        self.title = title
        self.colour = colour
    }
}

extension Bars: SeriesDrawing {
    var layer: Int { 3 }
    var legendTitles: [String] { [title].compactMap { $0 } }
    var legendAvoids: [(xs: [Double], ys: [Double])] { [(xs, heights), (xs, xs.map { _ in 0 })] }
    var xExtent: [Double] { xs }
    var barHeights: [Double]? { heights }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (bars)"
        try renderer.checkLengths(what, [("xs", xs.count), ("heights", heights.count)])
        let block = try renderer.data.add(columns: [xs, heights])
        var using = "using 1:2"
        if let width {
            guard width.isFinite, width > 0 else { throw renderer.invalid("\(what): bar width must be positive") }
            using = "using 1:2:(\(GnuplotSyntax.number(width)))"
        } else {
            lines.append("set boxwidth 0.85 relative")
        }
        return ["\(block) \(using) with boxes fillcolor rgb '\(renderer.colour(colour))' "
            + "fillstyle solid 0.8 border lc rgb 'white' \(renderer.title(title))"]
    }
}
