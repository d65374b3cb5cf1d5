/// Renders the settings and the plot command of one panel.
struct PanelRenderer {
    let panel: Panel
    /// 1-based position of the panel in its figure, for messages.
    let number: Int
    let figure: String
    var data: DataBlocks
    /// How much text fits in the panel's cell.
    let metrics: TextMetrics
    let terminal: Terminal
    /// Every class of the panel's classed scatters and class regions, sorted: a
    /// class's place here is its colour and marker.
    let classes: [Int]
    private var nextColour = 0
    private var tables: [String] = []

    init(panel: Panel, number: Int, figure: String, data: DataBlocks, metrics: TextMetrics, terminal: Terminal) {
        self.panel = panel
        self.number = number
        self.figure = figure
        self.data = data
        self.metrics = metrics
        self.terminal = terminal
        self.classes = Set(panel.series.flatMap(\.drawing.classLabels)).sorted()
    }

    /// The place of class `label` among the panel's classes.
    func classRank(_ label: Int) -> Int? {
        var low = 0, high = classes.count
        while low < high {
            let middle = (low + high) / 2
            if classes[middle] < label { low = middle + 1 } else { high = middle }
        }
        return low < classes.count && classes[low] == label ? low : nil
    }

    var hasImage: Bool { panel.series.contains(where: \.drawing.isImage) }

    func invalid(_ message: String) -> GnuplotError {
        .invalidFigure(figure: figure, message: "panel \(number): \(message)")
    }

    var isThreeDimensional: Bool {
        panel.series.contains(where: \.drawing.isThreeDimensional)
    }

    /// Whether the y-axis must start at zero so bars are not cut off: the panel
    /// has bars, all of them non-negative, and the y-axis has no lower bound of its own.
    var barsStartAtZero: Bool {
        guard panel.y.lowerBound == nil, !panel.y.reversed, panel.y.scale == .linear else { return false }
        let heights = panel.series.compactMap(\.drawing.barHeights)
        return !heights.isEmpty && !heights.joined().contains { $0 < 0 }
    }

    /// The commands for this panel; empty when the panel has nothing to plot.
    mutating func render(fallbackTitle: String?) throws -> [String] {
        var lines = ["", "# panel \(number)", "reset"]
        lines += houseStyle()
        if let title = panel.title ?? fallbackTitle {
            // A title wider than the cell is wrapped rather than clipped at the edges.
            let limit = metrics.characters(in: metrics.cellWidth, padding: 4)
            lines.append("set title \(GnuplotSyntax.quotedLines(TextMetrics.wrap(title, limit: limit)))")
        }
        lines += try AxisRenderer.commands(for: panel.x, name: "x", panel: number, figure: figure)
        lines += try AxisRenderer.commands(for: panel.y, name: "y", panel: number, figure: figure)
        if barsStartAtZero { lines.append("set yrange [0:\(panel.y.upperBound.map(GnuplotSyntax.number) ?? "*")]") }
        lines += try AxisRenderer.commands(for: panel.colourBar, name: "cb", panel: number, figure: figure)
        if isThreeDimensional { lines += try AxisRenderer.commands(for: panel.z, name: "z", panel: number, figure: figure) }
        lines += try colourCommands()
        lines += marginCommands()
        lines += try aspectCommands()
        lines += try annotationCommands()

        let clauses = try plotClauses(into: &lines)
        if clauses.isEmpty {
            guard panel.series.isEmpty else {
                if panel.x.lowerBound != nil, panel.x.upperBound != nil,
                   panel.y.lowerBound != nil, panel.y.upperBound != nil {
                    return lines + ["plot NaN notitle"]
                }
                throw invalid("intervals need a curve or fixed x and y ranges to be drawn on")
            }
            return []
        }
        let hasTitles = clauses.contains { !$0.hasSuffix(" notitle") }
        lines += hasTitles ? legendCommands() : ["unset key"]
        let verb = isThreeDimensional ? "splot " : "plot "
        lines.append(verb + clauses.joined(separator: ", \\\n     "))
        return lines
    }

    private func houseStyle() -> [String] {
        let ink = Style.ink.hexString
        var lines: [String] = []
        if isThreeDimensional {
            lines.append("set border 31 lc rgb '\(ink)' lw 1")
            lines.append("set tics out scale 0.6 textcolor rgb '\(ink)'")
            lines.append("set xyplane relative 0")
            lines.append("set view 60,30")
        } else {
            lines.append("set border 3 back lc rgb '\(ink)' lw 1")
            lines.append("set tics nomirror out scale 0.6 textcolor rgb '\(ink)'")
        }
        if panel.grid && !hasImage {
            lines.append("set grid back lc rgb '\(Style.gridColour.hexString)' lw 1 dt solid")
        }
        lines.append("set colorbox")
        return lines
    }

