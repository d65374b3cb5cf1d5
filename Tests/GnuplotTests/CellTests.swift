import Foundation
import Testing
@testable import Gnuplot

/// Image series as crisp cells with readable numbers, class regions in the classes'
/// colours, ranges that fit the data, and notes in corners.
@Suite struct CellTests {
    private func script(_ figure: Figure, terminal: Terminal = .svg()) throws -> String {
        try ScriptRenderer().render(figure, terminal: terminal)
    }

    private func heatmap(_ values: [[Double]], labels: CellLabels = .automatic, size: PixelSize? = nil) -> Figure {
        let xs = values.first.map { $0.indices.map(Double.init) } ?? []
        let ys = values.indices.map(Double.init)
        return Figure(name: "cells", size: size, panel: Panel(aspect: .equalUnits,
                      series: [.heatmap(Heatmap(xs: xs, ys: ys, values: values, labels: labels))]))
    }

    /// The rows of the datablock that the labels clause reads.
    private func labelRows(_ script: String) throws -> [[Double]] {
        let plot = try #require(script.components(separatedBy: "\n").first { $0.contains("with labels") })
        let block = try #require(plot.split(separator: " ").first { $0.hasPrefix("$data") }).trimmingCharacters(in: .whitespaces)
        let body = try #require(script.components(separatedBy: "\(block) << EOD\n").last?.components(separatedBy: "EOD\n").first)
        return body.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
    }

    @Test func svgDrawsCellsAsRectanglesAndOtherTerminalsAsNearestNeighbourImages() throws {
        let figure = heatmap([[1, 2], [3, 4]])
        #expect(try script(figure).contains("nonuniform matrix with image pixels notitle"))
        #expect(try script(figure, terminal: .png()).contains("nonuniform matrix with image notitle"))
        #expect(try script(figure, terminal: .pdf()).contains("nonuniform matrix with image notitle"))
    }

    @Test func smallGridsAreLabelledInContrastingInk() throws {
        let text = try script(heatmap([[0, 1], [2, 3]]))
        #expect(text.contains("using 1:2:(sprintf('%.0f', $3)):4 with labels textcolor rgb variable font ',12' notitle"))
        let rows = try labelRows(text)
        // viridis: 0 is dark purple (white text), 3 is yellow (ink).
        #expect(rows.first == [0, 0, 0, Double(0xFFFFFF)])
        #expect(rows.last == [1, 1, 3, Double(Style.ink.packed)])
        #expect(text.contains("set cbrange [0:3]"))
    }

    @Test func largeGridsAndHiddenLabelsHaveNone() throws {
        let large = (0..<16).map { row in (0..<16).map { Double(row * $0) } }
        #expect(!(try script(heatmap(large))).contains("with labels"))
        #expect(!(try script(heatmap([[1, 2], [3, 4]], labels: .hidden))).contains("with labels"))
        // Asked for, a large grid gets them anyway.
        #expect(try script(heatmap(large, labels: .values)).contains("with labels"))
        // Text terminals have no room in a cell.
        #expect(!(try script(heatmap([[1, 2], [3, 4]]), terminal: .dumb())).contains("with labels"))
    }

    @Test func labelsLeaveOutNumbersTooSmallToRead() throws {
        let values = (0..<12).map { row in (0..<12).map { Double(row) + Double($0) / 1000 } }
        #expect(!(try script(heatmap(values, size: PixelSize(width: 200, height: 160)))).contains("with labels"))
    }

    @Test func givenNumbersReplaceTheValuesAndMustMatchTheGrid() throws {
        let rows = try labelRows(try script(heatmap([[0, 1], [2, 3]], labels: .numbers([[10, 0.5], [.nan, 2]]))))
        #expect(rows.map { $0[2] } == [10, 1, 2]) // two digits of the largest; a NaN leaves its cell empty
        #expect(throws: GnuplotError.self) { try script(heatmap([[0, 1], [2, 3]], labels: .numbers([[1, 2]]))) }
    }

    @Test func decimalsGiveTwoSignificantDigitsOfTheLargest() {
        #expect(Heatmap.decimals(for: [1, 20, 300]) == 0)
        #expect(Heatmap.decimals(for: [0.53, -0.1]) == 2)
        #expect(Heatmap.decimals(for: [3.2, 0.01]) == 1)
        #expect(Heatmap.decimals(for: [14.7]) == 0)
        #expect(Heatmap.decimals(for: [0.00001]) == 4)
        #expect(Heatmap.decimals(for: [.nan, 2]) == 0)
        #expect(Heatmap.formatted(-0.004, decimals: 2) == "0.00")
    }

    @Test func contrastingTextIsWhiteOnDarkAndInkOnLight() {
        #expect(Colour(hex: 0x440154).contrastingText == Colour(hex: 0xFFFFFF))
        #expect(Colour(hex: 0xFDE725).contrastingText == Style.ink)
        #expect(ColourMap.diverging.colour(at: 0.5) == Colour(hex: 0xF7F7F7))
        #expect(ColourMap.viridis.colour(at: 1.0 / 16) == Colour(hex: 0x440154).mixed(with: Colour(hex: 0x472C7A), amount: 0.5))
    }

