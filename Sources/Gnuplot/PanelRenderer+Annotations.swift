/// Annotations and shaded intervals: gnuplot labels, arrows and rectangles.
extension PanelRenderer {
    func annotationCommands() throws -> [String] {
        var lines: [String] = []
        var tint = 0
        for series in panel.series {
            lines += try series.drawing.backgroundCommands(renderer: self, tint: &tint)
        }
        for annotation in panel.annotations {
            lines += try commands(for: annotation)
        }
        return lines
    }

    private func finite(_ values: Double..., what: String) throws {
        guard values.allSatisfy(\.isFinite) else { throw invalid("\(what) must be at finite coordinates") }
    }

    /// An x position: `first v`, or the left or right edge for an infinite bound.
    private func xPosition(_ value: Double) -> String {
        guard value.isInfinite else { return "first \(GnuplotSyntax.number(value))" }
        let atLeft = (value < 0) != panel.x.reversed
        return atLeft ? "graph 0" : "graph 1"
    }

    /// A shaded x-interval and its label.
    func intervalCommands(_ interval: XInterval, tint: Colour) throws -> [String] {
        let low = interval.lowerBound, high = interval.upperBound
        guard !low.isNaN, !high.isNaN, low < high else {
            throw invalid("an x-interval needs a lower bound below its upper bound")
        }
        var lines = ["set object rect from \(xPosition(low)), graph 0 to \(xPosition(high)), graph 1 "
            + "behind fillcolor rgb '\(tint.hexString)' fillstyle solid 1.0 noborder"]
        if let label = interval.label {
            let text = GnuplotSyntax.quoted(label)
            let ink = Style.ink.hexString
            if let (left, right) = visibleXRange() {
                // The label goes in the middle of the part of the interval that is drawn.
                let from = max(low, left), to = min(high, right)
                guard from < to else { return lines } // not in view: no label outside the plot
                let middle: Double
                if case .logarithmic = panel.x.scale { middle = (from * to).squareRoot() } else { middle = from + (to - from) / 2 }
                lines.append("set label \(text) at first \(GnuplotSyntax.number(middle)), graph 0.95 center front textcolor rgb '\(ink)'")
                return lines
            }
            // Without a known range, a half-open interval's label sits inside it, next to its finite end.
            let towardsHigh = panel.x.reversed ? "right offset character -0.5,0" : "left offset character 0.5,0"
            let towardsLow = panel.x.reversed ? "left offset character 0.5,0" : "right offset character -0.5,0"
            let position: String
            switch (low.isFinite, high.isFinite) {
            case (true, true): position = "at first \(GnuplotSyntax.number((low + high) / 2)), graph 0.95 center"
            case (true, false): position = "at first \(GnuplotSyntax.number(low)), graph 0.95 \(towardsHigh)"
            case (false, true): position = "at first \(GnuplotSyntax.number(high)), graph 0.95 \(towardsLow)"
            case (false, false): position = "at graph 0.5, graph 0.95 center"
            }
            lines.append("set label \(text) \(position) front textcolor rgb '\(ink)'")
        }
        return lines
    }

    /// The x-range the panel shows: its fixed bounds, else (for a missing bound) the
    /// extent of the other series' data; `nil` when neither says.
    func visibleXRange() -> (Double, Double)? {
        var low = panel.x.lowerBound, high = panel.x.upperBound
        if low == nil || high == nil {
            let xs = panel.series.flatMap(\.drawing.xExtent)
            let usable = xs.filter { value in
                if case .logarithmic = panel.x.scale { return value.isFinite && value > 0 }
                return value.isFinite
            }
            low = low ?? usable.min()
            high = high ?? usable.max()
        }
        guard let low, let high, low < high else { return nil }
        return (low, high)
    }

    /// The colour of an annotation: the house ink unless one is given (never the series cycle).
    private func annotationColour(_ colour: SeriesColour) -> String {
        switch colour {
        case .automatic: return Style.ink.hexString
        case .palette(let index): return Style.paletteColour(index).hexString
        case .rgb(let rgb): return rgb.hexString
        }
    }

