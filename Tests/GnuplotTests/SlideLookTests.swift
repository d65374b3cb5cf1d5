import Testing
@testable import Gnuplot

/// The slide look: fonts that scale with the figure, wrapped titles, room for legends below, coloured text,
/// reversed axes and region labels in the middle of what is shown.
@Suite struct SlideLookTests {
    private func script(_ figure: Figure, terminal: Terminal = .svg()) throws -> String {
        try ScriptRenderer().render(figure, terminal: terminal)
    }

    private func lines(_ script: String, starting prefix: String) -> [String] {
        script.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    private func panel(_ panel: Panel, size: PixelSize? = nil) -> Figure {
        Figure(name: "f", size: size, panel: panel)
    }

    private let xs = [0.0, 0.5, 1]

    @Test func slideTextGrowsWithTheFigureAndFitsItsCells() {
        let slides = FigureStyle.slides
        #expect(slides.fontSize(for: PixelSize(width: 640, height: 400), layout: .single) == 12)
        #expect(slides.fontSize(for: PixelSize(width: 1280, height: 800), layout: .single) == 17)
        #expect(slides.fontSize(for: PixelSize(width: 4000, height: 3000), layout: .single) == 22) // at most 1.8×
        // A 3×3 grid of 400×300 cells: the cell's height / 22 bounds it.
        #expect(slides.fontSize(for: PixelSize(width: 1200, height: 900), layout: Layout(rows: 3, columns: 3)) == 14)
        #expect(slides.fontSize(for: PixelSize(width: 1350, height: 460), layout: Layout(rows: 1, columns: 3)) == 17)
        #expect(slides.fontSize(for: PixelSize(width: 160, height: 100), layout: .single) == 8)
        #expect(slides.fontSize(for: PixelSize(width: 240, height: 200), layout: .single) == 9)
    }

    @Test func paperTextKeepsOneSmallSize() {
        #expect(FigureStyle.paper.fontSize(for: PixelSize(width: 640, height: 400), layout: .single) == 10)
        #expect(FigureStyle.paper.fontSize(for: PixelSize(width: 1600, height: 1000), layout: .single) == 10)
        #expect(FigureStyle.paper.lineScale(for: PixelSize(width: 1600, height: 1000), layout: .single) == 0.75)
    }

    @Test func styleReachesTheTerminalCommand() throws {
        var figure = panel(Panel(series: [.line(Line(xs: xs, ys: xs))]), size: PixelSize(width: 1280, height: 800))
        #expect(try script(figure).contains("font 'sans-serif,17' linewidth 1.5 "))
        figure.style = .paper
        #expect(try script(figure).contains("font 'sans-serif,10' linewidth 0.75 "))
    }

    @Test func longTitlesAreWrappedAtSpaces() throws {
        #expect(TextMetrics.wrap("short", limit: 20) == ["short"])
        #expect(TextMetrics.wrap("one two three four", limit: 9) == ["one two", "three", "four"])
        #expect(TextMetrics.wrap("a b c d e f", limit: 3, maximumLines: 2) == ["a b", "c d e f"])
        #expect(TextMetrics.wrap("unbreakable-word here", limit: 5) == ["unbreakable-word", "here"])
        let title = Array(repeating: "a rather long title", count: 6).joined(separator: " ")
        let text = try script(panel(Panel(title: title, series: [.line(Line(xs: xs, ys: xs))])))
        let set = try #require(lines(text, starting: "set title ").first)
        #expect(set.contains(#"."\n"."#))
        #expect(!set.contains("''"))
        // A dumb terminal wraps at its width in characters.
        let dumb = try script(panel(Panel(title: title, series: [.line(Line(xs: xs, ys: xs))])),
                              terminal: .dumb(columns: 40, rows: 20))
        let dumbTitle = try #require(lines(dumb, starting: "set title ").first)
        #expect(dumbTitle.components(separatedBy: #""\n""#).count == 3) // at most three lines
    }

    @Test func quotedLinesQuoteEachLine() {
        #expect(GnuplotSyntax.quotedLines(["it's", "b"]) == #"'it'."\047".'s'."\n".'b'"#)
        #expect(GnuplotSyntax.quotedLines([]) == "''")
    }

    @Test func legendBelowReservesItsRows() throws {
        var panel = Panel(x: Axis(label: "x"), legend: .below, series: [
            .line(Line(xs: xs, ys: xs, title: "first entry")), .line(Line(xs: xs, ys: xs, title: "second entry")),
        ])
        var text = try script(self.panel(panel))
        // tick labels 1.5 + x label 1.6 + one row 1.2 + gap 0.8
        #expect(lines(text, starting: "set bmargin ") == ["set bmargin 5.1"])
        #expect(text.contains("set key below center horizontal maxcols 2 "))
        // Entries too wide to share a row go one per row, and the margin grows with them.
        panel.series += (1...4).map { .line(Line(xs: xs, ys: xs, title: "a much longer legend entry \($0)")) }
        text = try script(self.panel(panel))
        #expect(lines(text, starting: "set bmargin ") == ["set bmargin 11.1"])
        #expect(text.contains("set key below center horizontal maxcols 1 "))
        // A wider figure fits three columns: two rows.
        text = try script(self.panel(panel, size: PixelSize(width: 1400, height: 500)))
        #expect(lines(text, starting: "set bmargin ") == ["set bmargin 6.3"])
        #expect(text.contains("set key below center horizontal maxcols 3 "))
        // Without an x label there is less to make room for.
        panel.x.label = nil
        text = try script(self.panel(panel))
        #expect(lines(text, starting: "set bmargin ") == ["set bmargin 9.5"])
        // Other placements leave the margin to gnuplot.
        panel.legend = .topLeft
        #expect(lines(try script(self.panel(panel)), starting: "set bmargin").isEmpty)
    }

    @Test func textTakesAColourAndASize() throws {
        let panel = Panel(series: [.line(Line(xs: xs, ys: xs))], annotations: [
            .text("plain", at: Point(x: 0, y: 0)),
            .text("white", at: Point(x: 0.5, y: 0.5), alignment: .centre, colour: .rgb(Colour(hex: 0xFFFFFF)), size: 16),
            .text("palette", at: Point(x: 1, y: 1), colour: .palette(1)),
        ])
        let labels = lines(try script(self.panel(panel)), starting: "set label ")
        #expect(labels == [
            "set label 'plain' at first 0, first 0 left front textcolor rgb '#404040'",
            "set label 'white' at first 0.5, first 0.5 center font ',16' front textcolor rgb '#FFFFFF'",
            "set label 'palette' at first 1, first 1 left front textcolor rgb '#D55E00'",
        ])
        for size in [0.5, 300, .nan] {
            let bad = Panel(series: [.line(Line(xs: xs, ys: xs))],
                            annotations: [.text("x", at: Point(x: 0, y: 0), size: size)])
            #expect(throws: GnuplotError.self) { try script(self.panel(bad)) }
        }
    }

    @Test func reversedYPutsRowZeroAtTheTop() throws {
        let heatmap = Series.heatmap(Heatmap(xs: [0, 1], ys: [0, 1], values: [[1, 2], [3, 4]]))
        var text = try script(panel(Panel(y: Axis(reversed: true), series: [heatmap])))
        #expect(text.contains("set yrange [*:*] reverse\n"))
        #expect(text.contains("set autoscale yfix\n"))
        text = try script(panel(Panel(y: Axis(lowerBound: -0.5, upperBound: 1.5, reversed: true), series: [heatmap])))
        #expect(text.contains("set yrange [1.5:-0.5]\n"))
    }

    @Test func regionLabelsSitInTheMiddleOfWhatIsShown() throws {
        let regions = Series.intervals(XIntervals(boundaries: [0.25, 0.75], labels: ["left", "middle", "right"]))
        // A fixed range.
        var labels = lines(try script(panel(Panel(x: Axis(lowerBound: 0, upperBound: 1), series: [regions,
            .line(Line(xs: [-5, 5], ys: [0, 1]))]))), starting: "set label ")
        #expect(labels.map { $0.components(separatedBy: " graph")[0] } == [
            "set label 'left' at first 0.125,", "set label 'middle' at first 0.5,", "set label 'right' at first 0.875,",
        ])
        // An automatic range: the data of the other series.
        labels = lines(try script(panel(Panel(series: [regions, .line(Line(xs: [0, 1.5], ys: [0, 1]))]))),
                       starting: "set label ")
        #expect(labels.map { $0.components(separatedBy: " graph")[0] } == [
            "set label 'left' at first 0.125,", "set label 'middle' at first 0.5,", "set label 'right' at first 1.125,",
        ])
        // One bound fixed, the other from the data; a region out of view has no label.
        labels = lines(try script(panel(Panel(x: Axis(lowerBound: 0.5), series: [regions,
            .line(Line(xs: [0, 1], ys: [0, 1]))]))), starting: "set label ")
        #expect(labels.map { $0.components(separatedBy: " graph")[0] } == [
            "set label 'middle' at first 0.625,", "set label 'right' at first 0.875,",
        ])
        // A log axis takes the geometric middle.
        labels = lines(try script(panel(Panel(x: Axis(scale: .log10), series: [
            .intervals(XIntervals(boundaries: [10], labels: ["low", "high"])), .line(Line(xs: [1, 1000], ys: [0, 1])),
        ]))), starting: "set label ")
        #expect(labels.map { $0.components(separatedBy: " graph")[0] } == [
            "set label 'low' at first 3.1622776601683795,", "set label 'high' at first 100,",
        ])
        // Nothing else to go by: next to the finite end, as before.
        labels = lines(try script(panel(Panel(series: [regions, .line(Line(xs: [.nan, .nan], ys: [0, 1]))]))),
                       starting: "set label ")
        #expect(labels.first?.contains("at first 0.25, graph 0.95 right") == true)
    }
}
