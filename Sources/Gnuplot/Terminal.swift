/// The gnuplot terminal (output format) a script draws on.
public enum Terminal: Hashable, Sendable {
    /// Scalable vector graphics; `nil` size uses the figure's.
    case svg(PixelSize? = nil)
    /// PNG via cairo (anti-aliased).
    case png(PixelSize? = nil)
    /// PDF via cairo; pixels are converted at 72 per inch so fonts look as in PNG.
    case pdf(PixelSize? = nil)
    /// Text for a terminal, `columns` × `rows` characters, optionally with ANSI 256 colours.
    case dumb(columns: Int = 80, rows: Int = 25, ansiColour: Bool = false)
    /// Sixel graphics for terminals that show images inline.
    case sixel(PixelSize? = nil)

    /// Whether an image series must be drawn as one rectangle per cell: gnuplot's SVG
    /// embeds other images as a small bitmap that viewers smooth into blurs. Cairo and
    /// libgd draw bitmaps with nearest-neighbour sampling, which stays crisp (and
    /// leaves no seams between cells, as anti-aliased rectangles would).
    var drawsImageCells: Bool {
        if case .svg = self { return true }
        return false
    }

    /// Whether value labels can be written inside cells (not on a text terminal).
    var showsCellLabels: Bool {
        if case .dumb = self { return false }
        return true
    }

    /// The extension of files written with this terminal.
    public var fileExtension: String {
        switch self {
        case .svg: return "svg"
        case .png: return "png"
        case .pdf: return "pdf"
        case .dumb: return "txt"
        case .sixel: return "sixel"
        }
    }

    /// The sizes that decide how much text fits in a figure drawn on this terminal.
    func textMetrics(figureSize: PixelSize, layout: Layout, style: FigureStyle) -> TextMetrics {
        let rows = Double(max(layout.rows, 1)), columns = Double(max(layout.columns, 1))
        let canvas: PixelSize
        switch self {
        case .dumb(let width, let height, _):
            let width = Double(max(width, 10)), height = Double(max(height, 5))
            return TextMetrics(cellWidth: width / columns, cellHeight: height / rows, figureWidth: width, characterWidth: 1,
                               fontSize: 1)
        case .svg(let size), .png(let size), .pdf(let size), .sixel(let size):
            canvas = size ?? figureSize
        }
        let points = Double(style.fontSize(for: canvas, layout: layout))
        return TextMetrics(cellWidth: Double(canvas.width) / columns, cellHeight: Double(canvas.height) / rows,
                           figureWidth: Double(canvas.width), characterWidth: points * Style.characterWidthRatio,
                           fontSize: points)
    }

    /// The `set terminal` command for a figure of `figureSize` (fonts and lines scaled
    /// for `layout` and `style`).
    func command(figureSize: PixelSize, layout: Layout, style: FigureStyle) -> String {
        func font(_ family: String, _ size: PixelSize) -> String {
            "font '\(family),\(style.fontSize(for: size, layout: layout))' "
                + "linewidth \(GnuplotSyntax.number(style.lineScale(for: size, layout: layout)))"
        }
        switch self {
        case .svg(let size):
            let size = size ?? figureSize
            return "set terminal svg size \(size.width),\(size.height) noenhanced "
                + "\(font("sans-serif", size)) background rgb 'white'"
        case .png(let size):
            let size = size ?? figureSize
            return "set terminal pngcairo size \(size.width),\(size.height) noenhanced "
                + "\(font("Sans", size)) background rgb 'white'"
        case .pdf(let size):
            let size = size ?? figureSize
            let width = GnuplotSyntax.number(Double(size.width) / 72)
            let height = GnuplotSyntax.number(Double(size.height) / 72)
            return "set terminal pdfcairo size \(width)in,\(height)in noenhanced \(font("Sans", size))"
        case .dumb(let columns, let rows, let ansiColour):
            return "set terminal dumb size \(max(columns, 10)),\(max(rows, 5)) noenhanced "
                + (ansiColour ? "ansi256" : "mono")
        case .sixel(let size):
            let size = size ?? figureSize
            return "set terminal sixelgd size \(size.width),\(size.height) truecolor noenhanced "
                + "\(font("Sans", size)) background rgb 'white'"
        }
    }
}
