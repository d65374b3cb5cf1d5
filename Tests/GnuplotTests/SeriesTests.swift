import Testing
@testable import Gnuplot

/// Series compare and hash by kind and data, whatever their kind's type.
@Suite struct SeriesTests {
    @Test func seriesAreEqualWhenTheirKindAndDataAre() {
        let line = Series.line(Line(xs: [0, 1], ys: [1, 2]))
        #expect(line == .line(Line(xs: [0, 1], ys: [1, 2])))
        #expect(line != .line(Line(xs: [0, 1], ys: [1, 3])))
        #expect(line != .scatter(Scatter(xs: [0, 1], ys: [1, 2])))
        #expect(Set([line, line, .bars(Bars(xs: [0], heights: [1]))]).count == 2)
    }

    @Test func eachKindDescribesItsPlaceInThePanel() {
        let scatter = Scatter(xs: [0, 1, 2], ys: [0, 1, 2], classes: [2, 0, 2], classNames: ["no"], title: "c")
        #expect(scatter.legendTitles == ["no", "c 2"])
        #expect(Band(xs: [0], lower: [1], upper: [2]).legendAvoids.map(\.ys) == [[1], [2]])
        #expect(Surface(xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]]).isThreeDimensional)
        #expect(Heatmap(xs: [0, 1], ys: [0, 1], values: [[0, 0], [0, 0]]).isImage)
        #expect(Bars(xs: [0], heights: [-1]).barHeights == [-1] && Line(xs: [0], ys: [0]).barHeights == nil)
        let layers = [Series.heatmap(Heatmap(xs: [], ys: [], values: [])), .intervals(XIntervals([])), .band(Band(xs: [], lower: [], upper: [])),
                      .bars(Bars(xs: [], heights: [])), .contour(Contour(xs: [], ys: [], values: [])), .line(Line(xs: [], ys: []))]
        #expect(layers.map(\.drawing.layer) == [0, 1, 2, 3, 4, 5])
    }
}
