import Foundation

/// Picks the inside corner of a panel where the legend hides the fewest data points.
enum LegendChooser {
    static func leastCrowdedCorner(of panel: Panel) -> LegendPlacement {
        leastCrowdedCorner(of: panel, excluding: [])
    }

    /// The least crowded inside corner other than those in `taken` (top right when all are).
    static func leastCrowdedCorner(of panel: Panel, excluding taken: [LegendPlacement]) -> LegendPlacement {
        var xs: [Double] = [], ys: [Double] = []
        func add(_ x: [Double], _ y: [Double]) {
            for (a, b) in zip(x, y) { xs.append(a); ys.append(b) }
        }
        for points in panel.series.flatMap(\.drawing.legendAvoids) { add(points.xs, points.ys) }
        guard let u = normalised(xs, axis: panel.x), let v = normalised(ys, axis: panel.y) else { return .topRight }
        let corners: [(LegendPlacement, (Double, Double) -> Bool)] = [
            (.topRight, { $0 > 0.55 && $1 > 0.65 }),
            (.topLeft, { $0 < 0.45 && $1 > 0.65 }),
            (.bottomRight, { $0 > 0.55 && $1 < 0.35 }),
            (.bottomLeft, { $0 < 0.45 && $1 < 0.35 }),
        ]
        var best = LegendPlacement.topRight, fewest = Int.max
        for (corner, contains) in corners where !taken.contains(corner) {
            let count = zip(u, v).filter { contains($0, $1) }.count
            if count < fewest { best = corner; fewest = count }
        }
        return best
    }

    /// Values mapped to 0...1 across the axis as drawn (NaN where not drawable);
    /// `nil` when there is nothing to place.
    private static func normalised(_ values: [Double], axis: Axis) -> [Double]? {
        let transformed = values.map { value -> Double in
            if case .logarithmic = axis.scale { return value > 0 ? log(value) : .nan }
            return value
        }
        let finite = transformed.filter(\.isFinite)
        func edge(_ bound: Double?) -> Double? {
            guard let bound else { return nil }
            if case .logarithmic = axis.scale { return bound > 0 ? log(bound) : nil }
            return bound
        }
        guard let low = edge(axis.lowerBound) ?? finite.min(),
              let high = edge(axis.upperBound) ?? finite.max() else { return nil }
        let span = high - low
        return transformed.map { value in
            let t = span > 0 ? (value - low) / span : 0.5
            return axis.reversed ? 1 - t : t
        }
    }
}
