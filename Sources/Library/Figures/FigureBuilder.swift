import Gnuplot
import Language
import TensorCore

/// A figure built from its declaration, with the image format it asked for.
struct BuiltFigure {
    var figure: Figure
    /// `format:` of the figure, overriding the run's format; nil when not given.
    var format: OutputSettings.ImageFormat?
}

/// Builds a Gnuplot `Figure` from `figure "name" (options) { … }`.
struct FigureBuilder {
    static let figureOptions = ["title", "size", "layout", "format", "style"]

    let scope: FigureScope

    func build(_ declaration: FigureDecl) throws -> BuiltFigure {
        let options = try FigureArguments(declaration.options, owner: "figure options", range: declaration.range, scope: scope)
        try options.checkOptions(Self.figureOptions + PanelOptions.names)
        try options.checkCount(0, 0, usage: "figure \"name\" (title: \"…\", xlabel: \"x\") { … }")
        var template = Panel()
        try PanelOptions.apply(options, to: &template)
        var figure = Figure(name: scope.name, panel: template)
        if let title = options.option("title") { figure.title = try scope.text(title, "title", of: "figure") }
        if let size = options.option("size") {
            let (width, height) = try pair(size, "size", within: 16...20000, example: "640x400")
            figure.size = PixelSize(width: width, height: height)
        }
        if let style = options.option("style") {
            figure.style = try scope.choose(style, "style", of: "figure", among: FigureStyle.allCases.map { ($0.rawValue, $0) })
        }
        var built = BuiltFigure(figure: figure)
        if let format = options.option("format") { built.format = try scope.imageFormat(format, of: "figure") }

        let panels = declaration.items.compactMap { item -> PanelDecl? in
            if case .panel(let panel) = item { return panel } else { return nil }
        }
        let commands = declaration.items.compactMap { item -> Command? in
            if case .command(let command) = item { return command } else { return nil }
        }
        if panels.isEmpty {
            guard !commands.isEmpty else {
                throw scope.error(.runtime, "the figure draws nothing", hint: "add a line such as: line x, y")
            }
            for command in commands { try SeriesCommands.apply(command, to: &built.figure.panels[0], scope: scope) }
        } else {
            if let stray = commands.first {
                throw scope.error(.type, "'\(stray.name.name)' is outside the panels", at: stray.range,
                                  hint: "a figure with panels draws only inside them; move it into a panel")
            }
            built.figure.panels = try panels.map { try panel($0, template: template) }
        }
        built.figure.layout = try layout(options.option("layout"), panelCount: built.figure.panels.count)
        return built
    }

    /// One `panel "title" (options) { … }`.
    private func panel(_ declaration: PanelDecl, template: Panel) throws -> Panel {
        let titleValue = try scope.context.evaluate(declaration.title)
        let title = try scope.text(PlacedValue(value: titleValue, range: declaration.range), "the panel title", of: "panel")
        let options = try FigureArguments(declaration.options, owner: "panel \"\(title)\"", range: declaration.range, scope: scope)
        try options.checkOptions(PanelOptions.names)
        try options.checkCount(0, 0, usage: "panel \"title\" (xlabel: \"x\") { … }")
        var panel = template
        panel.title = title
        try PanelOptions.apply(options, to: &panel)
        for command in declaration.commands { try SeriesCommands.apply(command, to: &panel, scope: scope) }
        return panel
    }

    /// `layout: 2x3` (rows × columns), or a near-square grid that fits the panels.
    private func layout(_ placed: PlacedValue?, panelCount: Int) throws -> Layout {
        guard let placed else {
            if panelCount <= 1 { return .single }
            if panelCount <= 3 { return Layout(rows: 1, columns: panelCount) }
            var columns = 1
            while columns * columns < panelCount { columns += 1 }
            return Layout(rows: (panelCount + columns - 1) / columns, columns: columns)
        }
        let (rows, columns) = try pair(placed, "layout", within: 1...20, example: "2x3")
        guard panelCount <= rows * columns else {
            throw scope.error(.shape, "\(panelCount) panels do not fit layout \(rows)x\(columns)", at: placed.range,
                              hint: "layout is rows x columns")
        }
        return Layout(rows: rows, columns: columns)
    }

    /// Two whole numbers such as `640x400`.
    private func pair(_ placed: PlacedValue, _ role: String, within limits: ClosedRange<Int>, example: String) throws -> (Int, Int) {
        let values = (placed.value.asTensor(Double.self)?.scalars ?? []).map { Double($0) }
        guard values.count == 2, values.allSatisfy({ $0 == $0.rounded() && limits.contains(Int(exactly: $0) ?? -1) }) else {
            throw scope.error(.type, "\(role) must be two whole numbers from \(limits.lowerBound) to \(limits.upperBound), like \(example)",
                              at: placed.range)
        }
        return (Int(values[0]), Int(values[1]))
    }
}
