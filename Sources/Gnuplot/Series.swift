/// One thing drawn from data inside a panel.
public enum Series: Hashable, Sendable {
    case line(Line)
    case scatter(Scatter)
    case band(Band)
    case intervals(XIntervals)
    case heatmap(Heatmap)
    case contour(Contour)
    case surface(Surface)
    case bars(Bars)
}

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

/// Points, optionally split into classes that get their own colour, marker and legend entry.
public struct Scatter: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    /// One class index per point; `nil` draws all points alike.
    public var classes: [Int]?
    /// Legend text for class `k` (by position among the sorted distinct classes).
    public var classNames: [String]?
    public var title: String?
    /// Colour of an unclassified scatter (classes always use palette colours).
    public var colour: SeriesColour
    /// Marker of an unclassified scatter; `nil` is a filled circle.
    public var marker: Marker?
    public var pointSize: Double

    public init(xs: [Double], ys: [Double], classes: [Int]? = nil, classNames: [String]? = nil,
                title: String? = nil, colour: SeriesColour = .automatic, marker: Marker? = nil,
                pointSize: Double = 0.8) {
        self.xs = xs
        self.ys = ys
        self.classes = classes
        self.classNames = classNames
        self.title = title
        self.colour = colour
        self.marker = marker
        self.pointSize = pointSize
    }
}

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

/// One vertical band spanning the whole y-range; bounds may be infinite.
public struct XInterval: Hashable, Sendable {
    public var lowerBound: Double
    public var upperBound: Double
    public var label: String?

    public init(_ lowerBound: Double, _ upperBound: Double, label: String? = nil) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.label = label
    }
}

/// Shaded x-intervals drawn behind the data in alternating light tints
/// (e.g. the activation regions of a shallow network).
public struct XIntervals: Hashable, Sendable {
    public var intervals: [XInterval]

    public init(_ intervals: [XInterval]) {
        self.intervals = intervals
    }

    /// The `boundaries.count + 1` regions between sorted boundaries, from -∞ to +∞,
    /// labelled in order by `labels` where given.
    public init(boundaries: [Double], labels: [String] = []) {
        let edges = [-Double.infinity] + boundaries.sorted() + [Double.infinity]
        var regions: [XInterval] = []
        for (index, pair) in zip(edges, edges.dropFirst()).enumerated() {
            let label = index < labels.count ? labels[index] : nil
            regions.append(XInterval(pair.0, pair.1, label: label))
        }
        self.intervals = regions
    }
}

/// A grid of values drawn as coloured pixels with a colour bar.
/// `values[j][i]` is the value at `(xs[i], ys[j])`.
public struct Heatmap: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]

    public init(xs: [Double], ys: [Double], values: [[Double]]) {
        self.xs = xs
        self.ys = ys
        self.values = values
    }
}

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

/// A 3-D surface of a grid of values; a panel holding one is drawn in 3-D and
/// may hold only surfaces.
public struct Surface: Hashable, Sendable {
    public enum Look: Hashable, Sendable {
        /// Coloured by height with the panel's colour map.
        case coloured
        /// A mesh of lines.
        case wireframe
    }

    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    public var look: Look
    public var title: String?

    public init(xs: [Double], ys: [Double], values: [[Double]], look: Look = .coloured, title: String? = nil) {
        self.xs = xs
        self.ys = ys
        self.values = values
        self.look = look
        self.title = title
    }
}

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
