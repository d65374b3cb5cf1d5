/// Automatic ranges of linear axes: the data's own extent with a margin, instead of
/// gnuplot's rounding out to the next tick (which draws accuracies of 0.9–1.0 on 0–1).
/// Logarithmic axes keep gnuplot's whole decades, so that they have labelled ticks.
extension PanelRenderer {
    /// The fraction of the plot left free above and below the data.
    static let dataMargin = 0.05
    /// The fraction left free left and right of scattered points, so the outer ones are whole.
    static let pointMargin = 0.03

    func marginCommands() -> [String] {
        // Images set their own tight ranges; 3-D plots keep gnuplot's box.
        guard !isThreeDimensional, !hasImage else { return [] }
        var lines: [String] = []
        var offsets = ["0", "0", "0", "0"] // left, right, top, bottom
        let x = panel.x, y = panel.y
        let hasBars = panel.series.contains { $0.drawing.barHeights != nil }
        if x.lowerBound == nil || x.upperBound == nil, !hasBars, x.scale == .linear {
            lines.append("set autoscale xfix")
            if panel.series.contains(where: { $0.drawing is Scatter }) {
                let margin = "graph \(GnuplotSyntax.number(Self.pointMargin))"
                if x.lowerBound == nil { offsets[x.reversed ? 1 : 0] = margin }
                if x.upperBound == nil { offsets[x.reversed ? 0 : 1] = margin }
            }
        }
        if y.lowerBound == nil || y.upperBound == nil, y.scale == .linear {
            lines.append("set autoscale yfix")
            let margin = "graph \(GnuplotSyntax.number(Self.dataMargin))"
            // Bars that start at zero stand on the axis: no margin below them.
            if y.lowerBound == nil, !barsStartAtZero { offsets[y.reversed ? 2 : 3] = margin }
            if y.upperBound == nil { offsets[y.reversed ? 3 : 2] = margin }
        }
        if offsets.contains(where: { $0 != "0" }) { lines.append("set offsets " + offsets.joined(separator: ", ")) }
        return lines
    }
}
