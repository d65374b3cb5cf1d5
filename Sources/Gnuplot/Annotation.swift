/// A point in data coordinates.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Horizontal alignment of a text label relative to its position.
public enum TextAlignment: Hashable, Sendable {
    case left, centre, right

    var gnuplot: String {
        switch self {
        case .left: return "left"
        case .centre: return "center"
        case .right: return "right"
        }
    }
}

/// Something drawn on top of a panel that is not data.
public enum Annotation: Hashable, Sendable {
    /// A line at `x` from the bottom to the top of the plot, with an optional label near the top.
    case verticalLine(x: Double, label: String? = nil, style: LineStyle? = nil)
    /// A line at `y` from the left to the right of the plot, with an optional label near the right.
    case horizontalLine(y: Double, label: String? = nil, style: LineStyle? = nil)
    /// Text at a point in data coordinates, in `colour` (`.automatic` is the house ink)
    /// and `size` points (`nil` is the figure's font size).
    case text(String, at: Point, alignment: TextAlignment = .left, colour: SeriesColour = .automatic, size: Double? = nil)
    /// An arrow between two points in data coordinates.
    case arrow(from: Point, to: Point, style: LineStyle? = nil)
    /// Text in a corner of the plot on a white ground, clear of the data: `.automatic`
    /// is the corner covering the fewest data points that the legend does not take.
    case note(String, corner: Corner = .automatic)
}

/// An inside corner of a panel.
public enum Corner: Hashable, Sendable, CaseIterable {
    case automatic, topLeft, topRight, bottomLeft, bottomRight
}
