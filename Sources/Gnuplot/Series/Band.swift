/// The region between two curves, `lower[i]...upper[i]` at `xs[i]`.
public struct Band: Hashable, Sendable {
    public var xs: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var title: String?
    public var colour: SeriesColour
    /// Fill opacity in 0...1.
    public var opacity: Double

    public init(xs: [Double], lower: [Double], upper: [Double], title: String? = nil,
                colour: SeriesColour = .automatic, opacity: Double = 0.25) {
        self.xs = xs
        self.lower = lower
        self.upper = upper
        self.title = title
        self.colour = colour
        self.opacity = opacity
    }
}

extension Band: SeriesDrawing {
    var layer: Int { 2 }
    var legendTitles: [String] { [title].compactMap { $0 } }
    var legendAvoids: [(xs: [Double], ys: [Double])] { [(xs, lower), (xs, upper)] }
    var xExtent: [Double] { xs }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (band)"
        try renderer.checkLengths(what, [("xs", xs.count), ("lower", lower.count), ("upper", upper.count)])
        guard opacity.isFinite, (0...1).contains(opacity) else { throw renderer.invalid("\(what): opacity must be in 0...1") }
        let block = try renderer.data.add(columns: [xs, lower, upper])
        return ["\(block) using 1:2:3 with filledcurves fillcolor rgb '\(renderer.colour(colour))' "
            + "fillstyle transparent solid \(GnuplotSyntax.number(opacity)) noborder \(renderer.title(title))"]
    }
}
