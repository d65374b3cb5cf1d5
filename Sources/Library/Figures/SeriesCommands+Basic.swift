import Gnuplot
import Language

/// `line`, `curve`, `scatter`, `band`, `regions` and `bars`.
extension SeriesCommands {
    /// `line x, y`.
    static func line(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let xs = try arguments.numbers(0, "x"), ys = try arguments.numbers(1, "y")
        try arguments.checkSameLength([("x", xs), ("y", ys)])
        panel.series.append(.line(Line(xs: xs, ys: ys, title: try arguments.text("title"), style: try arguments.lineStyle())))
    }

    /// `curve ys` (against 1, 2, 3 …, e.g. a loss per epoch) or `curve x, y`.
    static func curve(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        if arguments.positional.count == 2 { return try line(arguments, &panel) }
        let ys = try arguments.numbers(0, "values")
        try arguments.checkSameLength([("values", ys)])
        let xs = ys.indices.map { Double($0 + 1) }
        panel.series.append(.line(Line(xs: xs, ys: ys, title: try arguments.text("title"), style: try arguments.lineStyle())))
    }

    /// `scatter x, y` with optional `classes: labels, names: list(…)`, `marker:`, `size:`.
    static func scatter(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let scope = arguments.scope, owner = arguments.owner
        let xs = try arguments.numbers(0, "x"), ys = try arguments.numbers(1, "y")
        var vectors = [("x", xs), ("y", ys)]
        var classes: [Int]?
        if let placed = arguments.option("classes") {
            let labels = try scope.integers(placed, "classes", of: owner)
            vectors.append(("classes", labels.map { Double($0) }))
            classes = labels
        }
        try arguments.checkSameLength(vectors)
        var scatter = Scatter(xs: xs, ys: ys, classes: classes, title: try arguments.text("title"),
                              colour: try arguments.colour())
        if let names = arguments.option("names") {
            guard classes != nil else {
                throw scope.error(.type, "scatter: 'names:' needs 'classes:'", at: names.range)
            }
            scatter.classNames = try scope.texts(names, "names", of: owner)
        }
        if let marker = arguments.option("marker") { scatter.marker = try scope.marker(marker, of: owner) }
        if let size = arguments.option("size") { scatter.pointSize = try scope.positiveNumber(size, "size", of: owner) }
        panel.series.append(.scatter(scatter))
    }

    /// `band x, lower, upper`: the region between two curves.
    static func band(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let xs = try arguments.numbers(0, "x")
        let lower = try arguments.numbers(1, "lower"), upper = try arguments.numbers(2, "upper")
        try arguments.checkSameLength([("x", xs), ("lower", lower), ("upper", upper)])
        var band = Band(xs: xs, lower: lower, upper: upper, title: try arguments.text("title"), colour: try arguments.colour())
        if let opacity = arguments.option("opacity") {
            let value = try arguments.scope.finiteNumber(opacity, "opacity", of: "band")
            guard (0...1).contains(value) else {
                throw arguments.scope.error(.runtime, "band: opacity must be between 0 and 1", at: opacity.range)
            }
            band.opacity = value
        }
        panel.series.append(.band(band))
    }

    /// `regions joints`: shaded x-intervals between the joints (the linear regions of a
    /// shallow network). Non-finite joints (a unit whose slope is 0) are ignored.
    static func regions(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let joints = try arguments.numbers(0, "joints").filter(\.isFinite)
        var labels: [String] = []
        if let placed = arguments.option("labels") {
            labels = try arguments.scope.texts(placed, "labels", of: "regions")
            guard labels.count <= joints.count + 1 else {
                throw arguments.scope.error(.shape, "regions: \(labels.count) labels for \(joints.count + 1) regions",
                                            at: placed.range, hint: "n joints make n + 1 regions")
            }
        }
        panel.series.append(.intervals(XIntervals(boundaries: joints, labels: labels)))
    }

    /// `bars x, heights`.
    static func bars(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let xs = try arguments.numbers(0, "x"), heights = try arguments.numbers(1, "heights")
        try arguments.checkSameLength([("x", xs), ("heights", heights)])
        var bars = Bars(xs: xs, heights: heights, title: try arguments.text("title"), colour: try arguments.colour())
        if let width = arguments.option("width") { bars.width = try arguments.scope.positiveNumber(width, "width", of: "bars") }
        panel.series.append(.bars(bars))
    }
}