    @Test func classRegionsUseLightTintsOfTheScatterColours() throws {
        let text = try script(Fixtures.matrices)
        let blue = Style.classTint(0).hexString, vermillion = Style.classTint(1).hexString
        #expect(text.contains("set palette defined (0 '\(blue)', 1 '\(blue)', 1 '\(vermillion)', 2 '\(vermillion)', "))
        #expect(text.contains("set cbrange [-0.5:2.5]"))
        #expect(text.contains("set cbtics scale 0 ('a' 0, 'b' 1, 'c' 2)"))
        // Class 2 is the third colour in both.
        #expect(text.contains("lc rgb '\(Style.paletteColour(2).hexString)' title 'class 2'"))
        #expect(Style.classTint(2) == Style.paletteColour(2).mixed(with: Colour(hex: 0xFFFFFF), amount: Style.classTintAmount))
    }

    @Test func classRegionsMustHoldWholeNumbersAndNotShareTheBar() throws {
        var figure = Fixtures.matrices
        figure.panels[1].series[0] = .heatmap(Heatmap(xs: [0, 1], ys: [0, 1], values: [[0, 0.5], [1, 1]], isCategorical: true))
        #expect(throws: GnuplotError.self) { try script(figure) }
        figure.panels[1].series[0] = .heatmap(Heatmap(xs: [0, 1], ys: [0, 1], values: [[0, 1], [1, 1]], isCategorical: true))
        figure.panels[1].series.append(.heatmap(Heatmap(xs: [0, 1], ys: [0, 1], values: [[0, 0.5], [1, 1]])))
        #expect(throws: GnuplotError.self) { try script(figure) }
    }

    @Test func legendsOverCellsAreOpaque() throws {
        #expect(try script(Fixtures.matrices).contains(" opaque box lc rgb "))
        #expect(!(try script(Fixtures.shallowFit)).contains(" opaque"))
    }

    @Test func rangesFitTheDataWithAMargin() throws {
        let accuracy = Figure(name: "accuracy", panel: Panel(series: [.line(Line(xs: [1, 2, 3], ys: [0.91, 0.95, 0.99]))]))
        let text = try script(accuracy)
        #expect(text.contains("set autoscale xfix\nset autoscale yfix\nset offsets 0, 0, graph 0.05, graph 0.05\n"))
        // A fixed range is kept as given.
        var fixed = accuracy
        fixed.panels[0].y = Axis(lowerBound: 0, upperBound: 1)
        fixed.panels[0].x = Axis(lowerBound: 1, upperBound: 3)
        #expect(!(try script(fixed)).contains("set offsets"))
        // Bars stand on zero: a margin above only.
        let bars = Figure(name: "bars", panel: Panel(series: [.bars(Bars(xs: [1, 2], heights: [3, 4]))]))
        #expect(try script(bars).contains("set offsets 0, 0, graph 0.05, 0\n"))
        // Scattered points get room left and right.
        let points = Figure(name: "points", panel: Panel(series: [.scatter(Scatter(xs: [1, 2], ys: [3, 4]))]))
        #expect(try script(points).contains("set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n"))
    }

    @Test func notesTakeACornerTheLegendLeaves() throws {
        let xs = Fixtures.linspace(0, 1, 20)
        // A rising line crowds the top right and bottom left corners.
        var panel = Panel(series: [.line(Line(xs: xs, ys: xs, title: "rising"))], annotations: [.note("remark")])
        let text = try script(Figure(name: "note", panel: panel))
        let legend = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("set key inside") })
        let note = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("set label 'remark'") })
        #expect(legend.hasPrefix("set key inside top left") || legend.hasPrefix("set key inside bottom right"))
        #expect(note.contains(legend.hasPrefix("set key inside top left") ? "at graph 0.98, graph 0.04 right" : "at graph 0.02, graph 0.96 left"))
        #expect(note.contains(" front boxed "))
        // A note given a corner keeps it, and the legend goes elsewhere.
        panel.annotations = [.note("remark", corner: .topLeft)]
        let placed = try script(Figure(name: "note", panel: panel))
        #expect(placed.contains("set label 'remark' at graph 0.02, graph 0.96 left"))
        #expect(placed.contains("set key inside bottom right"))
    }
}

/// Through the real gnuplot: the SVG of a heatmap holds rectangles, not a bitmap.
@Suite(.enabled(if: gnuplotAvailable, "gnuplot is not installed"))
struct CrispCellRenderingTests {
    @Test func heatmapSVGEmbedsNoBitmap() throws {
        let writer = FigureWriter(process: GnuplotProcess())
        for figure in [Fixtures.lossSurface, Fixtures.matrices, Fixtures.slides] {
            let svg = String(decoding: try writer.draw(figure, terminal: .svg()), as: UTF8.self)
            #expect(!svg.contains("<image"), "\(figure.name) embeds an image")
            #expect(!svg.contains("base64"), "\(figure.name) embeds base64 data")
            // One filled rectangle per run of equal cells in a row at least (the colour box adds more).
            let runs = figure.panels.flatMap(\.series).compactMap { $0.drawing as? Heatmap }.flatMap(\.values)
                .reduce(0) { count, row in count + 1 + zip(row, row.dropFirst()).filter { $0 != $1 }.count }
            #expect(svg.components(separatedBy: "<path fill='#").count - 1 >= runs, "\(figure.name)")
        }
    }

    @Test func labelsAppearAsTextInTheImage() throws {
        let svg = String(decoding: try FigureWriter(process: GnuplotProcess()).draw(Fixtures.matrices, terminal: .svg()),
                         as: UTF8.self)
        for count in ["50", "40", "60", "7"] { #expect(svg.contains(">\(count)<"), "count \(count)") }
        // White numbers on the dark cells, ink on the light ones.
        #expect(svg.contains("fill=\"rgb(255,255,255)\""))
        #expect(svg.contains("fill=\"rgb(64,64,64)\""))
    }
}
