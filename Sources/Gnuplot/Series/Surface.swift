/// A 3-D surface of a grid of values; a panel holding one is drawn in 3-D and
/// may hold only surfaces.
public struct Surface: Hashable, Sendable {
    public enum Look: Hashable, Sendable {
        /// Coloured by height with the panel's colour map.
        case coloured
        /// A mesh of lines.
        case wireframe
    }

    public var xs: [Double]
    public var ys: [Double]
    public var values: [[Double]]
    public var look: Look
    public var title: String?

    public init(xs: [Double], ys: [Double], values: [[Double]], look: Look = .coloured, title: String? = nil) {
        self.xs = xs
        self.ys = ys
        self.values = values
        self.look = look
        self.title = title
    }
}

extension Surface: SeriesDrawing {
    var layer: Int { 0 }
    var legendTitles: [String] { [title].compactMap { $0 } }
    var isThreeDimensional: Bool { true }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let block = try renderer.matrixBlock("series \(number) (surface)", xs: xs, ys: ys, values: values)
        switch look {
        case .coloured:
            return ["\(block) nonuniform matrix with pm3d \(renderer.title(title))"]
        case .wireframe:
            lines.append("set hidden3d")
            return ["\(block) nonuniform matrix with lines lw 1 lc rgb '\(renderer.colour(.automatic))' \(renderer.title(title))"]
        }
    }
}
