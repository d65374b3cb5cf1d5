/// Renders the `set` commands of one axis.
enum AxisRenderer {
    /// Commands for `axis`, whose gnuplot name is `name` (`x`, `y`, `z` or `cb`).
    static func commands(for axis: Axis, name: String, panel: Int, figure: String) throws -> [String] {
        func invalid(_ message: String) -> GnuplotError {
            .invalidFigure(figure: figure, message: "panel \(panel), \(name) axis: \(message)")
        }
        var lines: [String] = []
        if let label = axis.label { lines.append("set \(name)label \(GnuplotSyntax.quoted(label))") }

        for bound in [axis.lowerBound, axis.upperBound].compactMap({ $0 }) where !bound.isFinite {
            throw invalid("range bounds must be finite numbers")
        }
        if case .logarithmic(let base) = axis.scale {
            guard base.isFinite, base > 1 else { throw invalid("logarithm base must be greater than 1") }
            for bound in [axis.lowerBound, axis.upperBound].compactMap({ $0 }) where bound <= 0 {
                throw invalid("a logarithmic axis needs positive bounds")
            }
            lines.append("set logscale \(name) \(GnuplotSyntax.number(base))")
            // gnuplot's default tick format prints 1e-6 as "0.0000010".
            lines.append("set format \(name) '%g'")
        }
        if let lower = axis.lowerBound, let upper = axis.upperBound, lower == upper {
            throw invalid("the range is empty (both ends are \(GnuplotSyntax.number(lower)))")
        }
        if axis.lowerBound != nil || axis.upperBound != nil || axis.reversed {
            let low = axis.lowerBound.map(GnuplotSyntax.number) ?? "*"
            let high = axis.upperBound.map(GnuplotSyntax.number) ?? "*"
            if !axis.reversed {
                lines.append("set \(name)range [\(low):\(high)]")
            } else if axis.lowerBound != nil, axis.upperBound != nil {
                lines.append("set \(name)range [\(high):\(low)]")
            } else {
                lines.append("set \(name)range [\(low):\(high)] reverse")
            }
        }

        switch axis.ticks {
        case .automatic:
            break
        case .hidden:
            lines.append("unset \(name)tics")
        case .every(let spacing):
            guard spacing.isFinite, spacing > 0 else { throw invalid("tick spacing must be a positive number") }
            lines.append("set \(name)tics \(GnuplotSyntax.number(spacing))")
        case .explicit(let ticks):
            guard !ticks.isEmpty else {
                lines.append("unset \(name)tics")
                break
            }
            var items: [String] = []
            for tick in ticks {
                guard tick.value.isFinite else { throw invalid("tick positions must be finite numbers") }
                let value = GnuplotSyntax.number(tick.value)
                items.append(tick.label.map { "\(GnuplotSyntax.quoted($0)) \(value)" } ?? value)
            }
            lines.append("set \(name)tics (\(items.joined(separator: ", ")))")
        }
        return lines
    }
}
