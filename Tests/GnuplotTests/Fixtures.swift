import Foundation
@testable import Gnuplot

/// Deterministic figures exercising every kind of series and option.
enum Fixtures {
    static func linspace(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
        (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
    }

    static var shallowFit: Figure {
        let xs = linspace(-2, 2, 9)
        let ys = xs.map { max(0, $0) - 0.5 * max(0, $0 - 1) }
        return Figure(name: "shallow_fit", title: "A shallow network", panel: Panel(
            x: Axis(label: "x"), y: Axis(label: "y"),
            series: [
                .intervals(XIntervals(boundaries: [0, 1], labels: ["region 1", "region 2", "region 3"])),
                .scatter(Scatter(xs: xs, ys: ys.map { $0 + 0.1 }, title: "data")),
                .line(Line(xs: xs, ys: ys, title: "fit")),
            ],
            annotations: [.verticalLine(x: 0.5, label: "joint")]))
    }

    static var classes: Figure {
        let xs = linspace(0, 1, 12)
        let ys = xs.map { $0 * $0 }
        let classes = xs.indices.map { $0 % 3 }
        return Figure(name: "classes", size: PixelSize(width: 500, height: 500), panel: Panel(
            legend: .outsideRight, aspect: .equalUnits,
            series: [
                .scatter(Scatter(xs: xs, ys: ys, classes: classes, classNames: ["zero", "one"], title: "digit")),
                .line(Line(xs: [0, 1], ys: [0, 1], title: "boundary", style: LineStyle(dash: .dashed))),
            ]))
    }

    static var lossSurface: Figure {
        let a = linspace(-1, 1, 5), b = linspace(-1, 1, 4)
        let values = b.map { y in a.map { x in x * x + 2 * y * y } }
        return Figure(name: "loss_surface", panel: Panel(
            title: "Loss", x: Axis(label: "a"), y: Axis(label: "b"), colourBar: Axis(label: "loss"),
            aspect: .square,
            series: [
                .heatmap(Heatmap(xs: a, ys: b, values: values)),
                .contour(Contour(xs: a, ys: b, values: values, levels: .explicit([0.5, 1, 2]))),
                .line(Line(xs: [0.9, 0.5, 0.1], ys: [0.9, 0.3, 0.05], title: "gradient descent",
                           style: LineStyle(colour: .rgb(Colour(hex: 0xFFFFFF))))),
            ],
            annotations: [
                .text("start", at: Point(x: 0.9, y: 0.9), alignment: .right),
                .arrow(from: Point(x: -0.5, y: -0.5), to: Point(x: 0, y: 0)),
            ]))
    }

    static var activations: Figure {
        let z = linspace(-3, 3, 7)
        let functions: [(String, (Double) -> Double)] = [
            ("ReLU", { max(0, $0) }), ("tanh", { Foundation.tanh($0) }),
            ("sigmoid", { 1 / (1 + exp(-$0)) }), ("identity", { $0 }),
        ]
        var panels = functions.enumerated().map { index, entry in
            Panel(title: entry.0, legend: .hidden, grid: index % 2 == 0,
                  series: [.line(Line(xs: z, ys: z.map(entry.1), style: LineStyle(dash: [.solid, .dotted, .dashDot, .dashed][index])))])
        }
        panels.append(Panel(title: "log", x: Axis(ticks: .explicit([Tick(-2, label: "low"), Tick(0), Tick(2, label: "high")])),
                            y: Axis(lowerBound: 0.01, scale: .log10, ticks: .every(10)),
                            series: [.line(Line(xs: z, ys: z.map { exp($0) }, title: "exp"))]))
        panels.append(Panel(title: "reversed", x: Axis(reversed: true), y: Axis(lowerBound: -1, upperBound: 1, reversed: true),
                            aspect: .ratio(0.5),
                            series: [.line(Line(xs: z, ys: z.map { $0 / 3 }, title: "z/3"))]))
        return Figure(name: "activations", title: "Activation functions", layout: Layout(rows: 2, columns: 3), panels: panels)
    }

    static var histogram: Figure {
        let xs = linspace(0, 4, 5)
        return Figure(name: "histogram", layout: Layout(rows: 1, columns: 2), panels: [
            Panel(title: "counts", series: [
                .bars(Bars(xs: xs, heights: [1, 3, 5, 2, 1], title: "counts")),
                .bars(Bars(xs: xs, heights: [0.5, 1, 2, 1, 0.5], width: 0.3, colour: .palette(3))),
            ], annotations: [.horizontalLine(y: 2.5, label: "mean", style: LineStyle(colour: .palette(1), width: 1))]),
            Panel(title: "band", series: [
                .band(Band(xs: xs, lower: xs.map { $0 - 1 }, upper: xs.map { $0 + 1 }, title: "±1")),
                .line(Line(xs: xs, ys: xs, title: "mean")),
            ]),
        ])
    }

    static var surface: Figure {
        let a = linspace(-1, 1, 4)
        let values = a.map { y in a.map { x in x * y } }
        return Figure(name: "surface", layout: Layout(rows: 1, columns: 2), panels: [
            Panel(title: "coloured", z: Axis(label: "z"), series: [.surface(Surface(xs: a, ys: a, values: values))]),
            Panel(title: "wireframe", series: [.surface(Surface(xs: a, ys: a, values: values, look: .wireframe, title: "xy"))]),
        ])
    }

    static var nonFinite: Figure {
        Figure(name: "non_finite", panel: Panel(series: [
            .line(Line(xs: [0, 1, 2, 3, 4, 5], ys: [1, .nan, 3, .infinity, -.infinity, 1e-300], title: "gaps")),
            .scatter(Scatter(xs: [0.1, 0.2], ys: [1e20, -0.0])),
        ]))
    }

    /// What course slides need: a legend below with an x label, a title too long for
    /// one line, an image with row 0 at the top and white numbers on its dark cells,
    /// and regions whose outer labels sit in the middle of what is shown.
    static var slides: Figure {
        let cells = [0.0, 1, 2]
        let values = [[1.0, 2, 3], [4, 5, 6], [7, 8, 9]]
        var numbers: [Annotation] = []
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() {
                numbers.append(.text(GnuplotSyntax.number(value), at: Point(x: cells[column], y: cells[row]),
                                     alignment: .centre, colour: value < 5 ? .rgb(Colour(hex: 0xFFFFFF)) : .automatic,
                                     size: value == 9 ? 16 : nil))
            }
        }
        let xs = linspace(0, 1, 5)
        return Figure(name: "slides", title: "slides", size: PixelSize(width: 900, height: 400),
                      layout: Layout(rows: 1, columns: 2), panels: [
            Panel(title: "an output y = φ0 + Σ φd hd with four linear regions, the regions shaded by which units are on",
                  x: Axis(label: "input x"), y: Axis(label: "output y"), legend: .below,
                  series: [
                      .intervals(XIntervals(boundaries: [0.25, 0.5, 0.75], labels: ["a", "b", "c", "d"])),
                      .line(Line(xs: xs, ys: xs.map { $0 * $0 }, title: "output y")),
                      .line(Line(xs: xs, ys: xs, title: "φ0 + φ1 h1")),
                      .line(Line(xs: xs, ys: xs.map { 1 - $0 }, title: "φ0 + φ2 h2")),
                      .scatter(Scatter(xs: [0.25, 0.5], ys: [0.0625, 0.25], title: "joints")),
                  ]),
            Panel(title: "row 0 at the top", x: Axis(ticks: .every(1)), y: Axis(ticks: .every(1), reversed: true),
                  aspect: .equalUnits, grid: false,
                  series: [.heatmap(Heatmap(xs: cells, ys: cells, values: values, labels: .hidden))], annotations: numbers),
        ])
    }

