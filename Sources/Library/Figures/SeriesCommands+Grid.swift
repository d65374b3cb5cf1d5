import Gnuplot
import Language

/// `heatmap`, `contour` and `surface`: values on a grid, from a tensor or a function.
extension SeriesCommands {
    /// `heatmap xs, ys, values | (a, b) -> …, labels:, classes: true, names:`.
    static func heatmap(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let (xs, ys, values) = try grid(arguments)
        var heatmap = Heatmap(xs: xs, ys: ys, values: values)
        try applyCellOptions(arguments, to: &heatmap, panel: &panel)
        panel.series.append(.heatmap(heatmap))
    }

    /// `contour xs, ys, values | (a, b) -> …, levels: 10 | [0.1, 0.5]`.
    static func contour(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let (xs, ys, values) = try grid(arguments)
        var contour = Contour(xs: xs, ys: ys, values: values, title: try arguments.text("title"),
                              style: try arguments.lineStyle(defaultWidth: 1))
        if let placed = arguments.option("levels") {
            if let count = placed.value.integer {
                guard (1...100).contains(count) else {
                    throw arguments.scope.error(.runtime, "contour: levels must be 1 to 100, got \(count)", at: placed.range)
                }
                contour.levels = .automatic(count)
            } else {
                let levels = try arguments.scope.numbers(placed, "levels", of: "contour")
                guard !levels.isEmpty, levels.allSatisfy(\.isFinite) else {
                    throw arguments.scope.error(.runtime, "contour: levels must be finite numbers", at: placed.range)
                }
                contour.levels = .explicit(levels)
            }
        }
        panel.series.append(.contour(contour))
    }

    /// `surface xs, ys, values | (a, b) -> …, wireframe: true`.
    static func surface(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let (xs, ys, values) = try grid(arguments)
        var surface = Surface(xs: xs, ys: ys, values: values, title: try arguments.text("title"))
        if let placed = arguments.option("wireframe"), try arguments.scope.flag(placed, "wireframe", of: "surface") {
            surface.look = .wireframe
        }
        if let map = arguments.option("colormap", "colourmap") { panel.colourMap = try arguments.scope.colourMap(map, of: "surface") }
        panel.series.append(.surface(surface))
    }

    /// The grid coordinates and values of a grid command.
    private static func grid(_ arguments: FigureArguments) throws -> ([Double], [Double], [[Double]]) {
        let xs = try arguments.numbers(0, "xs"), ys = try arguments.numbers(1, "ys")
        let values = try GridValues(scope: arguments.scope, owner: arguments.owner, range: arguments.range)
            .values(try arguments.value(2), xs: xs, ys: ys)
        return (xs, ys, values)
    }
}
