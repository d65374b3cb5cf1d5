import Foundation

/// The colour bar of a panel with image series: its palette, its range, and the
/// colour each cell gets (for labels that must read on it).
extension PanelRenderer {
    /// The palette and, for class regions, their range and ticks.
    func colourCommands() throws -> [String] {
        guard !classes.isEmpty, panel.series.contains(where: { !$0.drawing.classLabels.isEmpty && $0.drawing.isImage }) else {
            var lines = [panel.colourMap.gnuplot]
            if let range = colourRange, panel.colourBar.lowerBound == nil || panel.colourBar.upperBound == nil {
                // Fixed to the data rather than gnuplot's rounding out, so labels know each cell's colour.
                lines.append("set cbrange [\(GnuplotSyntax.number(range.low)):\(GnuplotSyntax.number(range.high))]"
                    + (panel.colourBar.reversed ? " reverse" : ""))
            }
            return lines
        }
        guard panel.series.allSatisfy({ !$0.drawing.isImage || !$0.drawing.classLabels.isEmpty || $0.drawing.colourValues.isEmpty }) else {
            throw invalid("class regions cannot share a panel with a heatmap of values (one colour bar)")
        }
        // One step of each class's tint per unit, classes at the whole numbers 0, 1, 2 ….
        let steps = classes.indices.map { index in
            let tint = Style.classTint(index).hexString
            return "\(index) '\(tint)', \(index + 1) '\(tint)'"
        }
        var lines = ["set palette defined (\(steps.joined(separator: ", ")))",
                     "set cbrange [-0.5:\(GnuplotSyntax.number(Double(classes.count) - 0.5))]"]
        if panel.colourBar.ticks == .automatic {
            let names = panel.series.lazy.compactMap { ($0.drawing as? Heatmap)?.classNames }.first ?? []
            let ticks = classes.enumerated().map { rank, label in
                let text = rank < names.count ? names[rank] : String(label)
                return "\(GnuplotSyntax.quoted(text)) \(rank)"
            }
            lines.append("set cbtics scale 0 (\(ticks.joined(separator: ", ")))")
        }
        return lines
    }

    /// The colour bar's range: its fixed bounds, and the data's extent for a missing one.
    var colourRange: (low: Double, high: Double)? {
        let values = panel.series.flatMap(\.drawing.colourValues).filter { value in
            if case .logarithmic = panel.colourBar.scale { return value.isFinite && value > 0 }
            return value.isFinite
        }
        guard let low = panel.colourBar.lowerBound ?? values.min(),
              let high = panel.colourBar.upperBound ?? values.max() else { return nil }
        if low < high { return (low, high) }
        // One value everywhere: a range around it, as gnuplot would widen it.
        let pad = low == 0 ? 1 : abs(low) * 0.1
        return panel.colourBar.upperBound != nil ? (high - 2 * pad, high) : (low, low + 2 * pad)
    }

    /// The colour that reads on a cell of `value`: white on dark cells, the house ink on light ones.
    func cellLabelColour(value: Double, categorical: Bool) -> Colour {
        if categorical {
            guard let label = Int(exactly: value), let rank = classRank(label) else { return Style.ink }
            return Style.classTint(rank).contrastingText
        }
        guard let range = colourRange else { return Style.ink }
        var fraction: Double
        if case .logarithmic = panel.colourBar.scale {
            fraction = value > 0 ? (log(value) - log(range.low)) / (log(range.high) - log(range.low)) : 0
        } else {
            fraction = (value - range.low) / (range.high - range.low)
        }
        if panel.colourBar.reversed { fraction = 1 - fraction }
        return panel.colourMap.colour(at: fraction).contrastingText
    }

    /// About how large (in points, as pixels) one cell of a `columns` × `rows` grid is
    /// drawn: the panel's cell less its margins — tick labels and axis labels where
    /// there are any, the colour box with its labels on the right, the title on top.
    func estimatedCellSize(columns: Int, rows: Int) -> (width: Double, height: Double) {
        let character = metrics.characterWidth, line = metrics.fontSize * 1.3
        let left = (panel.y.ticks == .hidden ? 2 : 7) + (panel.y.label == nil ? 0 : 2.5)
        let right = 9 + (panel.colourBar.label == nil ? 0 : 2.5)
        let below = (panel.x.ticks == .hidden ? 0.5 : 1.5) + (panel.x.label == nil ? 0 : 1.5)
        let above = panel.title == nil ? 1 : 2.5
        var width = metrics.cellWidth - character * (left + right)
        var height = metrics.cellHeight - line * (below + above)
        if panel.aspect == .equalUnits || panel.aspect == .square {
            let side = min(width / Double(max(columns, 1)), height / Double(max(rows, 1)))
            width = side * Double(columns)
            height = side * Double(rows)
        }
        return (max(width, 0) / Double(max(columns, 1)), max(height, 0) / Double(max(rows, 1)))
    }
}
