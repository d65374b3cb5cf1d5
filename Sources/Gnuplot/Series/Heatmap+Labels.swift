import Foundation

/// Numbers in the cells of a heatmap: which, how many digits, how large, and in
/// which colour so they read on the cell below.
extension Heatmap {
    /// Labels smaller than this many points are left out unless asked for.
    static let smallestAutomaticLabel = 7.0

    /// The `plot` clause writing the labels, or nil when there are none.
    func labelClause(_ what: String, renderer: inout PanelRenderer) throws -> String? {
        guard renderer.terminal.showsCellLabels, let numbers = try labelNumbers(what, renderer: renderer) else { return nil }
        let decimals = Self.decimals(for: numbers.joined())
        let widest = numbers.joined().filter(\.isFinite).map { Self.formatted($0, decimals: decimals).count }.max() ?? 0
        guard widest > 0 else { return nil }
        let cell = renderer.estimatedCellSize(columns: xs.count, rows: ys.count)
        let fitting = min(renderer.metrics.fontSize, 0.85 * cell.width / (Double(widest) * 0.6), 0.55 * cell.height)
        if case .automatic = labels, fitting < Self.smallestAutomaticLabel { return nil }
        let points = max(fitting.rounded(.down), 5)

        var rows: [[Double]?] = []
        for (j, row) in numbers.enumerated() {
            for (i, number) in row.enumerated() where number.isFinite {
                let rounded = Self.rounded(number, decimals: decimals)
                let ink = renderer.cellLabelColour(value: values[j][i], categorical: isCategorical)
                rows.append([xs[i], ys[j], rounded, Double(ink.packed)])
            }
        }
        guard !rows.isEmpty else { return nil }
        let block = try renderer.data.add(rows)
        return "\(block) using 1:2:(sprintf('%.\(decimals)f', $3)):4 with labels textcolor rgb variable "
            + "font ',\(GnuplotSyntax.number(points))' notitle"
    }

    /// The numbers to write, or nil when the cells get none.
    private func labelNumbers(_ what: String, renderer: PanelRenderer) throws -> [[Double]]? {
        switch labels {
        case .hidden:
            return nil
        case .automatic:
            let limit = CellLabels.automaticLimit
            return xs.count <= limit && ys.count <= limit ? values : nil
        case .values:
            return values
        case .numbers(let numbers):
            guard numbers.count == ys.count, numbers.allSatisfy({ $0.count == xs.count }) else {
                throw renderer.invalid("\(what): labels must be \(ys.count) rows of \(xs.count) numbers, like the values")
            }
            return numbers
        }
    }

    /// Digits after the point: whole numbers get none, others two significant
    /// digits of the largest magnitude (0.53, 3.2, 15), at most four.
    static func decimals(for numbers: some Sequence<Double>) -> Int {
        let finite = numbers.filter(\.isFinite)
        if finite.allSatisfy({ $0 == $0.rounded() }) { return 0 }
        guard let largest = finite.map(abs).max(), largest > 0 else { return 0 }
        return min(max(1 - Int(log10(largest).rounded(.down)), 0), 4)
    }

    /// `number` rounded to `decimals` places, without a negative zero ("-0.0").
    static func rounded(_ number: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        let value = (number * scale).rounded() / scale
        return value == 0 ? 0 : value
    }

    static func formatted(_ number: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", rounded(number, decimals: decimals))
    }
}
