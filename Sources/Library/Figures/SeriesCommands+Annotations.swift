import Gnuplot
import Language

/// `hline`, `vline`, `text`, `note` and `arrow`: things drawn over the data.
extension SeriesCommands {
    /// `hline y, label: "…"`.
    static func hline(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let y = try arguments.position(0, "y")
        let style = try referenceStyle(arguments)
        panel.annotations.append(.horizontalLine(y: y, label: try arguments.text("label", "title"), style: style))
    }

    /// `vline x, label: "…"`.
    static func vline(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let x = try arguments.position(0, "x")
        let style = try referenceStyle(arguments)
        panel.annotations.append(.verticalLine(x: x, label: try arguments.text("label", "title"), style: style))
    }

    /// `text "label", x, y, align: "centre", colour: "white", size: 14`.
    static func text(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let label = try arguments.scope.text(try arguments.value(0), "the label", of: "text")
        let point = Point(x: try arguments.position(1, "x"), y: try arguments.position(2, "y"))
        var alignment = TextAlignment.left
        if let align = arguments.option("align") {
            alignment = try arguments.scope.choose(align, "align", of: "text",
                                                   among: [("left", .left), ("centre", .centre), ("center", .centre), ("right", .right)])
        }
        var size: Double?
        if let placed = arguments.option("size") {
            let points = try arguments.scope.positiveNumber(placed, "size", of: "text")
            guard (1...200).contains(points) else {
                throw arguments.scope.error(.runtime, "text: size must be 1 to 200 points, got \(FigureScope.describe(points))",
                                            at: placed.range)
            }
            size = points
        }
        panel.annotations.append(.text(label, at: point, alignment: alignment, colour: try arguments.colour(), size: size))
    }

    /// `note "label", corner: "top left"`: text in a corner, clear of the data (`"auto"`,
    /// the default, takes the least crowded corner the legend leaves free).
    static func note(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let label = try arguments.scope.text(try arguments.value(0), "the note", of: "note")
        var corner = Corner.automatic
        if let placed = arguments.option("corner") {
            corner = try arguments.scope.choose(placed, "corner", of: "note", among: [
                ("auto", .automatic), ("top left", .topLeft), ("top right", .topRight),
                ("bottom left", .bottomLeft), ("bottom right", .bottomRight),
            ])
        }
        panel.annotations.append(.note(label, corner: corner))
    }

    /// `arrow x1, y1, x2, y2`.
    static func arrow(_ arguments: FigureArguments, _ panel: inout Panel) throws {
        let from = Point(x: try arguments.position(0, "x1"), y: try arguments.position(1, "y1"))
        let to = Point(x: try arguments.position(2, "x2"), y: try arguments.position(3, "y2"))
        panel.annotations.append(.arrow(from: from, to: to, style: try referenceStyle(arguments)))
    }

    /// The style of a reference line or arrow: the house default unless an option is given.
    private static func referenceStyle(_ arguments: FigureArguments) throws -> LineStyle? {
        let styled = ["colour", "color", "width", "dash"].contains { arguments.option($0) != nil }
        return styled ? try arguments.lineStyle(defaultWidth: 1) : nil
    }
}
