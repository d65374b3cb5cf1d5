import Gnuplot
import Language

/// The options of a panel (`xlabel:`, `xrange:`, `legend:` …). Given on a figure they
/// apply to all its panels; a panel's own options override them.
enum PanelOptions {
    static let names = ["xlabel", "ylabel", "zlabel", "cblabel", "xrange", "yrange", "zrange", "cbrange",
                        "xlog", "ylog", "xreverse", "yreverse", "xticks", "yticks", "legend", "aspect", "grid", "colormap", "colourmap"]

    /// Applies the panel options among `arguments` to `panel`.
    static func apply(_ arguments: FigureArguments, to panel: inout Panel) throws {
        let scope = arguments.scope, owner = arguments.owner
        for (label, placed) in arguments.named {
            switch label {
            case "xlabel": panel.x.label = try scope.text(placed, label, of: owner)
            case "ylabel": panel.y.label = try scope.text(placed, label, of: owner)
            case "zlabel": panel.z.label = try scope.text(placed, label, of: owner)
            case "cblabel": panel.colourBar.label = try scope.text(placed, label, of: owner)
            case "xrange": try setBounds(&panel.x, placed, label, scope: scope, owner: owner)
            case "yrange": try setBounds(&panel.y, placed, label, scope: scope, owner: owner)
            case "zrange": try setBounds(&panel.z, placed, label, scope: scope, owner: owner)
            case "cbrange": try setBounds(&panel.colourBar, placed, label, scope: scope, owner: owner)
            case "xlog": panel.x.scale = try scope.flag(placed, label, of: owner) ? .log10 : .linear
            case "ylog": panel.y.scale = try scope.flag(placed, label, of: owner) ? .log10 : .linear
            case "xreverse": panel.x.reversed = try scope.flag(placed, label, of: owner)
            case "yreverse": panel.y.reversed = try scope.flag(placed, label, of: owner)
            case "xticks": panel.x.ticks = try ticks(placed, label, scope: scope, owner: owner)
            case "yticks": panel.y.ticks = try ticks(placed, label, scope: scope, owner: owner)
            case "legend": panel.legend = try scope.legend(placed, of: owner)
            case "aspect": panel.aspect = try scope.aspect(placed, of: owner)
            case "grid": panel.grid = try scope.flag(placed, label, of: owner)
            case "colormap", "colourmap": panel.colourMap = try scope.colourMap(placed, of: owner)
            default: break
            }
        }
    }

    private static func setBounds(_ axis: inout Axis, _ placed: PlacedValue, _ label: String,
                                  scope: FigureScope, owner: String) throws {
        let (low, high) = try scope.bounds(placed, label, of: owner)
        axis.lowerBound = low
        axis.upperBound = high
    }

    /// `xticks: 0.5` (spacing), `xticks: [0, 0.5, 1]` (positions) or `xticks: false`.
    private static func ticks(_ placed: PlacedValue, _ label: String, scope: FigureScope, owner: String) throws -> Ticks {
        if placed.value.bool == false || placed.value.string == "none" { return .hidden }
        if placed.value.bool == true || placed.value.string == "auto" { return .automatic }
        if placed.value.asNumber != nil { return .every(try scope.positiveNumber(placed, label, of: owner)) }
        let positions = try scope.numbers(placed, label, of: owner)
        guard positions.allSatisfy(\.isFinite) else {
            throw scope.error(.runtime, "\(owner): \(label) must be finite", at: placed.range)
        }
        return .explicit(positions.map { Tick($0) })
    }
}
