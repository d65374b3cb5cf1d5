import Foundation

/// An sRGB colour, written into scripts as `'#RRGGBB'`.
public struct Colour: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    /// Creates a colour from its components.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a `0xRRGGBB` literal.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
    }

    /// The colour as `#rrggbb`, the only form in which a colour reaches a script.
    public var hexString: String {
        String(format: "#%02X%02X%02X", red, green, blue)
    }
}

/// How a series chooses its colour.
public enum SeriesColour: Hashable, Sendable {
    /// The next unused colour of the palette within the panel.
    case automatic
    /// A fixed entry of the palette (wrapping around).
    case palette(Int)
    /// An explicit colour.
    case rgb(Colour)
}

/// Dash patterns for lines.
public enum Dash: Hashable, Sendable {
    case solid, dashed, dotted, dashDot

    var gnuplot: String {
        switch self {
        case .solid: return "dt solid"
        case .dashed: return "dt (8,4)"
        case .dotted: return "dt (2,3)"
        case .dashDot: return "dt (8,3,2,3)"
        }
    }
}

/// How a line is drawn.
public struct LineStyle: Hashable, Sendable {
    public var colour: SeriesColour
    public var width: Double
    public var dash: Dash

    /// Creates a line style; the defaults give a solid 2-pixel line in the next palette colour.
    public init(colour: SeriesColour = .automatic, width: Double = 2, dash: Dash = .solid) {
        self.colour = colour
        self.width = width
        self.dash = dash
    }
}

/// Point shapes for scatter plots (all filled).
public enum Marker: CaseIterable, Hashable, Sendable {
    case circle, triangle, square, diamond, invertedTriangle, pentagon, cross, plus

    var pointType: Int {
        switch self {
        case .circle: return 7
        case .triangle: return 9
        case .square: return 5
        case .diamond: return 13
        case .invertedTriangle: return 11
        case .pentagon: return 15
        case .cross: return 2
        case .plus: return 1
        }
    }
}

/// Colour maps for heatmaps and surfaces.
public enum ColourMap: Hashable, Sendable {
    /// Perceptually uniform, colour-blind safe, dark to light.
    case viridis
    /// Blue – white – red (Paul Tol's BuRd), for signed values centred on zero.
    case diverging

    var gnuplot: String {
        switch self {
        case .viridis:
            return "set palette defined (0 '#440154', 1 '#472C7A', 2 '#3B518B', 3 '#2C718E', "
                + "4 '#21908D', 5 '#27AD81', 6 '#5CC863', 7 '#AADC32', 8 '#FDE725')"
        case .diverging:
            return "set palette defined (0 '#2166AC', 1 '#4393C3', 2 '#92C5DE', 3 '#D1E5F0', "
                + "4 '#F7F7F7', 5 '#FDDBC7', 6 '#F4A582', 7 '#D6604D', 8 '#B2182B')"
        }
    }
}

/// The house style: one palette, one font, one set of defaults.
public enum Style {
    /// The Okabe–Ito palette, ordered so that the first colours are the most distinct
    /// on white (yellow comes last).
    public static let palette: [Colour] = [
        Colour(hex: 0x0072B2), // blue
        Colour(hex: 0xD55E00), // vermillion
        Colour(hex: 0x009E73), // bluish green
        Colour(hex: 0xE69F00), // orange
        Colour(hex: 0xCC79A7), // reddish purple
        Colour(hex: 0x56B4E9), // sky blue
        Colour(hex: 0x000000), // black
        Colour(hex: 0xF0E442), // yellow
    ]

    /// Light tints that alternate behind shaded x-intervals.
    public static let intervalTints: [Colour] = [
        Colour(hex: 0xDCEBF5), Colour(hex: 0xFBE6D6), Colour(hex: 0xDDF1EA), Colour(hex: 0xFBF0D5),
    ]

    /// Colour of reference lines, axes and annotations.
    public static let ink = Colour(hex: 0x404040)
    /// Colour of the background grid.
    public static let gridColour = Colour(hex: 0xE5E5E5)
    /// Size of a single-panel figure: fits a 16:10 slide.
    public static let singlePanelSize = PixelSize(width: 640, height: 400)
    /// Size of one cell of a multi-panel figure.
    public static let gridCellSize = PixelSize(width: 420, height: 300)
    /// Font size in points of every figure, whatever its size: text that reads on a
    /// slide next to a 640×400 figure keeps that size on a larger canvas.
    public static let baseFontSize = 12.0
    /// Cells smaller than this (in pixels) get a proportionally smaller font (at least 8 points).
    static let smallCell = PixelSize(width: 320, height: 200)
    /// The average width of a character relative to the font size, a little generous
    /// for the sans-serif fonts of the terminals (DejaVu Sans averages about 0.6).
    static let characterWidthRatio = 0.66

    /// The palette colour at `index`, wrapping around.
    public static func paletteColour(_ index: Int) -> Colour {
        let count = palette.count
        return palette[((index % count) + count) % count]
    }

    /// The font size for a figure of `size` laid out as `layout`: `baseFontSize`,
    /// smaller only for cells below `smallCell`, never larger.
    static func fontSize(for size: PixelSize, layout: Layout) -> Int {
        let cellWidth = Double(size.width) / Double(max(layout.columns, 1))
        let cellHeight = Double(size.height) / Double(max(layout.rows, 1))
        let scale = min(cellWidth / Double(smallCell.width), cellHeight / Double(smallCell.height), 1)
        return Int(max((baseFontSize * scale).rounded(), 8))
    }
}

/// How much text fits where: the size of one cell of the layout and the average
/// width of a character, in the same units (pixels, or characters for `dumb`).
struct TextMetrics {
    var cellWidth: Double
    var cellHeight: Double
    var figureWidth: Double
    var characterWidth: Double

    /// How many characters fit on a line `width` wide, leaving `padding` characters free.
    func characters(in width: Double, padding: Double = 0) -> Int {
        max(Int((width / characterWidth - padding).rounded(.down)), 8)
    }

    /// `text` broken at spaces into lines of at most `limit` characters (a longer word
    /// stays whole), and at most `maximumLines` lines (the last takes the rest).
    static func wrap(_ text: String, limit: Int, maximumLines: Int = 3) -> [String] {
        guard text.count > limit else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if lines.count == maximumLines - 1 {
                current += current.isEmpty ? String(word) : " " + word
                continue
            }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        lines.append(current)
        return lines
    }
}
