/// Series: their order and their clauses of the `plot` command (each kind draws
/// itself, see Series/), and the checks and data blocks the kinds share.
extension PanelRenderer {
    /// The plot clauses of all series, lower layers first; commands that must run
    /// before the plot (contour tables) are appended to `lines`.
    mutating func plotClauses(into lines: inout [String]) throws -> [String] {
        if isThreeDimensional {
            let onlySurfaces = panel.series.allSatisfy(\.drawing.isThreeDimensional)
            guard onlySurfaces else { throw invalid("a panel with a surface can hold only surfaces") }
        }
        let ordered = panel.series.enumerated().sorted {
            ($0.element.drawing.layer, $0.offset) < ($1.element.drawing.layer, $1.offset)
        }
        try checkSomePointIsFinite()
        var clauses: [String] = []
        for (offset, series) in ordered {
            clauses += try series.drawing.clauses(number: offset + 1, renderer: &self, lines: &lines)
        }
        return clauses
    }

    func title(_ text: String?) -> String {
        text.map { "title \(GnuplotSyntax.quoted($0))" } ?? "notitle"
    }

    func checkLengths(_ what: String, _ columns: [(String, Int)]) throws {
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
            // Other series give gnuplot a range of their own.
            guard let plotted = series.drawing.plottedPoints else { return }
            points.append(plotted)
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
    mutating func matrixBlock(_ what: String, xs: [Double], ys: [Double], values: [[Double]]) throws -> String {
        try checkGrid(what, xs: xs, ys: ys, values: values)
        let header = [Double(xs.count)] + xs
        return try data.add([header] + zip(ys, values).map { [$0] + $1 })
    }
}
