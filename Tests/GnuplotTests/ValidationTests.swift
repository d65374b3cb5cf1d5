import Testing
@testable import Gnuplot

@Suite struct ValidationTests {
    func message(_ figure: Figure) -> String? {
        do {
            _ = try ScriptRenderer().render(figure, terminal: .svg())
            return nil
        } catch let error as GnuplotError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func single(_ series: [Series], x: Axis = Axis(), annotations: [Annotation] = []) -> Figure {
        Figure(name: "bad", panel: Panel(x: x, series: series, annotations: annotations))
    }

    @Test func mismatchedLengthsNameTheFigureAndSeries() {
        let text = message(single([.line(Line(xs: [1, 2, 3], ys: [1, 2]))]))
        #expect(text == "figure 'bad': panel 1: series 1 (line): xs has 3 values but ys has 2")
    }

    @Test func invalidFiguresAreRejected() {
        let grid = [[1.0, 2], [3, 4]]
        let cases: [Figure] = [
            single([.line(Line(xs: [], ys: []))]),
            single([.scatter(Scatter(xs: [1, 2], ys: [1, 2], classes: [0]))]),
            single([.heatmap(Heatmap(xs: [0, 1], ys: [0, 1, 2], values: grid))]),
            single([.heatmap(Heatmap(xs: [0, .nan], ys: [0, 1], values: grid))]),
            single([.contour(Contour(xs: [0, 1], ys: [0, 1], values: grid, levels: .explicit([])))]),
            single([.surface(Surface(xs: [0, 1], ys: [0, 1], values: grid)), .line(Line(xs: [1], ys: [1]))]),
            single([.band(Band(xs: [1], lower: [1], upper: [2], opacity: 2))]),
            single([.bars(Bars(xs: [1], heights: [1], width: -1))]),
            single([.line(Line(xs: [1], ys: [1], style: LineStyle(width: .infinity)))]),
            single([.line(Line(xs: [1], ys: [1]))], x: Axis(lowerBound: .nan)),
            single([.line(Line(xs: [1], ys: [1]))], x: Axis(lowerBound: 0, scale: .log10)),
            single([.line(Line(xs: [1], ys: [1]))], x: Axis(lowerBound: 2, upperBound: 2)),
            single([.line(Line(xs: [1], ys: [1]))], x: Axis(ticks: .every(0))),
            single([.line(Line(xs: [1], ys: [1]))], annotations: [.verticalLine(x: .infinity)]),
            single([.intervals(XIntervals([XInterval(2, 1)])), .line(Line(xs: [1], ys: [1]))]),
            single([.intervals(XIntervals(boundaries: [0]))]),
            single([]),
            Figure(name: "bad", layout: Layout(rows: 1, columns: 1), panels: [Panel(), Panel()]),
            Figure(name: "bad", layout: Layout(rows: 0, columns: 1), panels: [Panel()]),
            Figure(name: "bad", size: PixelSize(width: 0, height: 10), panel: Panel()),
        ]
        for (index, figure) in cases.enumerated() {
            let text = message(figure)
            #expect(text?.hasPrefix("figure 'bad': ") == true, "case \(index): \(String(describing: text))")
        }
    }

    @Test func emptyPanelsInAGridAreSkipped() throws {
        let figure = Figure(name: "grid", layout: Layout(rows: 1, columns: 2), panels: [
            Panel(), Panel(series: [.line(Line(xs: [1, 2], ys: [1, 2]))]),
        ])
        let script = try ScriptRenderer().render(figure, terminal: .svg())
        #expect(script.contains("set multiplot next"))
    }

    @Test func legendAvoidsTheData() {
        // Points crowd the top right, so the legend goes top left.
        let panel = Panel(series: [.line(Line(xs: [0, 0.9, 1, 0.95], ys: [0, 0.9, 1, 0.95], title: "t"))])
        #expect(LegendChooser.leastCrowdedCorner(of: panel) == .topLeft)
        let falling = Panel(series: [.line(Line(xs: [0, 0.1, 1], ys: [1, 0.9, 0], title: "t"))])
        #expect(LegendChooser.leastCrowdedCorner(of: falling) == .topRight)
    }
}