    private func aspectCommands() throws -> [String] {
        switch panel.aspect {
        case .automatic: return []
        case .square: return ["set size square"]
        case .equalUnits: return [isThreeDimensional ? "set view equal xy" : "set size ratio -1"]
        case .ratio(let ratio):
            guard ratio.isFinite, ratio > 0 else { throw invalid("aspect ratio must be a positive number") }
            return ["set size ratio \(GnuplotSyntax.number(ratio))"]
        }
    }

    private func legendCommands() -> [String] {
        // Over coloured cells the legend gets the white background of the figure, framed.
        let background = hasImage ? " opaque box lc rgb '\(Style.gridColour.hexString)'" : " nobox"
        let common = " reverse Left samplen 2 spacing 1.1\(background) textcolor rgb '\(Style.ink.hexString)'"
        switch resolvedLegendPlacement {
        case .hidden: return ["unset key"]
        case .topLeft: return ["set key inside top left" + common]
        case .topRight, .automatic: return ["set key inside top right" + common]
        case .bottomLeft: return ["set key inside bottom left" + common]
        case .bottomRight: return ["set key inside bottom right" + common]
        case .outsideRight: return ["set key outside right top vertical" + common]
        case .below:
            guard !isThreeDimensional else { return ["set key below center horizontal" + common] }
            let layout = belowLegendLayout()
            return ["set bmargin \(GnuplotSyntax.number(layout.margin))",
                    "set key below center horizontal maxcols \(layout.columns)" + common]
        }
    }

    /// Where the legend goes, with `.automatic` resolved to a corner.
    var resolvedLegendPlacement: LegendPlacement {
        guard panel.legend == .automatic, !isThreeDimensional else { return panel.legend }
        let notes = panel.annotations.compactMap { annotation -> LegendPlacement? in
            guard case .note(_, let corner) = annotation else { return nil }
            switch corner {
            case .automatic: return nil
            case .topLeft: return .topLeft
            case .topRight: return .topRight
            case .bottomLeft: return .bottomLeft
            case .bottomRight: return .bottomRight
            }
        }
        return LegendChooser.leastCrowdedCorner(of: panel, excluding: notes)
    }

    /// The legend entries of the panel, as they will be listed.
    var legendEntries: [String] { panel.series.flatMap(\.drawing.legendTitles) }

    /// Columns of a legend below the plot and the bottom margin (in character heights)
    /// that holds tick labels, the x label and all legend rows, so none overlap.
    /// The columns are a generous estimate of what fits, given to gnuplot as `maxcols`,
    /// so gnuplot never uses more rows than reserved.
    func belowLegendLayout() -> (columns: Int, rows: Int, margin: Double) {
        let entries = legendEntries
        let widest = entries.map(\.unicodeScalars.count).max() ?? 1
        // gnuplot fits columns of sample (samplen 2), gaps and text into the width of
        // the plot: the cell less the y-axis margin (and the colour box of a heatmap).
        let columnCharacters = Double(widest + 6)
        let hasColourBox = hasImage
        let available = Double(metrics.characters(in: metrics.cellWidth, padding: hasColourBox ? 25 : 13))
        let columns = max(1, min(max(entries.count, 1), Int(available / columnCharacters)))
        let rows = (max(entries.count, 1) + columns - 1) / columns
        let ticks = panel.x.ticks == .hidden ? 0.5 : 1.5
        let label = panel.x.label == nil ? 0 : 1.6
        let margin = (ticks + label + 1.2 * Double(rows) + 0.8) * 10
        return (columns, rows, margin.rounded(.up) / 10)
    }

    /// Resolves a series colour, advancing the automatic colour cycle.
    mutating func colour(_ choice: SeriesColour) -> String {
        switch choice {
        case .automatic:
            defer { nextColour += 1 }
            return Style.paletteColour(nextColour).hexString
        case .palette(let index):
            return Style.paletteColour(index).hexString
        case .rgb(let colour):
            return colour.hexString
        }
    }

    /// Makes the automatic cycle skip the first `count` palette colours.
    mutating func reservePaletteColours(_ count: Int) {
        nextColour = max(nextColour, count)
    }

    func lineStyle(_ style: LineStyle, colour: String) throws -> String {
        guard style.width.isFinite, style.width > 0, style.width <= 100 else {
            throw invalid("line width must be between 0 and 100")
        }
        return "lw \(GnuplotSyntax.number(style.width)) \(style.dash.gnuplot) lc rgb '\(colour)'"
    }
}
