/// Series: their datablocks and their clauses of the `plot` command.
extension PanelRenderer {
    /// Drawing layer of a series: lower layers go first, behind the others.
    private static func layer(of series: Series) -> Int {
        switch series {
        case .heatmap, .surface: return 0
        case .intervals: return 1
        case .band: return 2
        case .bars: return 3
        case .contour: return 4
        case .line, .scatter: return 5
        }
    }

    /// The plot clauses of all series; commands that must run before the plot
    /// (contour tables) are appended to `lines`.
    mutating func plotClauses(into lines: inout [String]) throws -> [String] {
        if isThreeDimensional {
            let onlySurfaces = panel.series.allSatisfy { if case .surface = $0 { return true } else { return false } }
            guard onlySurfaces else { throw invalid("a panel with a surface can hold only surfaces") }
        }
        let ordered = panel.series.enumerated().sorted {
            (Self.layer(of: $0.element), $0.offset) < (Self.layer(of: $1.element), $1.offset)
        }
        try checkSomePointIsFinite()
        var clauses: [String] = []
        for (offset, series) in ordered {
            clauses += try self.clauses(for: series, number: offset + 1, into: &lines)
        }
        return clauses
    }

    private func title(_ text: String?) -> String {
        text.map { "title \(GnuplotSyntax.quoted($0))" } ?? "notitle"
    }

    private func checkLengths(_ what: String, _ columns: [(String, Int)]) throws {
        guard let first = columns.first else { return }
        guard first.1 > 0 else { throw invalid("\(what) has no points") }
        for column in columns.dropFirst() where column.1 != first.1 {
            throw invalid("\(what): \(first.0) has \(first.1) values but \(column.0) has \(column.1)")
        }
    }

    /// A panel of lines and scatters none of which has a point with a finite
    /// x and y draws nothing, and gnuplot would only say "all points y value
    /// undefined": say what is wrong instead.
    private func checkSomePointIsFinite() throws {
        var points: [(xs: [Double], ys: [Double])] = []
        for series in panel.series {
            switch series {
            case .line(let line): points.append((line.xs, line.ys))
            case .scatter(let scatter): points.append((scatter.xs, scatter.ys))
            default: return  // other series give gnuplot a range of their own
            }
        }
        guard !points.isEmpty, !points.contains(where: { zip($0.xs, $0.ys).contains { $0.isFinite && $1.isFinite } }) else { return }
        let count = points.reduce(0) { $0 + $1.xs.count }
        throw invalid("none of its \(count) points has a finite x and y (they are NaN or infinite)")
    }

    /// Checks that a grid has finite coordinates and one value per point.
    private func checkGrid(_ what: String, xs: [Double], ys: [Double], values: [[Double]]) throws {
        guard xs.count >= 2, ys.count >= 2 else { throw invalid("\(what) needs at least 2 xs and 2 ys") }
        guard xs.allSatisfy(\.isFinite), ys.allSatisfy(\.isFinite) else {
            throw invalid("\(what): grid coordinates must be finite")
        }
        guard values.count == ys.count, values.allSatisfy({ $0.count == xs.count }) else {
            throw invalid("\(what): values must be \(ys.count) rows (one per y) of \(xs.count) values (one per x)")
        }
    }

    /// A grid as gnuplot's `nonuniform matrix`: a first row with the column
    /// count and the xs, then one row per y with its values — a third of
    /// the size of x-y-z triples, which matters for committed figures.
    private mutating func matrixBlock(_ what: String, xs: [Double], ys: [Double], values: [[Double]]) throws -> String {
        _ = try checkGrid(what, xs: xs, ys: ys, values: values)
        let header = [Double(xs.count)] + xs
        return try data.add([header] + zip(ys, values).map { [$0] + $1 })
    }

