/// A grid of values drawn as coloured pixels with a colour bar.
/// `values[j][i]` is the value at `(xs[i], ys[j])`.
public struct Heatmap: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]

    public init(xs: [Double], ys: [Double], values: [[Double]]) {
        self.xs = xs
        self.ys = ys
        self.values = values
    }
}

extension Heatmap: SeriesDrawing {
    var layer: Int { 0 }
    var xExtent: [Double] { xs }
    var isImage: Bool { true }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let block = try renderer.matrixBlock("series \(number) (heatmap)", xs: xs, ys: ys, values: values)
        let panel = renderer.panel
        if panel.x.lowerBound == nil, panel.x.upperBound == nil { lines.append("set autoscale xfix") }
        if panel.y.lowerBound == nil, panel.y.upperBound == nil { lines.append("set autoscale yfix") }
        return ["\(block) nonuniform matrix with image notitle"]
    }
}
