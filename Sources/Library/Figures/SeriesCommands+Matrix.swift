import Gnuplot
import Language
import TensorCore

/// `matrix values`: a matrix drawn as it is printed — one crisp cell per entry, row 0
/// at the top, column and row numbers as ticks, square cells, values written in
/// the cells of small matrices.
extension SeriesCommands {
    static let matrixOptions = ["labels", "colormap", "colourmap", "classes", "names", "origin", "xnames", "ynames"]

    /// `matrix m, labels: counts, origin: "bottom", xnames: list(…), ynames: list(…)`.
    static func matrix(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let scope = arguments.scope
        let placed = try arguments.value(0)
        guard let tensor = placed.value.asTensor(Double.self), tensor.shape.count == 2,
              tensor.shape[0] > 0, tensor.shape[1] > 0 else {
            throw scope.error(.type, "matrix: values must be a tensor with two axes (rows, columns), got "
                              + describeShape(placed.value), at: placed.range, hint: "reshape a vector with reshape(v, [1, n])")
        }
        let rows = tensor.shape[0], columns = tensor.shape[1]
        guard rows * columns <= GridValues.maximumPoints else {
            throw scope.error(.limit, "matrix: \(rows)×\(columns) entries are more than \(GridValues.maximumPoints)", at: placed.range)
        }
        let scalars = tensor.scalars.map { Double($0) }
        let values = (0..<rows).map { Array(scalars[($0 * columns)..<(($0 + 1) * columns)]) }
        var heatmap = Heatmap(xs: (0..<columns).map(Double.init), ys: (0..<rows).map(Double.init), values: values)
        try applyCellOptions(arguments, to: &heatmap, panel: &panel)

        var atTop = true
        if let origin = arguments.option("origin") {
            atTop = try scope.choose(origin, "origin", of: "matrix", among: [("top", true), ("bottom", false)])
        }
        panel.y.reversed = atTop
        if panel.aspect == .automatic { panel.aspect = .equalUnits }
        try fit(&panel.x, count: columns, names: arguments.option("xnames"), role: "xnames", scope: scope)
        try fit(&panel.y, count: rows, names: arguments.option("ynames"), role: "ynames", scope: scope)
        panel.series.append(.heatmap(heatmap))
    }

    /// The options matrices and heatmaps share: `labels:`, `colormap:`, `classes:`, `names:`.
    static func applyCellOptions(_ arguments: FigureArguments, to heatmap: inout Heatmap, panel: inout Panel) throws {
        let scope = arguments.scope, owner = arguments.owner
        if let map = arguments.option("colormap", "colourmap") { panel.colourMap = try scope.colourMap(map, of: owner) }
        if let placed = arguments.option("labels") { heatmap.labels = try cellLabels(placed, heatmap: heatmap, arguments: arguments) }
        if let placed = arguments.option("classes") { heatmap.isCategorical = try scope.flag(placed, "classes", of: owner) }
        if let placed = arguments.option("names") {
            guard heatmap.isCategorical else {
                throw scope.error(.type, "\(owner): 'names:' needs 'classes: true'", at: placed.range)
            }
            heatmap.classNames = try scope.texts(placed, "names", of: owner)
        }
        if heatmap.isCategorical {
            for value in heatmap.values.joined() where value.isFinite && (value != value.rounded() || Swift.abs(value) >= 1e9) {
                throw scope.error(.type, "\(owner): with 'classes: true' the values must be whole numbers (classes), got "
                                  + FigureScope.describe(value), at: arguments.range)
            }
        }
    }

    /// `labels: true | false | "auto" | numbers` (a tensor of the grid's shape written instead of the values).
    private static func cellLabels(_ placed: PlacedValue, heatmap: Heatmap, arguments: FigureArguments) throws -> CellLabels {
        if let flag = placed.value.bool { return flag ? .values : .hidden }
        if placed.value.string == "auto" { return .automatic }
        let rows = heatmap.ys.count, columns = heatmap.xs.count
        guard let tensor = placed.value.asTensor(Double.self), tensor.scalars.count == rows * columns,
              tensor.shape.count == 2 || rows == 1 || columns == 1 else {
            throw arguments.scope.error(.type, "\(arguments.owner): labels must be true, false, \"auto\" or numbers of shape "
                                        + "[\(rows), \(columns)] (one per cell), got " + describeShape(placed.value), at: placed.range)
        }
        let scalars = tensor.scalars.map { Double($0) }
        return .numbers((0..<rows).map { Array(scalars[($0 * columns)..<(($0 + 1) * columns)]) })
    }

    /// An axis over `count` cells: the cells' edges as its range and a tick per cell
    /// (named, when names are given) unless the panel says otherwise.
    private static func fit(_ axis: inout Axis, count: Int, names: PlacedValue?, role: String, scope: FigureScope) throws {
        if axis.lowerBound == nil, axis.upperBound == nil {
            axis.lowerBound = -0.5
            axis.upperBound = Double(count) - 0.5
        }
        if let names {
            let texts = try scope.texts(names, role, of: "matrix")
            guard texts.count == count else {
                throw scope.error(.shape, "matrix: \(role) has \(texts.count) names for \(count) cells", at: names.range)
            }
            axis.ticks = .explicit(texts.enumerated().map { Tick(Double($0.offset), label: $0.element) })
        } else if axis.ticks == .automatic, count <= 20 {
            axis.ticks = .every(1)
        }
    }

    private static func describeShape(_ value: Value) -> String {
        guard let tensor = value.asTensor(Double.self) else { return value.typeName }
        return "shape \(Shape.describe(tensor.shape))"
    }
}
