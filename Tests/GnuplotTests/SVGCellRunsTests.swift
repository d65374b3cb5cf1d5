import Foundation
import Testing
@testable import Gnuplot

/// SVG heatmaps written as runs of equal cells: smaller files, the same picture.
@Suite struct SVGCellRunsTests {
    private func polygon(_ rgb: String, _ left: String, _ right: String, bottom: String = "20.50", top: String = "17.75") -> String {
        "\t\t<polygon fill = 'rgb(\(rgb))' points = '\(left),\(bottom) \(right),\(bottom) \(right),\(top) \(left),\(top) '/>"
    }

    @Test func equalNeighboursInARowBecomeOneRectangle() {
        let svg = ["<g stroke='none' shape-rendering='crispEdges'>",
                   polygon("252, 214, 192", "1.00", "3.75"), polygon("252, 214, 192", "3.75", "6.49"),
                   polygon("252, 214, 192", "6.49", "9.24"), polygon(" 64,  64,  64", "9.24", "12.00"),
                   "</g>"].joined(separator: "\n")
        #expect(SVGCellRuns.compacted(svg) == """
            <g stroke='none' shape-rendering='crispEdges'>
            \t\t<path fill='#fcd6c0' d='M1.00,20.50H9.24V17.75H1.00z'/>
            \t\t<path fill='#404040' d='M9.24,20.50H12.00V17.75H9.24z'/>
            </g>
            """)
    }

    @Test func cellsOfOtherRowsOrWithGapsStaySeparate() {
        let svg = [polygon("1, 2, 3", "1.00", "2.00"), polygon("1, 2, 3", "2.50", "3.00"),
                   polygon("1, 2, 3", "3.00", "4.00", bottom: "17.75", top: "15.00")].joined(separator: "\n")
        let lines = SVGCellRuns.compacted(svg).split(separator: "\n")
        #expect(lines == ["\t\t<path fill='#010203' d='M1.00,20.50H2.00V17.75H1.00z'/>",
                          "\t\t<path fill='#010203' d='M2.50,20.50H3.00V17.75H2.50z'/>",
                          "\t\t<path fill='#010203' d='M3.00,17.75H4.00V15.00H3.00z'/>"])
    }

    @Test func otherShapesAndTextPassThroughUnchanged() {
        let lines = [
            "\t\t<polygon fill = 'rgb(1, 2, 3)' points = '0,0 4,0 2,3 '/>",                        // a triangle
            "\t\t<polygon fill = 'rgb(1, 2, 3)' points = '0,5 4,5 4,0 1,0 '/>",                    // not a rectangle
            "\t\t<polygon fill = 'rgb(1, 2, 3)' fill-opacity = '0.5' points = '0,5 4,5 4,0 0,0 '/>", // translucent
            "\t\t<polygon fill = 'rgb(300, 2, 3)' points = '0,5 4,5 4,0 0,0 '/>",                  // not a colour
            "<text>rgb(1, 2, 3)</text>", "",
        ]
        let svg = lines.joined(separator: "\n")
        #expect(SVGCellRuns.compacted(svg) == svg)
    }

    /// gnuplot's own SVG of a map with flat regions (a ReLU's zeros), before and after:
    /// every original cell lies inside one written rectangle of its colour and row, and
    /// the rectangles cover nothing else.
    @Test func aRealHeatmapKeepsEveryCellsColourAndPlace() throws {
        let grid = (0..<30).map(Double.init)
        let values = grid.map { y in grid.map { x in max(0, x - y) } }
        let figure = Figure(name: "relu", panel: Panel(series: [.heatmap(Heatmap(xs: grid, ys: grid, values: values, labels: .hidden))]))
        let raw = try rawSVG(figure)
        let compact = SVGCellRuns.compacted(raw)
        let before = cells(in: raw), after = rectangles(in: compact)
        #expect(before.count >= 900)
        #expect(after.count * 3 < before.count * 2, "the zeros of each row are one rectangle")
        #expect(compact.utf8.count * 2 < raw.utf8.count)
        for cell in before {
            let holders = after.filter { $0.row == cell.row && $0.left <= cell.left && cell.right <= $0.right }
            #expect(holders.count == 1, "cell at \(cell.left),\(cell.row.bottom)")
        }
        for rectangle in after {
            let inside = before.filter { $0.row == rectangle.row && rectangle.left <= $0.left && $0.right <= rectangle.right }
            #expect(abs(inside.reduce(0) { $0 + $1.right - $1.left } - (rectangle.right - rectangle.left)) < 1e-6)
        }
        let written = String(decoding: try FigureWriter(process: GnuplotProcess()).draw(figure, terminal: .svg()), as: UTF8.self)
        #expect(written == compact, "FigureWriter writes the compacted file")
    }

    private struct Row: Hashable { var colour: String, bottom: Double, top: Double }
    private struct Rectangle { var row: Row, left: Double, right: Double }

    private func rawSVG(_ figure: Figure) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dln-cellruns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("relu.gp"), image = folder.appendingPathComponent("relu.svg")
        try ScriptRenderer().render(figure, terminal: .svg(), defaultOutput: image.path).write(to: script, atomically: true, encoding: .utf8)
        _ = try GnuplotProcess().run(scriptAt: script, figure: figure.name, output: image)
        return try String(contentsOf: image, encoding: .utf8)
    }

    private func cells(in svg: String) -> [Rectangle] {
        svg.split(separator: "\n").compactMap(SVGCellRuns.cell(in:)).compactMap { cell in
            guard let l = Double(cell.left), let r = Double(cell.right), let b = Double(cell.bottom), let t = Double(cell.top) else { return nil }
            return Rectangle(row: Row(colour: cell.colour, bottom: b, top: t), left: l, right: r)
        }
    }

    private func rectangles(in svg: String) -> [Rectangle] {
        svg.split(separator: "\n").compactMap { line in
            let parts = line.split(whereSeparator: { "'MHVz,".contains($0) })
            guard line.contains("<path fill='#"), parts.count >= 8, let fill = parts.first(where: { $0.hasPrefix("#") }),
                  let index = parts.firstIndex(where: { $0.hasSuffix("d=") }), parts.count > index + 4,
                  let l = Double(parts[index + 1]), let b = Double(parts[index + 2]), let r = Double(parts[index + 3]),
                  let t = Double(parts[index + 4]) else { return nil }
            return Rectangle(row: Row(colour: String(fill), bottom: b, top: t), left: l, right: r)
        }
    }
}
