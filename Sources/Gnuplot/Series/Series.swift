/// One thing drawn from data inside a panel, made by its kind's factory:
/// `.line(Line(…))`, `.scatter(Scatter(…))`, ….
///
/// Each kind is one file of this folder: its data type, conforming to ``SeriesDrawing``
/// (how it is drawn, where its data lies, what it adds to the legend), and its factory
/// line below.
public struct Series: Hashable, Sendable {
    let drawing: any SeriesDrawing

    init(_ drawing: any SeriesDrawing) {
        self.drawing = drawing
    }

    public static func == (lhs: Series, rhs: Series) -> Bool { AnyHashable(lhs.drawing) == AnyHashable(rhs.drawing) }

    public func hash(into hasher: inout Hasher) { hasher.combine(AnyHashable(drawing)) }

    public static func line(_ line: Line) -> Series { Series(line) }
    public static func scatter(_ scatter: Scatter) -> Series { Series(scatter) }
    public static func band(_ band: Band) -> Series { Series(band) }
    public static func intervals(_ intervals: XIntervals) -> Series { Series(intervals) }
    public static func heatmap(_ heatmap: Heatmap) -> Series { Series(heatmap) }
    public static func contour(_ contour: Contour) -> Series { Series(contour) }
    public static func surface(_ surface: Surface) -> Series { Series(surface) }
    public static func bars(_ bars: Bars) -> Series { Series(bars) }
}

/// What a kind of series knows about itself. Only ``clauses(number:renderer:lines:)`` is
/// required; the rest default to a series that neither shapes the panel nor the legend.
protocol SeriesDrawing: Hashable, Sendable {
    /// Drawing layer: lower layers go first, behind the others.
    var layer: Int { get }
    /// Its clauses of the `plot` command (none for what is drawn otherwise); commands
    /// that must run before the plot (contour tables) are appended to `lines`.
    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String]
    /// Commands drawn behind the plot (shaded intervals); `tint` counts the intervals so far.
    func backgroundCommands(renderer: PanelRenderer, tint: inout Int) throws -> [String]

    /// The entries it adds to the legend, in order.
    var legendTitles: [String] { get }
    /// The points the legend should not cover.
    var legendAvoids: [(xs: [Double], ys: [Double])] { get }
    /// The xs of its data, for the x-range a panel without fixed bounds shows.
    var xExtent: [Double] { get }
    /// Its points when some of them must be finite for gnuplot to find a range;
    /// nil when it gives gnuplot a range of its own.
    var plottedPoints: (xs: [Double], ys: [Double])? { get }

    /// Drawn in 3-D: a panel holding one may hold only such series.
    var isThreeDimensional: Bool { get }
    /// Coloured pixels over the data area, with a colour box beside the plot (and no grid).
    var isImage: Bool { get }
    /// The heights of bars drawn up from y = 0; nil for other kinds.
    var barHeights: [Double]? { get }
    /// The classes it colours by: the panel gives each class one colour across series.
    var classLabels: [Int] { get }
    /// The values it colours with the panel's colour map, for the colour bar's range.
    var colourValues: [Double] { get }
}

extension SeriesDrawing {
    func backgroundCommands(renderer: PanelRenderer, tint: inout Int) throws -> [String] { [] }
    var legendTitles: [String] { [] }
    var legendAvoids: [(xs: [Double], ys: [Double])] { [] }
    var xExtent: [Double] { [] }
    var plottedPoints: (xs: [Double], ys: [Double])? { nil }
    var isThreeDimensional: Bool { false }
    var isImage: Bool { false }
    var barHeights: [Double]? { nil }
    var classLabels: [Int] { [] }
    var colourValues: [Double] { [] }
}
