/// A size in pixels.
public struct PixelSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// A grid of panels.
public struct Layout: Hashable, Sendable {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    /// One panel.
    public static let single = Layout(rows: 1, columns: 1)
}

/// One set of axes with the series and annotations drawn on it.
public struct Panel: Hashable, Sendable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    /// Used only by panels holding surfaces.
    public var z: Axis
    /// The colour bar of heatmaps and surfaces.
    public var colourBar: Axis
    public var colourMap: ColourMap
    public var legend: LegendPlacement
    public var aspect: AspectRatio
    /// Draws a light grid at the major ticks (never over a heatmap).
    public var grid: Bool
    /// Drawn in order, except that heatmaps, intervals and bands go behind everything else.
    public var series: [Series]
    public var annotations: [Annotation]

    /// Creates a panel; defaults: autoscaled linear axes, automatic legend, grid on.
    public init(title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), z: Axis = Axis(),
                colourBar: Axis = Axis(), colourMap: ColourMap = .viridis,
                legend: LegendPlacement = .automatic, aspect: AspectRatio = .automatic, grid: Bool = true,
                series: [Series] = [], annotations: [Annotation] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.z = z
        self.colourBar = colourBar
        self.colourMap = colourMap
        self.legend = legend
        self.aspect = aspect
        self.grid = grid
        self.series = series
        self.annotations = annotations
    }
}

/// A named figure: one panel or a grid of panels, rendered to one image.
///
/// ```swift
/// let fit = Figure(name: "shallow_fit", panel: Panel(x: Axis(label: "x"), series: [
///     .scatter(Scatter(xs: xs, ys: ys, title: "data")),
///     .line(Line(xs: grid, ys: prediction, title: "fit")),
/// ]))
/// ```
public struct Figure: Hashable, Sendable {
    /// Names the figure in diagnostics and, sanitised, its files.
    public var name: String
    /// Title over the whole figure.
    public var title: String?
    /// Size in pixels; `nil` uses the house default for the layout.
    public var size: PixelSize?
    public var layout: Layout
    /// Filled row by row; at most `layout.rows * layout.columns`.
    public var panels: [Panel]
    /// Slides (the default) or paper: text size and line weight.
    public var style: FigureStyle = .slides

    /// Creates a figure with a grid of panels.
    public init(name: String, title: String? = nil, size: PixelSize? = nil, layout: Layout, panels: [Panel]) {
        self.name = name
        self.title = title
        self.size = size
        self.layout = layout
        self.panels = panels
    }

    /// Creates a single-panel figure.
    public init(name: String, title: String? = nil, size: PixelSize? = nil, panel: Panel) {
        self.init(name: name, title: title, size: size, layout: .single, panels: [panel])
    }

    /// The size used when none is given: 640×400 for one panel, 420×300 per cell for grids.
    public var resolvedSize: PixelSize {
        if let size { return size }
        if layout == .single { return Style.singlePanelSize }
        return PixelSize(width: Style.gridCellSize.width * max(layout.columns, 1),
                         height: Style.gridCellSize.height * max(layout.rows, 1))
    }
}
