import Gnuplot
import Language

/// One command of a figure or panel body, such as `line x, y, title: "fit"`.
struct SeriesCommand {
    let name: String
    /// How to write it, shown when its values are missing.
    let usage: String
    let options: [String]
    let minimum: Int
    let maximum: Int
    /// Adds the command's series or annotations to the panel.
    let apply: (FigureArguments, inout Panel) throws -> Void
}

/// The commands a figure body understands, and their dispatch.
enum SeriesCommands {
    static let lineOptions = ["title", "color", "colour", "width", "dash"]

    static let all: [SeriesCommand] = [
        SeriesCommand(name: "line", usage: "line x, y, title: \"fit\"", options: lineOptions,
                      minimum: 2, maximum: 2, apply: line),
        SeriesCommand(name: "curve", usage: "curve run.history.loss   or   curve x, y", options: lineOptions,
                      minimum: 1, maximum: 2, apply: curve),
        SeriesCommand(name: "scatter", usage: "scatter x, y, classes: labels",
                      options: ["title", "color", "colour", "marker", "size", "classes", "names"],
                      minimum: 2, maximum: 2, apply: scatter),
        SeriesCommand(name: "band", usage: "band x, lower, upper", options: ["title", "color", "colour", "opacity"],
                      minimum: 3, maximum: 3, apply: band),
        SeriesCommand(name: "regions", usage: "regions joints, labels: list(\"a\", \"b\")", options: ["labels"],
                      minimum: 1, maximum: 1, apply: regions),
        SeriesCommand(name: "bars", usage: "bars x, heights", options: ["title", "color", "colour", "width"],
                      minimum: 2, maximum: 2, apply: bars),
        SeriesCommand(name: "heatmap", usage: "heatmap xs, ys, (a, b) -> f(a, b)",
                      options: ["colormap", "colourmap", "labels", "classes", "names"], minimum: 3, maximum: 3, apply: heatmap),
        SeriesCommand(name: "matrix", usage: "matrix counts, labels: true", options: matrixOptions,
                      minimum: 1, maximum: 1, apply: matrix),
        SeriesCommand(name: "contour", usage: "contour xs, ys, values, levels: 10",
                      options: ["levels"] + lineOptions, minimum: 3, maximum: 3, apply: contour),
        SeriesCommand(name: "surface", usage: "surface xs, ys, (a, b) -> f(a, b)",
                      options: ["title", "wireframe", "colormap", "colourmap"], minimum: 3, maximum: 3, apply: surface),
        SeriesCommand(name: "hline", usage: "hline 0, label: \"y = 0\"",
                      options: ["label", "title", "color", "colour", "width", "dash"], minimum: 1, maximum: 1, apply: hline),
        SeriesCommand(name: "vline", usage: "vline 0.5, label: \"joint\"",
                      options: ["label", "title", "color", "colour", "width", "dash"], minimum: 1, maximum: 1, apply: vline),
        SeriesCommand(name: "text", usage: "text \"label\", x, y", options: ["align", "color", "colour", "size"], minimum: 3, maximum: 3, apply: text),
        SeriesCommand(name: "note", usage: "note \"label\", corner: \"top left\"", options: ["corner"],
                      minimum: 1, maximum: 1, apply: note),
        SeriesCommand(name: "arrow", usage: "arrow x1, y1, x2, y2", options: ["color", "colour", "width", "dash"],
                      minimum: 4, maximum: 4, apply: arrow),
        SeriesCommand(name: "loss", usage: "loss run, metrics: list(\"loss\")", options: ["metrics", "title", "width"],
                      minimum: 1, maximum: 1, apply: loss),
    ]

    /// Evaluates `command` and adds what it draws to `panel`.
    static func apply(_ command: Command, to panel: inout Panel, scope: FigureScope) throws {
        try scope.context.checkCancellation()
        let name = command.name.name
        guard let definition = all.first(where: { $0.name == name }) else {
            let names = all.map(\.name)
            let guess = Suggestions.didYouMean(name, among: names)
            throw scope.error(.name, "unknown figure command '\(name)'", at: command.name.range,
                              hint: (guess.map { "\($0); " } ?? "") + "figures draw with \(names.joined(separator: ", "))")
        }
        let arguments = try FigureArguments(command.arguments, owner: name, range: command.range, scope: scope)
        try arguments.checkOptions(definition.options)
        try arguments.checkCount(definition.minimum, definition.maximum, usage: definition.usage)
        try definition.apply(arguments, &panel)
    }
}

extension FigureArguments {
    /// The positional argument at `index` as a vector of numbers called `role`.
    func numbers(_ index: Int, _ role: String) throws -> [Double] {
        try scope.numbers(try value(index), role, of: owner)
    }

    /// The positional argument at `index` as a finite number called `role`.
    func position(_ index: Int, _ role: String) throws -> Double {
        try scope.finiteNumber(try value(index), role, of: owner)
    }

    /// The optional string option `label`.
    func text(_ labels: String...) throws -> String? {
        guard let label = labels.first(where: { option($0) != nil }), let placed = option(label) else { return nil }
        return try scope.text(placed, label, of: owner)
    }

    /// The `colour:`/`color:` option, `.automatic` when absent.
    func colour() throws -> SeriesColour {
        guard let placed = option("colour", "color") else { return .automatic }
        return try scope.colour(placed, of: owner)
    }

    /// The line style from `colour:`, `width:` and `dash:`.
    func lineStyle(defaultWidth: Double = 2) throws -> LineStyle {
        var style = LineStyle(colour: try colour(), width: defaultWidth)
        if let width = option("width") { style.width = try scope.positiveNumber(width, "width", of: owner) }
        if let dash = option("dash") { style.dash = try scope.dash(dash, of: owner) }
        return style
    }

    /// Requires equal lengths of the named vectors; the message names every length.
    func checkSameLength(_ vectors: [(String, [Double])]) throws {
        guard let first = vectors.first, vectors.contains(where: { $0.1.count != first.1.count }) else {
            guard let first = vectors.first, first.1.isEmpty else { return }
            throw scope.error(.shape, "\(owner): \(first.0) has no values", at: range)
        }
        let counts = vectors.map { "\($0.0) has \($0.1.count) value\($0.1.count == 1 ? "" : "s")" }
        throw scope.error(.shape, "\(owner): lengths differ: \(counts.joined(separator: ", "))", at: range,
                          hint: "every \(vectors.map(\.0).joined(separator: "/")) value pairs with one of the others")
    }
}
