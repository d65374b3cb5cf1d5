import Foundation
import Gnuplot

/// The sweep's summary figure, `DIR/summary.svg`: one result against one numeric
/// parameter, one line per value of another parameter. Points that share both values
/// (other parameters, such as seeds) are averaged; failed points are left out.
enum SummaryFigure {
    static let name = "summary"

    /// What the figure shows: the chosen names, or those chosen from the table.
    struct Selection: Equatable {
        var result: String
        var x: String
        var lines: String?
    }

    /// Draws the figure into `folder`; nil (with a `note` why) when the table has nothing to draw.
    ///
    /// - Throws: `SweepUsageError` for a choice that names nothing in the table, and gnuplot's errors.
    static func write(_ table: SweepTable, choice: FigureChoice, into folder: URL, note: (String) -> Void) throws -> URL? {
        guard let selection = try select(table, choice: choice, note: note) else { return nil }
        let figure = Figure(name: name, title: "\(selection.result) against \(selection.x)",
                            panel: Panel(x: Axis(label: selection.x), y: Axis(label: selection.result),
                                         series: series(table, selection)))
        return try FigureWriter(process: GnuplotProcess()).write(figure, to: folder).image
    }

    /// The result, x parameter and line parameter, from `choice` or else the first numeric
    /// result and the first two parameters with several numeric (x) or any (lines) values.
    static func select(_ table: SweepTable, choice: FigureChoice, note: (String) -> Void) throws -> Selection? {
        let passed = table.rows.filter { $0.status == "passed" }
        let numericResults = table.results.filter { name in passed.contains { $0.results[name]?.number != nil } }
        if let result = choice.result, !table.results.contains(result) {
            throw SweepUsageError("--plot \(result): no point recorded a result of that name",
                                  hint: table.results.isEmpty ? "a notebook marks results with record(\"name\", value)" : "the results are: \(table.results.joined(separator: ", "))")
        }
        for (flag, name) in [("--against", choice.x), ("--lines-by", choice.lines)] {
            if let name, !table.parameters.contains(name) {
                throw SweepUsageError("\(flag) \(name): not a swept parameter", hint: "the swept parameters are: \(table.parameters.joined(separator: ", "))")
            }
        }
        guard let result = choice.result ?? numericResults.first else {
            note("no summary figure: no point recorded a number with record(\"name\", value)")
            return nil
        }
        let distinct = { (name: String) in Set(table.rows.compactMap { $0.parameters[name] }).count }
        let numeric = { (name: String) in table.rows.allSatisfy { $0.parameters[name].flatMap(Double.init) != nil } }
        guard let x = choice.x ?? table.parameters.first(where: { distinct($0) > 1 && numeric($0) }) else {
            note("no summary figure: no swept parameter has several numeric values")
            return nil
        }
        guard numeric(x) else { throw SweepUsageError("--against \(x): its values are not all numbers") }
        let lines = choice.lines ?? table.parameters.first { $0 != x && $0 != GridSpecification.seedParameter && distinct($0) > 1 }
        return Selection(result: result, x: x, lines: lines == x ? nil : lines)
    }

    /// A line with markers per value of the line parameter, through the means at each x.
    static func series(_ table: SweepTable, _ selection: Selection) -> [Series] {
        let rows = table.rows.filter { $0.status == "passed" }
        let groups = selection.lines.map { name in ordered(rows.compactMap { $0.parameters[name] }) } ?? [""]
        return groups.enumerated().flatMap { index, group -> [Series] in
            let members = rows.filter { row in selection.lines.map { row.parameters[$0] == group } ?? true }
            var sums: [Double: (total: Double, count: Int)] = [:]
            for row in members {
                guard let x = row.parameters[selection.x].flatMap(Double.init), let y = row.results[selection.result]?.number else { continue }
                sums[x, default: (0, 0)].total += y
                sums[x, default: (0, 0)].count += 1
            }
            let xs = sums.keys.sorted()
            let ys = xs.map { sums[$0].map { $0.total / Double($0.count) } ?? .nan }
            let title = selection.lines.map { "\($0) = \(group)" }
            return [.line(Line(xs: xs, ys: ys, title: title, style: LineStyle(colour: .palette(index)))),
                    .scatter(Scatter(xs: xs, ys: ys, colour: .palette(index)))]
        }
    }

    /// Distinct values in numeric order when all are numbers, else in order of appearance.
    private static func ordered(_ values: [String]) -> [String] {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        guard seen.allSatisfy({ Double($0) != nil }) else { return seen }
        return seen.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) }
    }
}
