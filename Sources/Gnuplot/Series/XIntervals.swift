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

extension XIntervals: SeriesDrawing {
    var layer: Int { 1 }

    /// Drawn as rectangles behind the plot, not by the plot command.
    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] { [] }

    func backgroundCommands(renderer: PanelRenderer, tint: inout Int) throws -> [String] {
        var lines: [String] = []
        for interval in intervals {
            lines += try renderer.intervalCommands(interval, tint: Style.intervalTints[tint % Style.intervalTints.count])
            tint += 1
        }
        return lines
    }
}
