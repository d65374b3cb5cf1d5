/// Points, optionally split into classes that get their own colour, marker and legend entry.
public struct Scatter: Hashable, Sendable {
    public var xs: [Double]
    public var ys: [Double]
    /// One class index per point; `nil` draws all points alike.
    public var classes: [Int]?
    /// Legend text for class `k` (by position among the sorted distinct classes).
    public var classNames: [String]?
    public var title: String?
    /// Colour of an unclassified scatter (classes always use palette colours).
    public var colour: SeriesColour
    /// Marker of an unclassified scatter; `nil` is a filled circle.
    public var marker: Marker?
    public var pointSize: Double

    public init(xs: [Double], ys: [Double], classes: [Int]? = nil, classNames: [String]? = nil,
                title: String? = nil, colour: SeriesColour = .automatic, marker: Marker? = nil,
                pointSize: Double = 0.8) {
        self.xs = xs
        self.ys = ys
        self.classes = classes
        self.classNames = classNames
        self.title = title
        self.colour = colour
        self.marker = marker
        self.pointSize = pointSize
    }

    /// The legend text of the class at `rank` among the sorted distinct classes.
    private func className(rank: Int, label: Int) -> String {
        if let classNames, rank < classNames.count { return classNames[rank] }
        return title.map { "\($0) \(label)" } ?? "class \(label)"
    }
}

extension Scatter: SeriesDrawing {
    var layer: Int { 5 }
    var legendAvoids: [(xs: [Double], ys: [Double])] { [(xs, ys)] }
    var xExtent: [Double] { xs }
    var plottedPoints: (xs: [Double], ys: [Double])? { (xs, ys) }
    var classLabels: [Int] { classes ?? [] }

    var legendTitles: [String] {
        guard let classes else { return [title].compactMap { $0 } }
        return Array(Set(classes)).sorted().enumerated().map { className(rank: $0.offset, label: $0.element) }
    }

    func clauses(number: Int, renderer: inout PanelRenderer, lines: inout [String]) throws -> [String] {
        let what = "series \(number) (scatter)"
        try renderer.checkLengths(what, [("xs", xs.count), ("ys", ys.count)])
        guard pointSize.isFinite, pointSize > 0, pointSize <= 20 else {
            throw renderer.invalid("\(what): point size must be between 0 and 20")
        }
        let size = "ps \(GnuplotSyntax.number(pointSize))"
        guard let classes else {
            let block = try renderer.data.add(columns: [xs, ys])
            let marker = (marker ?? .circle).pointType
            return ["\(block) using 1:2 with points pt \(marker) \(size) lc rgb '\(renderer.colour(colour))' "
                + renderer.title(title)]
        }
        try renderer.checkLengths(what, [("xs", xs.count), ("classes", classes.count)])
        // One pass groups the points by class: filtering once per class would cost points × classes.
        let members = Dictionary(grouping: classes.indices, by: { classes[$0] })
        let distinct = members.keys.sorted()
        renderer.reservePaletteColours(renderer.classes.count)
        var clauses: [String] = []
        for (rank, label) in distinct.enumerated() {
            let indices = members[label] ?? []
            let block = try renderer.data.add(columns: [indices.map { xs[$0] }, indices.map { ys[$0] }])
            // Colour and marker follow the class's place among all classes of the panel,
            // so a class looks the same in every scatter and class region.
            let place = renderer.classRank(label) ?? rank
            let marker = Marker.allCases[place % Marker.allCases.count].pointType
            clauses.append("\(block) using 1:2 with points pt \(marker) \(size) "
                + "lc rgb '\(Style.paletteColour(place).hexString)' \(renderer.title(className(rank: rank, label: label)))")
        }
        return clauses
    }
}