    /// A confusion matrix (counts written over a log colour scale, row 0 at the top) and
    /// class regions under the scatter of the same classes, with a note in a corner.
    static var matrices: Figure {
        let counts = [[50.0, 2, 0], [3, 40, 7], [0, 1, 60]]
        let cells = [0.0, 1, 2]
        let grid = linspace(-1, 1, 6)
        let regions = grid.map { y in grid.map { x in x > y ? 1.0 : (x < -0.5 ? 2 : 0) } }
        return Figure(name: "matrices", size: PixelSize(width: 1000, height: 450), layout: Layout(rows: 1, columns: 2), panels: [
            Panel(title: "confusion", x: Axis(label: "predicted", lowerBound: -0.5, upperBound: 2.5, ticks: .every(1)),
                  y: Axis(label: "true", lowerBound: -0.5, upperBound: 2.5, ticks: .every(1), reversed: true),
                  colourBar: Axis(label: "log10(1 + count)"), aspect: .equalUnits,
                  series: [.heatmap(Heatmap(xs: cells, ys: cells, values: counts.map { $0.map { log10(1 + $0) } },
                                            labels: .numbers(counts)))]),
            Panel(title: "classes", legend: .automatic, series: [
                .heatmap(Heatmap(xs: grid, ys: grid, values: regions, isCategorical: true, classNames: ["a", "b", "c"])),
                .scatter(Scatter(xs: [-0.8, 0.5, -0.2], ys: [0.5, -0.5, 0.6], classes: [2, 1, 0])),
            ], annotations: [.note("a note", corner: .automatic)]),
        ])
    }

    static var all: [Figure] { [shallowFit, classes, lossSurface, activations, histogram, surface, nonFinite, slides, matrices] }

    /// A small valid figure whose only text is `text`, used everywhere a notebook string can go.
    /// The titles repeat the text so that they are long enough to be wrapped into lines.
    static func hostile(_ text: String, name: String = "hostile") -> Figure {
        let long = Array(repeating: text, count: 8).joined(separator: " ")
        return Figure(name: name, title: long, layout: Layout(rows: 1, columns: 1), panels: [
            Panel(title: long, x: Axis(label: text, ticks: .explicit([Tick(0, label: text), Tick(1)])),
                  y: Axis(label: text, reversed: true), colourBar: Axis(label: text), legend: .below,
                  series: [
                      .intervals(XIntervals([XInterval(0.2, 0.4, label: text)])),
                      .line(Line(xs: [0, 1], ys: [0, 1], title: text)),
                      .scatter(Scatter(xs: [0, 1], ys: [1, 0], classes: [0, 1], classNames: [text])),
                  ],
                  annotations: [.text(text, at: Point(x: 0.5, y: 0.5)),
                                .text(text, at: Point(x: 0.5, y: 0.7), alignment: .centre,
                                      colour: .rgb(Colour(hex: 0xFFFFFF)), size: 14),
                                .verticalLine(x: 0.1, label: text),
                                .horizontalLine(y: 0.1, label: text)]),
        ])
    }
}
