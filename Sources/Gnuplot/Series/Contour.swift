/// Which contour levels to draw.
public enum ContourLevels: Hashable, Sendable {
    /// About this many levels at round numbers.
    case automatic(Int)
    /// Exactly these levels.
    case explicit([Double])
}

/// Contour lines of a grid of values; `values[j][i]` is the value at `(xs[i], ys[j])`.
public struct Contour: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    public var levels: ContourLevels
    public var title: String?
    public var style: LineStyle

    public init(xs: [Double], ys: [Double], values: [[Double]], levels: ContourLevels = .automatic(10),
                title: String? = nil, style: LineStyle = LineStyle(width: 1)) {
        self.xs = xs
        self.ys = ys
        self.values = values
        self.levels = levels
        self.title = title
        self.style = style
    }
}

extension Contour: SeriesDrawing {
    var layer: Int { 4 }
    var legendTitles: [String] { [title].compactMap { $0 } }
    var xExtent: [Double] { xs }

    /// gnuplot traces the lines into a table first (`splot` with contours into a
    /// datablock), which the plot then draws as lines.
    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (contour)"
        let block = try renderer.matrixBlock(what, xs: xs, ys: ys, values: values)
        let table = renderer.data.reserveName(prefix: "contour")
        lines += [try levelsCommand(what: what, renderer: renderer), "set contour base", "unset surface",
                  "set table \(table)", "splot \(block) nonuniform matrix with lines notitle",
                  "unset table", "unset contour", "set surface"]
        let colour = renderer.colour(style.colour)
        let styleText = try renderer.lineStyle(style, colour: colour)
        return ["\(table) using 1:2 with lines \(styleText) \(renderer.title(title))"]
    }

    private func levelsCommand(what: String, renderer: PanelRenderer) throws -> String {
        switch levels {
        case .automatic(let count):
            guard (1...100).contains(count) else { throw renderer.invalid("\(what): between 1 and 100 levels") }
            return "set cntrparam levels auto \(count)"
        case .explicit(let values):
            guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
                throw renderer.invalid("\(what): contour levels must be finite numbers")
            }
            return "set cntrparam levels discrete " + values.map(GnuplotSyntax.number).joined(separator: ",")
        }
    }
}