    private mutating func clauses(for series: Series, number: Int, into lines: inout [String]) throws -> [String] {
        switch series {
        case .line(let line):
            let what = "series \(number) (line)"
            try checkLengths(what, [("xs", line.xs.count), ("ys", line.ys.count)])
            let block = try data.add(columns: [line.xs, line.ys])
            let style = try lineStyle(line.style, colour: colour(line.style.colour))
            return ["\(block) using 1:2 with lines \(style) \(title(line.title))"]

        case .scatter(let scatter):
            return try scatterClauses(scatter, what: "series \(number) (scatter)")

        case .band(let band):
            let what = "series \(number) (band)"
            try checkLengths(what, [("xs", band.xs.count), ("lower", band.lower.count), ("upper", band.upper.count)])
            guard band.opacity.isFinite, (0...1).contains(band.opacity) else { throw invalid("\(what): opacity must be in 0...1") }
            let block = try data.add(columns: [band.xs, band.lower, band.upper])
            return ["\(block) using 1:2:3 with filledcurves fillcolor rgb '\(colour(band.colour))' "
                + "fillstyle transparent solid \(GnuplotSyntax.number(band.opacity)) noborder \(title(band.title))"]

        case .intervals:
            return [] // drawn as rectangles, see annotationCommands()

        case .heatmap(let heatmap):
            let block = try matrixBlock("series \(number) (heatmap)", xs: heatmap.xs, ys: heatmap.ys, values: heatmap.values)
            if panel.x.lowerBound == nil, panel.x.upperBound == nil { lines.append("set autoscale xfix") }
            if panel.y.lowerBound == nil, panel.y.upperBound == nil { lines.append("set autoscale yfix") }
            return ["\(block) nonuniform matrix with image notitle"]

        case .contour(let contour):
            let what = "series \(number) (contour)"
            let block = try matrixBlock(what, xs: contour.xs, ys: contour.ys, values: contour.values)
            let table = data.reserveName(prefix: "contour")
            lines += [try levelsCommand(contour.levels, what: what), "set contour base", "unset surface",
                      "set table \(table)", "splot \(block) nonuniform matrix with lines notitle",
                      "unset table", "unset contour", "set surface"]
            let style = try lineStyle(contour.style, colour: colour(contour.style.colour))
            return ["\(table) using 1:2 with lines \(style) \(title(contour.title))"]

        case .surface(let surface):
            let block = try matrixBlock("series \(number) (surface)", xs: surface.xs, ys: surface.ys, values: surface.values)
            switch surface.look {
            case .coloured:
                return ["\(block) nonuniform matrix with pm3d \(title(surface.title))"]
            case .wireframe:
                lines.append("set hidden3d")
                return ["\(block) nonuniform matrix with lines lw 1 lc rgb '\(colour(.automatic))' \(title(surface.title))"]
            }

        case .bars(let bars):
            let what = "series \(number) (bars)"
            try checkLengths(what, [("xs", bars.xs.count), ("heights", bars.heights.count)])
            let block = try data.add(columns: [bars.xs, bars.heights])
            var using = "using 1:2"
            if let width = bars.width {
                guard width.isFinite, width > 0 else { throw invalid("\(what): bar width must be positive") }
                using = "using 1:2:(\(GnuplotSyntax.number(width)))"
            } else {
                lines.append("set boxwidth 0.85 relative")
            }
            return ["\(block) \(using) with boxes fillcolor rgb '\(colour(bars.colour))' "
                + "fillstyle solid 0.8 border lc rgb 'white' \(title(bars.title))"]
        }
    }

    private func levelsCommand(_ levels: ContourLevels, what: String) throws -> String {
        switch levels {
        case .automatic(let count):
            guard (1...100).contains(count) else { throw invalid("\(what): between 1 and 100 levels") }
            return "set cntrparam levels auto \(count)"
        case .explicit(let values):
            guard !values.isEmpty, values.allSatisfy(\.isFinite) else {
                throw invalid("\(what): contour levels must be finite numbers")
            }
            return "set cntrparam levels discrete " + values.map(GnuplotSyntax.number).joined(separator: ",")
        }
    }

    private mutating func scatterClauses(_ scatter: Scatter, what: String) throws -> [String] {
        try checkLengths(what, [("xs", scatter.xs.count), ("ys", scatter.ys.count)])
        guard scatter.pointSize.isFinite, scatter.pointSize > 0, scatter.pointSize <= 20 else {
            throw invalid("\(what): point size must be between 0 and 20")
        }
        let size = "ps \(GnuplotSyntax.number(scatter.pointSize))"
        guard let classes = scatter.classes else {
            let block = try data.add(columns: [scatter.xs, scatter.ys])
            let marker = (scatter.marker ?? .circle).pointType
            return ["\(block) using 1:2 with points pt \(marker) \(size) lc rgb '\(colour(scatter.colour))' "
                + title(scatter.title)]
        }
        try checkLengths(what, [("xs", scatter.xs.count), ("classes", classes.count)])
        // One pass groups the points by class: filtering once per class would cost points × classes.
        let members = Dictionary(grouping: classes.indices, by: { classes[$0] })
        let distinct = members.keys.sorted()
        reservePaletteColours(distinct.count)
        var clauses: [String] = []
        for (rank, label) in distinct.enumerated() {
            let indices = members[label] ?? []
            let block = try data.add(columns: [indices.map { scatter.xs[$0] }, indices.map { scatter.ys[$0] }])
            let name: String
            if let names = scatter.classNames, rank < names.count {
                name = names[rank]
            } else {
                name = scatter.title.map { "\($0) \(label)" } ?? "class \(label)"
            }
            let marker = Marker.allCases[rank % Marker.allCases.count].pointType
            clauses.append("\(block) using 1:2 with points pt \(marker) \(size) "
                + "lc rgb '\(Style.paletteColour(rank).hexString)' \(title(name))")
        }
        return clauses
    }
}