    private func referenceStyle(_ style: LineStyle?) throws -> String {
        let style = style ?? LineStyle(width: 1, dash: .dashed)
        return try lineStyle(style, colour: annotationColour(style.colour))
    }

    private func commands(for annotation: Annotation) throws -> [String] {
        let ink = Style.ink.hexString
        switch annotation {
        case .verticalLine(let x, let label, let style):
            try finite(x, what: "a vertical line")
            let at = GnuplotSyntax.number(x)
            var lines = ["set arrow from first \(at), graph 0 to first \(at), graph 1 nohead front \(try referenceStyle(style))"]
            if let label {
                lines.append("set label \(GnuplotSyntax.quoted(label)) at first \(at), graph 0.95 left "
                    + "offset character 0.5,0 front textcolor rgb '\(ink)'")
            }
            return lines
        case .horizontalLine(let y, let label, let style):
            try finite(y, what: "a horizontal line")
            let at = GnuplotSyntax.number(y)
            var lines = ["set arrow from graph 0, first \(at) to graph 1, first \(at) nohead front \(try referenceStyle(style))"]
            if let label {
                lines.append("set label \(GnuplotSyntax.quoted(label)) at graph 0.98, first \(at) right "
                    + "offset character 0,0.6 front textcolor rgb '\(ink)'")
            }
            return lines
        case .text(let text, let point, let alignment, let colour, let size):
            try finite(point.x, point.y, what: "a text label")
            var font = ""
            if let size {
                guard size.isFinite, (1...200).contains(size) else { throw invalid("text size must be between 1 and 200 points") }
                font = " font ',\(GnuplotSyntax.number(size))'"
            }
            return ["set label \(GnuplotSyntax.quoted(text)) at first \(GnuplotSyntax.number(point.x)), "
                + "first \(GnuplotSyntax.number(point.y)) \(alignment.gnuplot)\(font) front "
                + "textcolor rgb '\(annotationColour(colour))'"]
        case .note(let text, let corner):
            return noteCommands(text, corner: corner)
        case .arrow(let from, let to, let style):
            try finite(from.x, from.y, to.x, to.y, what: "an arrow")
            let style = try referenceStyle(style ?? LineStyle(width: 1.5))
            return ["set arrow from first \(GnuplotSyntax.number(from.x)), first \(GnuplotSyntax.number(from.y)) "
                + "to first \(GnuplotSyntax.number(to.x)), first \(GnuplotSyntax.number(to.y)) "
                + "head filled size screen 0.015,20 front \(style)"]
        }
    }

    /// A note in a corner, on an opaque white box so curves behind it do not cross the text.
    private func noteCommands(_ text: String, corner: Corner) -> [String] {
        let placement: LegendPlacement
        switch corner {
        case .topLeft: placement = .topLeft
        case .topRight: placement = .topRight
        case .bottomLeft: placement = .bottomLeft
        case .bottomRight: placement = .bottomRight
        case .automatic:
            let legendTakes = legendEntries.isEmpty ? [] : [resolvedLegendPlacement]
            placement = LegendChooser.leastCrowdedCorner(of: panel, excluding: legendTakes)
        }
        let position: String
        switch placement {
        case .topLeft: position = "at graph 0.02, graph 0.96 left"
        case .bottomLeft: position = "at graph 0.02, graph 0.04 left"
        case .bottomRight: position = "at graph 0.98, graph 0.04 right"
        default: position = "at graph 0.98, graph 0.96 right"
        }
        let limit = metrics.characters(in: metrics.cellWidth * 0.45)
        return ["set style textbox opaque margins 1,1 noborder",
                "set label \(GnuplotSyntax.quotedLines(TextMetrics.wrap(text, limit: limit))) \(position) front boxed "
                    + "textcolor rgb '\(Style.ink.hexString)'"]
    }
}
