/// How values map onto an axis.
public enum AxisScale: Hashable, Sendable {
    case linear
    /// Logarithmic with the given base (all plotted values and bounds must be positive).
    case logarithmic(base: Double)

    /// Base-10 logarithmic scale.
    public static let log10 = AxisScale.logarithmic(base: 10)
}

/// One explicit tick mark.
public struct Tick: Hashable, Sendable {
    public var value: Double
    /// The text shown at the tick; `nil` shows the number.
    public var label: String?

    public init(_ value: Double, label: String? = nil) {
        self.value = value
        self.label = label
    }
}

/// Where tick marks go.
public enum Ticks: Hashable, Sendable {
    /// gnuplot's choice.
    case automatic
    /// One tick every `spacing` units (must be positive).
    case every(Double)
    /// Exactly these ticks.
    case explicit([Tick])
    /// No ticks at all.
    case hidden
}

/// The options of one axis (x, y, z or the colour bar).
public struct Axis: Hashable, Sendable {
    /// Text under (or beside) the axis.
    public var label: String?
    /// Fixed lower end; `nil` lets gnuplot choose.
    public var lowerBound: Double?
    /// Fixed upper end; `nil` lets gnuplot choose.
    public var upperBound: Double?
    public var scale: AxisScale
    public var ticks: Ticks
    /// Draws the axis from high to low values.
    public var reversed: Bool

    /// Creates an axis; by default autoscaled, linear, with automatic ticks.
    public init(label: String? = nil, lowerBound: Double? = nil, upperBound: Double? = nil,
                scale: AxisScale = .linear, ticks: Ticks = .automatic, reversed: Bool = false) {
        self.label = label
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.scale = scale
        self.ticks = ticks
        self.reversed = reversed
    }

    /// Creates an axis fixed to `range`.
    public init(label: String? = nil, range: ClosedRange<Double>, scale: AxisScale = .linear) {
        self.init(label: label, lowerBound: range.lowerBound, upperBound: range.upperBound, scale: scale)
    }
}

/// Where the legend (gnuplot's "key") goes.
public enum LegendPlacement: Hashable, Sendable {
    /// The inside corner that covers the fewest data points.
    case automatic
    case hidden
    case topLeft, topRight, bottomLeft, bottomRight
    /// Outside the plot, to the right.
    case outsideRight
    /// Outside the plot, below it, laid out horizontally.
    case below
}

/// The shape of the plotting area.
public enum AspectRatio: Hashable, Sendable {
    /// Fill the panel.
    case automatic
    /// A square plotting area.
    case square
    /// Height divided by width of the plotting area.
    case ratio(Double)
    /// One unit on x is as long as one unit on y.
    case equalUnits
}
